"""Shared code of the glmnet-options reference (Python side, independent of R).

- parse_options: the Weka option string of a case (ElasticNetLogistic's syntax) turned
  into per-column penalty factors, limits, class weights and flags, exactly as
  shared/ALGORITHM.md and the option descriptions define them.
- OptProblem: the penalised objective with penalty factors, coefficient limits,
  the grouped multinomial penalty and no intercept; its gradient and its KKT
  violation (projected KKT at limits, group KKT when grouped).
- solve: an independent solver (proximal gradient with backtracking and restarts,
  then Newton steps on the free coordinates / nonzero groups with a line search on
  the true objective).
- centre: the multinomial centring of the reported coefficients.

The ARFF reader and the design matrix are those of ../reference/refcommon.py.
"""
import math
import os
import sys

import numpy as np
from scipy import special

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "reference"))
import refcommon as rc  # noqa: E402

# ------------------------------------------------------------------ options


def column_attributes(arff):
    """The attribute name of every design column (full coding), in column order."""
    out = []
    for name, nom in arff.attrs[:-1]:
        if nom is None or len(nom) == 2:
            out.append(name)
        else:
            out.extend([name] * len(nom))
    return out


def _attr_list(spec, attrs):
    """'a:1,b:2' -> {a: 1.0, b: 2.0}; every name must be an attribute."""
    out = {}
    for item in spec.split(","):
        name, value = item.rsplit(":", 1)
        if name not in attrs:
            raise ValueError("unknown attribute %r" % name)
        out[name] = float(value)
    return out


class Options:
    """Parsed option string; per-column vectors for a design with column attributes
    col_attr and class indices y (kept rows) with weights w."""

    def __init__(self, text, arff, design):
        tok = text.split()
        col_attr = column_attributes(arff)
        assert len(col_attr) == design.X.shape[1]
        attrs = set(col_attr)
        p = len(col_attr)
        self.text = text
        self.alpha = 1.0
        self.standardize = True
        self.intercept = True
        self.grouped = False
        self.relax = None
        raw_pf = np.ones(p)
        self.lower = np.full(p, -np.inf)
        self.upper = np.full(p, np.inf)
        cw = np.ones(design.K)
        i = 0
        while i < len(tok):
            t = tok[i]
            arg = tok[i + 1] if i + 1 < len(tok) else None
            if t == "-alpha":
                self.alpha = float(arg)
                i += 2
            elif t == "-no-standardize":
                self.standardize = False
                i += 1
            elif t == "-no-intercept":
                self.intercept = False
                i += 1
            elif t == "-grouped":
                self.grouped = True
                i += 1
            elif t == "-relax":
                self.relax = float(arg)
                i += 2
            elif t == "-penalty-factors":
                for a, v in _attr_list(arg, attrs).items():
                    raw_pf[[j for j in range(p) if col_attr[j] == a]] = v
                i += 2
            elif t == "-unpenalized":
                for a in arg.split(","):
                    if a not in attrs:
                        raise ValueError("unknown attribute %r" % a)
                    raw_pf[[j for j in range(p) if col_attr[j] == a]] = 0.0
                i += 2
            elif t in ("-lower-limit", "-upper-limit"):
                target = self.lower if t == "-lower-limit" else self.upper
                try:
                    target[:] = float(arg)
                except ValueError:
                    for a, v in _attr_list(arg, attrs).items():
                        target[[j for j in range(p) if col_attr[j] == a]] = v
                i += 2
            elif t == "-class-weights":
                if arg == "balanced":
                    Wk = np.array([design.w[design.y == k].sum() for k in range(design.K)])
                    K = int((Wk > 0).sum())
                    cw = np.where(Wk > 0, Wk.sum() / (K * np.where(Wk > 0, Wk, 1)), 1.0)
                else:
                    for item in arg.split(","):
                        c, v = item.rsplit(":", 1)
                        cw[design.classes.index(c)] = float(v)
                i += 2
            else:
                raise ValueError("unknown option %r in %r" % (t, text))
        assert (self.lower <= 0).all() and (self.upper >= 0).all()
        self.raw_pf = raw_pf
        # glmnet: vq = max(0, vp); vq = vq * ni / sum(vq), ni = all columns (constant ones too)
        self.pf = raw_pf * p / raw_pf.sum()
        self.class_weights = cw
        self.w = design.w * cw[design.y]

# ------------------------------------------------------------------ problem


