#!/usr/bin/python3
"""make_statsmodels_fixtures.py -- reference fixtures for the unpenalised fit (lambda = 0).

What it makes (in test-data/statsmodels/):
  cases.csv          manifest: case,dataset,family,weights,note
  <case>.coef.csv    maximum-likelihood coefficients, reference-class form: one row
                     per class k = 1..K-1 (class k against class 0), named by class
                     value; columns (Intercept) + terms; NA for an aliased column
  <case>.se.csv      standard errors from the inverse Fisher information, same shape
  <case>.prob.csv    fitted probabilities of every class, one line per kept row

Design matrix: shared/ALGORITHM.md with treatment coding (an m-valued nominal
predictor loses its first value's column; a 2-valued one is one column for its
second value), missing values -> weighted mean / mode, rows with missing class or
zero weight dropped. A column that is a linear combination of the intercept and
the columns before it (tolerance 1e-7, as R's lm/glm) is aliased: it is left out of
the fit and written as NA, as R reports it.

Fits: statsmodels Logit / MNLogit (Newton), GLM Binomial with freq_weights for
the weighted binomial case. Every fit is checked to have a log-likelihood gradient
(sum over rows, weighted) below 1e-10 in max norm; if statsmodels stops short, a
few Newton steps of our own finish it (said in the note). Every case is also
cross-checked against R (glm for binomial, nnet::multinom for multinomial) when
Rscript is available, and against our own Newton solver; the differences are in
the note.

Cases that would be separable (no finite maximum) are avoided: an LP test for
(quasi-)complete separation is run on each and must come out negative. Iris is
separable on any two predictors, so iris-sepallength uses sepallength only;
fgl-5 uses RI, Na, Mg, Si, Ca (fgl is separable with all nine).

How to run, from the repository root:
  /usr/bin/python3 test-data/statsmodels/make_statsmodels_fixtures.py
"""
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.optimize import linprog
from scipy.special import expit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "reference"))
import refcommon as rc  # noqa: E402

GRAD_TOL = 1e-10

# case, dataset, attributes used (None = all), note
CASES = [
    ("birthwt", "birthwt.arff", None, "nominal predictors race (3 values) smoke ht ui"),
    ("pima", "pima.arff", None, ""),
    ("synth-weighted", "synth-weighted.arff", None,
     "ARFF instance weights as frequency weights; zero-weight rows dropped"),
    ("iris-sepallength", "iris.arff", ["sepallength"],
     "only attribute sepallength is used: iris is separable on any two predictors"),
    ("fgl-5", "fgl.arff", ["RI", "Na", "Mg", "Si", "Ca"],
     "only attributes RI Na Mg Si Ca are used: fgl is separable on all nine"),
    ("synth-multinomial", "synth-multinomial.arff", None,
     "nominal predictors and missing values; const is aliased with the intercept (NA)"),
    ("synth-weighted3", "synth-weighted3.arff", None,
     "three classes; nominal predictors grade and sex; missing values; integer ARFF "
     "instance weights as frequency weights (MNLogit on each row repeated w times)"),
]


def select(design, attrs):
    if attrs is None:
        return design
    keep = [j for j, nm in enumerate(design.names) if nm.split("=")[0] in attrs]
    design.X = design.X[:, keep]
    design.names = [design.names[j] for j in keep]
    return design


def aliased_columns(X):
    """Columns that are (within 1e-7 relative) combinations of the intercept and the
    earlier kept columns, in column order as R's QR does."""
    basis = [np.ones(len(X))]
    out = []
    for j in range(X.shape[1]):
        A = np.column_stack(basis)
        x = X[:, j]
        r = x - A @ np.linalg.lstsq(A, x, rcond=None)[0]
        if np.linalg.norm(r) <= 1e-7 * max(np.linalg.norm(x), 1e-300):
            out.append(j)
        else:
            basis.append(x)
    return out


def separation_score(Xt, y, K, w):
    """LP: max sum of margins eta_{y_i} - eta_k >= 0 over a box; > 0 means the
    classes are (quasi-)completely separable and the MLE does not exist."""
    q = Xt.shape[1]
    rows = []
    for i in np.nonzero(w > 0)[0]:
        for k in range(K):
            if k == y[i]:
                continue
            a = np.zeros((q, K - 1))
            if y[i] > 0:
                a[:, y[i] - 1] += Xt[i]
            if k > 0:
                a[:, k - 1] -= Xt[i]
            rows.append(a.ravel())
    A = np.array(rows)
    res = linprog(-A.sum(0), A_ub=-A, b_ub=np.zeros(len(A)),
                  bounds=[(-1, 1)] * A.shape[1], method="highs")
    return -res.fun


