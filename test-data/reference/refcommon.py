"""Shared code of the Python reference scripts (no R, no Weka, no glmnet).

- read_arff: an ARFF reader following Weka 3.8's ArffLoader tokenizer rules
  (',' and blanks separate, ' and " quote with backslash escapes, '%' starts a
  comment, an unquoted ? is missing, a quoted '?' is a value, {w} after the last
  value is the instance weight). Sparse ARFF is not supported.
- design: the design matrix of shared/ALGORITHM.md ("Design matrix from Weka
  data"), full coding (penalised fits) or treatment coding (unpenalised fits).
- the penalised objective, its gradient in standardised coordinates, the KKT
  violation, the multinomial centring, and an independent solver (SciPy
  L-BFGS-B on the split form, then Newton polishing on the active set).
"""
import math
import os

import numpy as np
from scipy import optimize, special

HERE = os.path.dirname(os.path.abspath(__file__))
TD = os.path.dirname(HERE)

# ------------------------------------------------------------------ ARFF


def _tokens(line):
    """Tokens of one line as (text, quoted); braces are their own tokens."""
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c <= " " or c == ",":
            i += 1
        elif c == "%":
            break
        elif c in "{}":
            out.append((c, False))
            i += 1
        elif c in "'\"":
            q, i, buf = c, i + 1, []
            while i < n and line[i] != q:
                if line[i] == "\\" and i + 1 < n:
                    e = line[i + 1]
                    buf.append({"n": "\n", "t": "\t", "r": "\r"}.get(e, e))
                    i += 2
                else:
                    buf.append(line[i])
                    i += 1
            if i >= n:
                raise ValueError("unterminated quote: " + line)
            out.append(("".join(buf), True))
            i += 1
        else:
            j = i
            while j < n and not (line[j] <= " " or line[j] in ",%{}'\""):
                j += 1
            out.append((line[i:j], False))
            i = j
    return out


class Arff:
    def __init__(self, path):
        self.path = path
        self.attrs = []  # (name, None | [values])
        rows, weights, in_data = [], [], False
        with open(path, encoding="utf-8") as f:
            for line in f:
                tk = _tokens(line.rstrip("\n"))
                if not tk:
                    continue
                if not in_data:
                    key = tk[0][0].lower()
                    if key == "@attribute":
                        name = tk[1][0]
                        if tk[2][0] == "{" and not tk[2][1]:
                            end = [k for k, t in enumerate(tk) if t == ("}", False)][0]
                            self.attrs.append((name, [t[0] for t in tk[3:end]]))
                        else:
                            if tk[2][0].lower() not in ("numeric", "real", "integer"):
                                raise ValueError("unsupported type " + tk[2][0])
                            self.attrs.append((name, None))
                    elif key == "@data":
                        in_data = True
                    continue
                na = len(self.attrs)
                if tk[0] == ("{", False):
                    raise ValueError("sparse ARFF not supported")
                vals = tk[:na]
                if len(vals) < na:
                    raise ValueError("short line: " + line)
                w = 1.0
                if len(tk) > na:
                    if tk[na] != ("{", False) or tk[na + 2] != ("}", False):
                        raise ValueError("bad weight: " + line)
                    w = float(tk[na + 1][0])
                row = []
                for (name, nom), (s, quoted) in zip(self.attrs, vals):
                    if s == "?" and not quoted:
                        row.append(math.nan)
                    elif nom is None:
                        row.append(float(s))
                    else:
                        row.append(float(nom.index(s)))
                rows.append(row)
                weights.append(w)
        self.values = np.array(rows, dtype=float)
        self.weights = np.array(weights, dtype=float)
        self.classes = self.attrs[-1][1]


def read_arff(name):
    return Arff(os.path.join(TD, name))

# ------------------------------------------------------------------ design