class OptProblem:
    """minimise (1/W) sum_i w_i l_i + lam * sum_j v_j P_j(bt_j) subject to
    lower_j <= b_kj <= upper_j (original scale), with b = bt / s.

    Columns: Z = (X - c) / s, s = weighted sd with divisor W (centred, with or without
    intercept, as glmnet) or 1 without standardisation; c = weighted mean with an
    intercept, 0 without (then the intercept is fixed at 0). Constant columns are left
    out. P_j: (1-a)/2 sum_k bt_kj^2 + a sum_k |bt_kj|, or, grouped, (1-a)/2 ||bt_j||^2 +
    a ||bt_j||_2."""

    def __init__(self, design, family, lam, alpha, w, v, lower, upper, standardize=True,
                 intercept=True, grouped=False):
        X = design.X
        self.family, self.lam, self.alpha = family, lam, alpha
        self.intercept, self.grouped = intercept, grouped and family == "multinomial"
        self.W = w.sum()
        self.w = w / self.W
        m = self.w @ X
        sd = np.sqrt(self.w @ (X - m) ** 2)
        self.const = X.max(0) == X.min(0)
        self.s = np.where(self.const, 1.0, sd if standardize else 1.0)
        self.c = m if intercept else np.zeros_like(m)
        self.Z = np.where(self.const, 0.0, (X - self.c) / self.s)
        self.Y = design.targets(family)
        self.R = self.Y.shape[1]
        self.p = X.shape[1]
        self.v = np.asarray(v, float)
        self.lo = np.where(self.const, 0.0, np.asarray(lower, float) * self.s)[:, None]
        self.hi = np.where(self.const, 0.0, np.asarray(upper, float) * self.s)[:, None]
        if self.grouped:
            # the grouped proximal map below has no box; glmnet's grouped fits with limits
            # are not among the cases
            assert np.isinf(self.lo[~self.const]).all() and np.isinf(self.hi[~self.const]).all()
        self.l1 = lam * alpha * self.v[:, None]
        self.l2 = lam * (1 - alpha) * self.v[:, None]

    # --- scales
    def to_std(self, b0, B):
        B = np.where(self.const[:, None], 0.0, B)
        return b0 + self.c @ B, B * self.s[:, None]

    def to_orig(self, bt0, Bt):
        B = np.where(self.const[:, None], 0.0, Bt / self.s[:, None])
        return bt0 - self.c @ B, B

    # --- loss
    def eta(self, bt0, Bt):
        return bt0 + self.Z @ Bt

    def probs(self, bt0, Bt):
        e = self.eta(bt0, Bt)
        if self.family == "binomial":
            return special.expit(e)
        return special.softmax(e, axis=1)

    def loss(self, bt0, Bt):
        e = self.eta(bt0, Bt)
        if self.family == "binomial":
            return float(self.w @ (np.logaddexp(0.0, e) - self.Y * e)[:, 0])
        return float(self.w @ (special.logsumexp(e, axis=1) - (self.Y * e).sum(1)))

    def loss_grad(self, bt0, Bt):
        r = (self.probs(bt0, Bt) - self.Y) * self.w[:, None]
        g0 = r.sum(0) if self.intercept else np.zeros(self.R)
        G = self.Z.T @ r
        G[self.const] = 0.0
        return g0, G

    def penalty(self, Bt):
        if self.grouped:
            n = np.sqrt((Bt ** 2).sum(1))
            return float((self.l2[:, 0] / 2 * n ** 2 + self.l1[:, 0] * n).sum())
        return float((self.l2 / 2 * Bt ** 2 + self.l1 * np.abs(Bt)).sum())

    def objective(self, bt0, Bt):
        return self.loss(bt0, Bt) + self.penalty(Bt)

    def feasible(self, Bt, tol=0.0):
        return bool((Bt >= self.lo - tol).all() and (Bt <= self.hi + tol).all())

    # --- optimality
    def violations(self, bt0, Bt):
        """(intercept violations, per-coefficient (or per-group) violations)."""
        g0, G = self.loss_grad(bt0, Bt)
        if self.grouped:
            n = np.sqrt((Bt ** 2).sum(1))
            sm = G + self.l2 * Bt
            nz = n > 0
            r = np.where(nz[:, None], sm + self.l1 * Bt / np.where(nz, n, 1)[:, None], sm)
            rn = np.sqrt((r ** 2).sum(1))
            v = np.where(nz, rn, np.maximum(0.0, rn - self.l1[:, 0]))
            v[self.const] = 0.0
            return np.abs(g0), v
        sm = G + self.l2 * Bt
        right = sm + np.where(Bt >= 0, self.l1, -self.l1)  # derivative moving up
        left = sm + np.where(Bt > 0, self.l1, -self.l1)    # derivative moving down (negated)
        up = np.where(Bt < self.hi, np.maximum(0.0, -right), 0.0)
        down = np.where(Bt > self.lo, np.maximum(0.0, left), 0.0)
        v = np.maximum(up, down)
        v[self.const] = 0.0
        return np.abs(g0), v

    def kkt(self, bt0, Bt):
        a, b = self.violations(bt0, Bt)
        return max(float(a.max()) if a.size else 0.0, float(b.max()) if b.size else 0.0)

    def hessian(self, bt0, Bt):
        """Loss Hessian in the stacked per-class parameters [b0_r, Bt[:, r]]."""
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

    # --- proximal map of t * penalty plus the box
    def prox(self, Z, t):
        if self.grouped:
            n = np.sqrt((Z ** 2).sum(1))
            sc = np.maximum(0.0, 1 - t * self.l1[:, 0] / np.where(n > 0, n, 1)) / (1 + t * self.l2[:, 0])
            out = Z * sc[:, None]
        else:
            out = np.sign(Z) * np.maximum(0.0, np.abs(Z) - t * self.l1) / (1 + t * self.l2)
            out = np.clip(out, self.lo, self.hi)
        out[self.const] = 0.0
        return out