def loglik_parts(B, Xt, Y, w):
    """B: q x (K-1). Returns probabilities (n x K), gradient (q x (K-1)) of the
    weighted log-likelihood, and its Hessian ((K-1)q square, class-major)."""
    eta = np.column_stack([np.zeros(len(Xt)), Xt @ B])
    eta -= eta.max(1, keepdims=True)
    P = np.exp(eta)
    P /= P.sum(1, keepdims=True)
    R = (Y - P)[:, 1:] * w[:, None]
    G = Xt.T @ R
    K1, q = B.shape[1], Xt.shape[1]
    H = np.zeros((K1 * q, K1 * q))
    for k in range(K1):
        for l in range(K1):
            d = w * P[:, k + 1] * ((k == l) - P[:, l + 1])
            H[k * q:(k + 1) * q, l * q:(l + 1) * q] = -(Xt * d[:, None]).T @ Xt
    return P, G, H


def newton(B, Xt, Y, w, iters=50):
    """Plain Newton on the (concave) log-likelihood with step halving."""
    def ll(B):
        eta = np.column_stack([np.zeros(len(Xt)), Xt @ B])
        mx = eta.max(1, keepdims=True)
        lse = mx[:, 0] + np.log(np.exp(eta - mx).sum(1))
        return float(w @ ((Y * eta).sum(1) - lse))
    for _ in range(iters):
        P, G, H = loglik_parts(B, Xt, Y, w)
        if np.abs(G).max() < 1e-13:
            break
        step = np.linalg.solve(H, G.T.ravel()).reshape(B.shape[1], -1).T
        t, f0 = 1.0, ll(B)
        while ll(B - t * step) < f0 - 1e-12 * abs(f0) and t > 1e-10:
            t /= 2
        B = B - t * step
    return B