class Design:
    """X (n x p), names, y (class index), w; rows with a missing class or a zero
    weight dropped. coding='full': m-valued nominal -> m columns; 'treatment':
    m-1 columns (first value dropped). 2-valued nominal -> 1 column either way."""

    def __init__(self, arff, coding="full"):
        v, w = arff.values, arff.weights
        keep = ~np.isnan(v[:, -1]) & (w > 0)
        self.kept_rows = np.nonzero(keep)[0]
        v, w = v[keep], w[keep]
        cols, names = [], []
        for j, (name, nom) in enumerate(arff.attrs[:-1]):
            x = v[:, j].copy()
            ok = ~np.isnan(x)
            if nom is None:
                x[~ok] = (w[ok] @ x[ok]) / w[ok].sum() if ok.any() else 0.0
                cols.append(x)
                names.append(name)
            else:
                tot = np.array([w[ok & (x == k)].sum() for k in range(len(nom))])
                x[~ok] = int(np.argmax(tot))  # first maximum: lowest index wins ties
                if len(nom) == 2:
                    levels = [1]
                elif coding == "full":
                    levels = range(len(nom))
                else:
                    levels = range(1, len(nom))
                for k in levels:
                    cols.append((x == k).astype(float))
                    names.append("%s=%s" % (name, nom[k]))
        self.X = np.column_stack(cols)
        self.names = names
        self.y = v[:, -1].astype(int)
        self.w = w
        self.classes = arff.classes
        self.K = len(self.classes)

    def targets(self, family):
        if family == "binomial":
            return (self.y == 1).astype(float)[:, None]
        return np.eye(self.K)[self.y]

# ------------------------------------------------------------------ objective


class Problem:
    """The ALGORITHM.md objective in standardised coordinates.

    Z = (X - m) / s with weighted m and s (divisor W); s = 1 when not standardising.
    Columns that are constant over the kept rows are left out (coefficient 0).
    Parameters: b0 (R,) and B (p, R) with R = 1 (binomial) or K (multinomial)."""

    def __init__(self, design, family, lam, alpha, standardize=True):
        X, w = design.X, design.w
        self.family, self.lam, self.alpha = family, lam, alpha
        self.W = w.sum()
        self.w = w / self.W
        self.m = self.w @ X
        sd = np.sqrt(self.w @ (X - self.m) ** 2)
        self.const = X.max(0) == X.min(0)
        self.s = np.where(self.const, 1.0, sd if standardize else 1.0)
        self.Z = np.where(self.const, 0.0, (X - self.m) / self.s)
        self.Y = design.targets(family)
        self.R = self.Y.shape[1]
        self.p = X.shape[1]

    # --- conversions between the original and the standardised scale
    def to_std(self, b0, B):
        B = np.where(self.const[:, None], 0.0, B)
        return b0 + self.m @ B, B * self.s[:, None]

    def to_orig(self, bt0, Bt):
        B = np.where(self.const[:, None], 0.0, Bt / self.s[:, None])
        return bt0 - self.m @ B, B

    # --- loss
    def probs(self, bt0, Bt):
        eta = bt0 + self.Z @ Bt
        if self.family == "binomial":
            return special.expit(eta)
        eta = eta - eta.max(1, keepdims=True)
        e = np.exp(eta)
        return e / e.sum(1, keepdims=True)

    def loss(self, bt0, Bt):
        eta = bt0 + self.Z @ Bt
        if self.family == "binomial":
            l = np.logaddexp(0.0, eta) - self.Y * eta
        else:
            mx = eta.max(1, keepdims=True)
            lse = mx[:, 0] + np.log(np.exp(eta - mx).sum(1))
            return float(self.w @ (lse - (self.Y * eta).sum(1)))
        return float(self.w @ l[:, 0])

    def penalty(self, Bt):
        a = self.alpha
        return self.lam * ((1 - a) / 2 * (Bt ** 2).sum() + a * np.abs(Bt).sum())

    def objective(self, bt0, Bt):
        return self.loss(bt0, Bt) + self.penalty(Bt)

    def loss_grad(self, bt0, Bt):
        """Gradient of the loss (1/W) sum w_i l_i in (bt0, Bt)."""
        P = self.probs(bt0, Bt)
        r = (P - self.Y) * self.w[:, None]
        g0 = r.sum(0)
        G = self.Z.T @ r
        G[self.const] = 0.0
        return g0, G

    def kkt(self, bt0, Bt):
        """Largest KKT violation (ALGORITHM.md): intercepts |g0|; coefficient j:
        |g + lam(1-a) bt + lam a sign(bt)| if bt != 0, else max(0, |g| - lam a)."""
        g0, G = self.loss_grad(bt0, Bt)
        lam, a = self.lam, self.alpha
        nz = Bt != 0
        v = np.where(nz, np.abs(G + lam * (1 - a) * Bt + lam * a * np.sign(Bt)),
                     np.maximum(0.0, np.abs(G) - lam * a))
        v[self.const] = 0.0
        return max(float(np.abs(g0).max()), float(v.max()) if v.size else 0.0)

    def hessian(self, bt0, Bt):
        """Hessian of the loss in the stacked parameters [b0_r, Bt[:, r]] per class r."""
        P = self.probs(bt0, Bt)
        Zt = np.column_stack([np.ones(len(self.w)), self.Z])
        q = Zt.shape[1]
        if self.family == "binomial":
            d = self.w * P[:, 0] * (1 - P[:, 0])
            return (Zt * d[:, None]).T @ Zt
        R = self.R
        H = np.zeros((R * q, R * q))
        for k in range(R):
            for l in range(k, R):
                d = self.w * P[:, k] * ((k == l) - P[:, l])
                blk = (Zt * d[:, None]).T @ Zt
                H[k * q:(k + 1) * q, l * q:(l + 1) * q] = blk
                H[l * q:(l + 1) * q, k * q:(k + 1) * q] = blk.T
        return H