# ------------------------------------------------------------------ solver


def _pack(b0, B):
    return np.concatenate([b0[None, :], B]).T.ravel()


def _unpack(th, p, R):
    M = th.reshape(R, p + 1).T
    return M[0].copy(), M[1:].copy()


def prox_gradient(prob, bt0, Bt, iters=20000, tol=1e-11):
    """FISTA with backtracking and adaptive restart."""
    t = 1.0
    x0, X = bt0.copy(), Bt.copy()
    y0, Y = x0.copy(), X.copy()
    mom = 1.0
    F = prob.objective(x0, X)
    for it in range(iters):
        g0, G = prob.loss_grad(y0, Y)
        fy = prob.loss(y0, Y)
        while True:
            n0 = y0 - t * g0 if prob.intercept else y0
            N = prob.prox(Y - t * G, t)
            d0, D = n0 - y0, N - Y
            if prob.loss(n0, N) <= fy + g0 @ d0 + (G * D).sum() + ((d0 ** 2).sum() + (D ** 2).sum()) / (2 * t) + 1e-15:
                break
            t /= 2
        Fn = prob.objective(n0, N)
        if Fn > F:  # restart
            mom = 1.0
            y0, Y = x0.copy(), X.copy()
            t *= 1.0
            if it % 50 == 0 and prob.kkt(x0, X) < tol:
                break
            continue
        mom_n = (1 + math.sqrt(1 + 4 * mom * mom)) / 2
        y0 = n0 + (mom - 1) / mom_n * (n0 - x0)
        Y = N + (mom - 1) / mom_n * (N - X)
        x0, X, F, mom = n0, N, Fn, mom_n
        t *= 1.2
        if it % 20 == 0 and prob.kkt(x0, X) < tol:
            break
    return x0, X