def r_crosscheck(Xt, y, K, w, family):
    """Coefficients and standard errors from R: glm (binomial) or nnet::multinom."""
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "d.csv")
        np.savetxt(data, np.column_stack([Xt[:, 1:], y, w]), delimiter=",", fmt="%.17g")
        code = r"""
d <- as.matrix(read.csv("%s", header = FALSE)); p <- ncol(d) - 2
x <- d[, 1:p, drop = FALSE]; y <- d[, p + 1]; w <- d[, p + 2]
if ("%s" == "binomial") {
  f <- suppressWarnings(glm(y ~ x, family = binomial, weights = w,
                            control = glm.control(epsilon = 1e-15, maxit = 100)))
  s <- summary(f)$coefficients
  out <- rbind(s[, 1], s[, 2])
} else {
  suppressMessages(library(nnet))
  f <- multinom(factor(y, levels = 0:(%d - 1)) ~ x, weights = w, Hess = TRUE,
                reltol = 1e-16, abstol = 1e-300, maxit = 100000, trace = FALSE)
  cf <- coef(f); se <- matrix(sqrt(diag(solve(f$Hessian))), nrow(cf), byrow = TRUE)
  out <- rbind(cf, se)
}
write.table(out, sep = ",", row.names = FALSE, col.names = FALSE)
""" % (data, family, K)
        try:
            txt = subprocess.run(["Rscript", "--vanilla", "-e", code], check=True,
                                 capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            print("R cross-check skipped:", e)
            return None
    M = np.array([[float(v) for v in ln.split(",")] for ln in txt.strip().split("\n")])
    h = M.shape[0] // 2
    return M[:h].T, M[h:].T  # q x (K-1) each


def main():
    print("numpy %s, scipy %s, statsmodels %s" % (np.__version__, scipy.__version__,
                                                 statsmodels.__version__))
    manifest = []
    print("%-20s %-11s %5s %4s %9s %9s %9s %9s %9s" % (
        "case", "family", "n", "q", "max|grad|", "sep_lp", "own-sm", "R coef", "R se"))
    for case, ds, attrs, note in CASES:
        arff = rc.read_arff(ds)
        d = select(rc.Design(arff, coding="treatment"), attrs)
        K = d.K
        family = "binomial" if K == 2 else "multinomial"
        weighted = bool(np.any(arff.weights != 1))
        w = d.w
        al = aliased_columns(d.X)
        use = [j for j in range(d.X.shape[1]) if j not in al]
        Xt = np.column_stack([np.ones(len(w)), d.X[:, use]])
        Y = np.eye(K)[d.y]
        sep = separation_score(Xt, d.y, K, w)
        assert sep < 1e-7, (case, "separable", sep)
        notes = [note] if note else []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if family == "binomial" and weighted:
                res = sm.GLM(d.y.astype(float), Xt, family=sm.families.Binomial(),
                             freq_weights=w).fit(method="newton", tol=1e-14, maxiter=200)
                how = "statsmodels GLM Binomial freq_weights (Newton)"
            elif family == "binomial":
                res = sm.Logit(d.y.astype(float), Xt).fit(method="newton", tol=1e-14,
                                                          maxiter=200, disp=0)
                how = "statsmodels Logit (Newton)"
            else:
                if weighted:
                    # MNLogit takes no weights: integer frequency weights are exactly
                    # the rows repeated, which MNLogit does fit
                    assert np.all(w == np.round(w)), "weighted multinomial needs integer weights"
                    rep = np.repeat(np.arange(len(w)), w.astype(int))
                    res = sm.MNLogit(d.y[rep], Xt[rep]).fit(method="newton", tol=1e-14,
                                                            maxiter=200, disp=0)
                    how = "statsmodels MNLogit (Newton) on rows repeated by weight"
                else:
                    res = sm.MNLogit(d.y, Xt).fit(method="newton", tol=1e-14, maxiter=200,
                                                  disp=0)
                    how = "statsmodels MNLogit (Newton)"
        B = np.asarray(res.params).reshape(Xt.shape[1], K - 1)
        SE = np.asarray(res.bse).reshape(Xt.shape[1], K - 1)
        _, G, H = loglik_parts(B, Xt, Y, w)
        grad = np.abs(G).max()
        if grad >= GRAD_TOL:
            B = newton(B, Xt, Y, w)
            _, G, H = loglik_parts(B, Xt, Y, w)
            grad = np.abs(G).max()
            how += " finished by our own Newton steps"
        assert grad < GRAD_TOL, (case, grad)
        # standard errors: inverse Fisher information (observed = expected here)
        cov = np.linalg.inv(-H)
        SE_own = np.sqrt(np.diag(cov)).reshape(K - 1, -1).T
        own = newton(np.zeros_like(B), Xt, Y, w)
        d_own = np.abs(own - B).max()
        assert np.allclose(SE, SE_own, rtol=1e-8, atol=0), (case, SE, SE_own)
        rx = r_crosscheck(Xt, d.y, K, w, family)
        if rx is not None:
            d_rc = np.abs(rx[0] - B).max() / max(1.0, np.abs(B).max())
            d_rs = np.abs(rx[1] - SE_own).max() / max(1.0, np.abs(SE_own).max())
            notes.append("R %s agrees to %.0e (coef) %.0e (se) relative" % (
                "glm" if family == "binomial" else "nnet::multinom", d_rc, d_rs))
        else:
            d_rc = d_rs = float("nan")
        notes.insert(0, "%s; max|gradient| %.1e" % (how, grad))
        # write: full column set with NA for aliased columns
        q_all = 1 + d.X.shape[1]
        Bfull = np.full((q_all, K - 1), np.nan)
        Sfull = np.full((q_all, K - 1), np.nan)
        cols = [0] + [1 + j for j in use]
        Bfull[cols] = B
        Sfull[cols] = SE_own
        header = ["row", "(Intercept)"] + d.names
        rows = d.classes[1:]
        rc.write_matrix(os.path.join(HERE, case + ".coef.csv"), header, rows, Bfull.T)
        rc.write_matrix(os.path.join(HERE, case + ".se.csv"), header, rows, Sfull.T)
        eta = Xt @ B
        if family == "binomial":
            P = np.column_stack([expit(-eta[:, 0]), expit(eta[:, 0])])
        else:
            eta = np.column_stack([np.zeros(len(eta)), eta])
            P = np.exp(eta - eta.max(1, keepdims=True))
            P /= P.sum(1, keepdims=True)
        rc.write_matrix(os.path.join(HERE, case + ".prob.csv"), d.classes, [None] * len(P), P)
        if al:
            notes.append("aliased: " + " ".join(d.names[j] for j in al))
        manifest.append([case, ds, family, "arff" if weighted else "none", "; ".join(notes)])
        print("%-20s %-11s %5d %4d %9.1e %9.1e %9.1e %9.1e %9.1e" % (
            case, family, len(w), Xt.shape[1], grad, sep, d_own, d_rc, d_rs))
    with open(os.path.join(HERE, "cases.csv"), "w", newline="\n") as f:
        f.write("case,dataset,family,weights,note\n")
        for row in manifest:
            assert all("," not in c for c in row), row
            f.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