def centre_multinomial(prob, bt0, Bt):
    """Shift each column of Bt by the c minimising sum_k P_alpha(bt_kj - c) (mean for
    alpha=0, median for alpha=1, exact minimiser in between); the reported
    (original-scale) intercepts are then centred to sum to 0 by the caller."""
    a = prob.alpha
    Bt = Bt.copy()
    for j in range(Bt.shape[0]):
        v = np.sort(Bt[j])
        K = len(v)
        if a == 0:
            c = v.mean()
        elif a == 1:
            c = float(np.median(v))
        else:
            pen = lambda c: (1 - a) / 2 * ((v - c) ** 2).sum() + a * np.abs(v - c).sum()
            cands = list(v)
            lo = np.concatenate([[-np.inf], v])
            hi = np.concatenate([v, [np.inf]])
            for i in range(K + 1):  # i values below c: stationary point on that piece
                c = (v.sum() + a * (K - 2 * i) / (1 - a)) / K
                cands.append(min(max(c, lo[i]), hi[i]))
            c = min(cands, key=pen)
        Bt[j] -= c
    return Bt

# ------------------------------------------------------------------ solver


def _pack(bt0, Bt):
    return np.concatenate([bt0[None, :], Bt]).T.ravel()  # per class: [b0, b1..bp]


def _unpack(theta, p, R):
    M = theta.reshape(R, p + 1).T
    return M[0].copy(), M[1:].copy()