def newton_polish(prob, bt0, Bt, tol=1e-13, maxit=100):
    """Newton steps on the free coordinates (non-grouped: nonzero and strictly inside the
    limits, or at 0 / at a limit with a descent direction; grouped: nonzero groups, a
    violating zero group triggers a proximal-gradient pass), line search on the true
    objective with projection onto the orthant of each coordinate and the limits."""
    p, R = prob.p, prob.R
    obj = prob.objective(bt0, Bt)
    for _ in range(maxit):
        k = prob.kkt(bt0, Bt)
        if k <= tol:
            break
        g0, G = prob.loss_grad(bt0, Bt)
        if prob.grouped:
            n = np.sqrt((Bt ** 2).sum(1))
            _, vg = prob.violations(bt0, Bt)
            if ((n == 0) & (vg > tol)).any():
                bt0, Bt = prox_gradient(prob, bt0, Bt, iters=200, tol=tol)
                obj = prob.objective(bt0, Bt)
                continue
            act = np.repeat((n > 0)[:, None], R, 1)
            grad = G + prob.l2 * Bt + prob.l1 * Bt / np.where(n > 0, n, 1)[:, None]
            sgn = None
        else:
            sm = G + prob.l2 * Bt
            right = sm + np.where(Bt >= 0, prob.l1, -prob.l1)
            left = sm + np.where(Bt > 0, prob.l1, -prob.l1)
            can_up = (Bt < prob.hi) & (right < 0)
            can_down = (Bt > prob.lo) & (left > 0)
            interior = (Bt != 0) & (Bt > prob.lo) & (Bt < prob.hi)
            act = interior | can_up | can_down
            act[prob.const] = False
            sgn = np.where(Bt != 0, np.sign(Bt), np.where(can_up, 1.0, -1.0))
            grad = sm + prob.l1 * sgn
        maskc = np.concatenate([np.full((1, R), prob.intercept), act]).T.ravel()
        g = _pack(g0, np.where(act, grad, 0.0))[maskc]
        H = prob.hessian(bt0, Bt)
        H = H + np.diag(_pack(np.zeros(R), np.broadcast_to(prob.l2, (p, R))))
        if prob.grouped:
            for j in np.nonzero(n > 0)[0]:
                b = Bt[j]
                Hj = prob.l1[j, 0] * (np.eye(R) / n[j] - np.outer(b, b) / n[j] ** 3)
                idx = [r * (p + 1) + 1 + j for r in range(R)]
                H[np.ix_(idx, idx)] += Hj
        Ha = H[np.ix_(maskc, maskc)]
        d = np.zeros(maskc.size)
        if g.size:
            d[maskc] = -np.linalg.lstsq(Ha, g, rcond=1e-14)[0]
        d0, D = _unpack(d, p, R)
        t, done = 1.0, False
        for _ in range(60):
            n0, N = bt0 + t * d0, Bt + t * D
            if sgn is not None:
                N = np.where(act & (np.sign(N) * sgn < 0), 0.0, N)
            N = np.clip(N, prob.lo, prob.hi)
            N[prob.const] = 0.0
            nobj = prob.objective(n0, N)
            if nobj < obj or (nobj <= obj + 1e-15 * abs(obj) and prob.kkt(n0, N) < k):
                done = True
                break
            t /= 2
        if not done:
            bt0, Bt = prox_gradient(prob, bt0, Bt, iters=500, tol=tol)
            nobj = prob.objective(bt0, Bt)
            if prob.kkt(bt0, Bt) >= k:
                break
            obj = nobj
            continue
        bt0, Bt, obj = n0, N, nobj
    return bt0, Bt


def solve(prob, bt0, Bt, tol=1e-13):
    """Independent solution from a start point (projected onto the limits)."""
    Bt = np.clip(Bt, prob.lo, prob.hi)
    Bt[prob.const] = 0.0
    if not prob.intercept:
        bt0 = np.zeros_like(bt0)
    bt0, Bt = prox_gradient(prob, bt0, Bt, iters=5000, tol=1e-8)
    bt0, Bt = newton_polish(prob, bt0, Bt, tol=tol)
    return bt0, Bt, prob.kkt(bt0, Bt)

# ------------------------------------------------------------------ centring


def _shift_alpha(v, a):
    """The c minimising sum_k (1-a)/2 (v_k - c)^2 + a |v_k - c| (refcommon's rule)."""
    v = np.sort(v)
    K = len(v)
    if a == 0:
        return float(v.mean())
    if a == 1:
        return float(np.median(v))
    pen = lambda c: (1 - a) / 2 * ((v - c) ** 2).sum() + a * np.abs(v - c).sum()
    cands = list(v)
    lo = np.concatenate([[-np.inf], v])
    hi = np.concatenate([v, [np.inf]])
    for i in range(K + 1):
        c = (v.sum() + a * (K - 2 * i) / (1 - a)) / K
        cands.append(min(max(c, lo[i]), hi[i]))
    return min(cands, key=pen)


def centre(prob, bt0, Bt):
    """Multinomial: shift each column of Bt by the c minimising sum_k P_alpha(bt_kj - c)
    (mean when grouped), clamped to the shifts that keep the column within its limits
    (as glmnet's elc); then to the original scale and the intercepts centred to sum 0
    (with an intercept). Binomial: just the original scale."""
    if prob.family == "multinomial":
        Bt = Bt.copy()
        for j in range(prob.p):
            if prob.const[j] or not Bt[j].any():
                continue
            c = float(Bt[j].mean()) if prob.grouped else _shift_alpha(Bt[j], prob.alpha)
            cmin = float((Bt[j] - prob.hi[j, 0]).max())
            cmax = float((Bt[j] - prob.lo[j, 0]).min())
            c = min(max(c, cmin), cmax)
            Bt[j] -= c
    b0, B = prob.to_orig(bt0, Bt)
    if prob.family == "multinomial" and prob.intercept:
        b0 = b0 - b0.mean()
    return b0, B


def orig_probs(X, family, b0, B):
    eta = b0 + X @ B
    if family == "binomial":
        return np.column_stack([special.expit(-eta[:, 0]), special.expit(eta[:, 0])])
    return special.softmax(eta, axis=1)