def solve(prob, bt0, Bt, tol=1e-13, lbfgs_first=True):
    """Independent solver. Stage 1: L-BFGS-B on the split form Bt = U - V, U, V >= 0
    (smooth objective), from the given start. Stage 2: Newton steps on the active
    set (nonzero coefficients plus zero ones that violate KKT), signs fixed, with a
    backtracking line search on the true objective and an orthant projection.
    Returns (bt0, Bt, kkt, info)."""
    p, R, lam, a = prob.p, prob.R, prob.lam, prob.alpha
    free = ~prob.const
    info = {}
    if lbfgs_first:
        nb = R  # intercepts
        npar = nb + 2 * p * R

        def f(th):
            b0 = th[:nb]
            U = th[nb:nb + p * R].reshape(p, R)
            V = th[nb + p * R:].reshape(p, R)
            Bt_ = U - V
            val = prob.loss(b0, Bt_) + lam * ((1 - a) / 2 * (Bt_ ** 2).sum() + a * (U + V).sum())
            g0, G = prob.loss_grad(b0, Bt_)
            G = G + lam * (1 - a) * Bt_
            gu, gv = G + lam * a, -G + lam * a
            gu[prob.const] = 0
            gv[prob.const] = 0
            return val, np.concatenate([g0, gu.ravel(), gv.ravel()])

        U0, V0 = np.maximum(Bt, 0), np.maximum(-Bt, 0)
        th0 = np.concatenate([bt0, U0.ravel(), V0.ravel()])
        bounds = [(None, None)] * nb + [(0, None) if free[j] else (0, 0)
                                        for _ in range(2) for j in range(p) for _r in range(R)]
        res = optimize.minimize(f, th0, jac=True, method="L-BFGS-B", bounds=bounds,
                                options={"maxiter": 200000, "maxfun": 400000, "maxcor": 30,
                                         "ftol": 1e-16, "gtol": 1e-14})
        th = res.x
        bt0 = th[:nb]
        Bt = th[nb:nb + p * R].reshape(p, R) - th[nb + p * R:].reshape(p, R)
        info["lbfgs_iter"] = res.nit
        info["lbfgs_kkt"] = prob.kkt(bt0, Bt)
    obj = prob.objective(bt0, Bt)
    newton = 0
    for it in range(200):
        k = prob.kkt(bt0, Bt)
        if k <= tol:
            break
        g0, G = prob.loss_grad(bt0, Bt)
        G = G + lam * (1 - a) * Bt
        act = (Bt != 0) | (np.abs(G) > lam * a)
        act[prob.const] = False
        sgn = np.where(Bt != 0, np.sign(Bt), -np.sign(G))
        gsm = G + lam * a * sgn  # gradient of the smooth model on the active set
        mask = np.concatenate([np.ones((1, R), bool), act]).T.ravel()
        grad = _pack(g0, np.where(act, gsm, 0.0))[mask]
        H = prob.hessian(bt0, Bt)
        H = H + lam * (1 - a) * np.diag(_pack(np.zeros(R), np.ones((p, R))))
        Ha = H[np.ix_(mask, mask)]
        d = np.zeros(mask.size)
        d[mask] = -np.linalg.lstsq(Ha, grad, rcond=1e-13)[0]
        d0, D = _unpack(d, p, R)
        t, improved = 1.0, False
        for _ in range(60):
            nb0, nB = bt0 + t * d0, Bt + t * D
            nB = np.where(act & (np.sign(nB) != sgn), 0.0, nB)  # orthant projection
            nobj = prob.objective(nb0, nB)
            if nobj <= obj + 1e-15 * abs(obj) and prob.kkt(nb0, nB) < k:
                improved = True
                break
            if nobj < obj:
                improved = True
                break
            t /= 2
        if not improved:
            break
        bt0, Bt, obj = nb0, nB, nobj
        newton += 1
    info["newton"] = newton
    return bt0, Bt, prob.kkt(bt0, Bt), info

# ------------------------------------------------------------------ CSV


def g17(x):
    return "%.17g" % x


def write_matrix(path, header, rownames, M):
    for h in header:
        if "," in h or '"' in h or "\n" in h:
            raise ValueError("name needs CSV quoting: " + h)
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for rn, row in zip(rownames, M):
            cells = [g17(v) if not (isinstance(v, float) and math.isnan(v)) else "NA" for v in row]
            f.write(",".join(([str(rn)] if rn is not None else []) + cells) + "\n")


def read_coef(path):
    """-> (rownames, header terms, matrix rows x (1 + p))"""
    with open(path) as f:
        header = f.readline().rstrip("\n").split(",")
        rows, names = [], []
        for line in f:
            cells = line.rstrip("\n").split(",")
            names.append(cells[0])
            rows.append([math.nan if c == "NA" else float(c) for c in cells[1:]])
    return names, header[2:], np.array(rows)
