#!/usr/bin/python3
"""make_options_reference.py -- step 2 of 2 of the glmnet-options fixtures.

What it makes (in test-data/glmnet-options/):
  cases.csv          the manifest: case,dataset,family,options,lambda,lambda_index,coef,
                     kkt,source,note
  <case>.coef.csv    original-scale coefficients (multinomial centred, see README.md)
  <case>.prob.csv    fitted probabilities of every class for every kept row
from the raw glmnet output of step 1 (test-data/build/glmnet-options-raw/, made by
make_options_fixtures.R).

For every case it parses the Weka option string again (optcommon.Options, independent
of the R parser), rebuilds the design matrix from the ARFF (and checks it against R's),
computes the KKT violation of glmnet's solution for the problem those options define
(penalty factors rescaled as glmnet does, projected KKT at the limits, group KKT when
grouped, no intercept: uncentred columns scaled by the centred sd), solves the problem
itself from glmnet's point, and stores its own solution instead when glmnet's violation
is above 1e-9 (source=scipy). Relaxed cases: the unpenalised refit on the active set is
checked the same way (its own gradient on the active set and the intercept), both
solutions are blended at gamma, and the blend is compared with glmnet's own
predict(..., gamma=) probabilities. Path cases: lambda_max and the first point's
deviance ratio are recomputed (fit of the intercept and the unpenalised columns).

How to run, from the repository root, after the R step:
  /usr/bin/python3 test-data/glmnet-options/make_options_reference.py
"""
import csv
import glob
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optcommon as oc  # noqa: E402

rc = oc.rc
OUT = oc.HERE
RAW = os.path.join(rc.TD, "build", "glmnet-options-raw")
DES = os.path.join(RAW, "design")
KKT_GLMNET_OK = 1e-9
KKT_WRITE_MAX = 1e-8
HEADER = "case,dataset,family,options,lambda,lambda_index,coef,kkt,source,note"


def check_design(ds, d):
    path = os.path.join(DES, ds.replace(".arff", ".csv"))
    with open(path) as f:
        header = f.readline().rstrip("\n").split(",")
    M = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    assert header[:-2] == d.names, ds
    assert np.allclose(M[:, :-2], d.X, rtol=1e-14, atol=0), ds
    assert np.array_equal(M[:, -2].astype(int) - 1, d.y), ds
    assert np.array_equal(M[:, -1], d.w), ds


def read_raw(path):
    names, terms, M = rc.read_coef(path)
    return names, terms, M[:, 0], M[:, 1:].T.copy()


def problem(d, family, lam, opt, v=None, lower=None, upper=None, grouped=None):
    return oc.OptProblem(d, family, lam, opt.alpha, opt.w, opt.pf if v is None else v,
                         opt.lower if lower is None else lower,
                         opt.upper if upper is None else upper,
                         opt.standardize, opt.intercept,
                         opt.grouped if grouped is None else grouped)


def null_fit(d, family, opt):
    """The fit at lambda_max: intercept (if any) and the unpenalised columns, every
    penalised column held at 0 by the limits [0, 0]. Without a penalty the grouping does
    not matter, and the grouped proximal map knows no limits, so the problem is posed
    ungrouped. Returns (problem, bt0, Bt, KKT)."""
    free = opt.pf == 0
    lo = np.where(free, opt.lower, 0.0)
    hi = np.where(free, opt.upper, 0.0)
    pr = problem(d, family, 1.0, opt, v=np.zeros(d.X.shape[1]), lower=lo, upper=hi,
                 grouped=False)
    R = pr.R
    b0, B, k = oc.solve(pr, np.zeros(R), np.zeros((pr.p, R)), tol=1e-14)
    return pr, b0, B, k


def lambda_max(d, family, opt):
    """max over penalised columns of |g_j| / (v_j max(alpha, 1e-3)) at the null fit
    (2-norm over classes when grouped, max over classes otherwise); and that fit's
    deviance ratio against the intercept-only model (eta = 0 without intercept)."""
    pr, b0, B, k = null_fit(d, family, opt)
    _, G = pr.loss_grad(b0, B)
    if opt.grouped and family == "multinomial":
        g = np.sqrt((G ** 2).sum(1))
    else:
        g = np.abs(G).max(1)
    pen = (opt.pf > 0) & ~pr.const
    lmax = float((g[pen] / opt.pf[pen]).max() / max(opt.alpha, 1e-3))
    df0 = int((B != 0).any(1).sum())
    dev = pr.loss(b0, B)
    if opt.intercept:
        ybar = pr.w @ pr.Y
        n0 = np.log(ybar / (1 - ybar)) if family == "binomial" else np.log(ybar)
    else:
        n0 = np.zeros(pr.R)
    dnull = pr.loss(n0, np.zeros((pr.p, pr.R)))
    return lmax, 1 - dev / dnull, df0, k


def margins(pr, bt0, Bt):
    """How firmly the set of active columns is determined, column by column: the largest
    |g_j| / (lam alpha v_j) of an all-zero penalised column that no zero limit holds
    (max over classes, 2-norm when grouped; must be < 1), and the smallest
    max_k |bt_kj| of an active column."""
    g0, G = pr.loss_grad(bt0, Bt)
    sm = G + pr.l2 * Bt
    # a zero limit blocks the direction it bounds
    sm = np.where((sm > 0) & (pr.lo == 0), 0.0, sm)
    sm = np.where((sm < 0) & (pr.hi == 0), 0.0, sm)
    zero = ~(Bt != 0).any(1) & ~pr.const & (pr.l1[:, 0] > 0)
    g = np.sqrt((sm ** 2).sum(1)) if pr.grouped else np.abs(sm).max(1)
    ratio = float((g[zero] / pr.l1[zero, 0]).max()) if zero.any() else 0.0
    act = (Bt != 0).any(1)
    small = float(np.abs(Bt[act]).max(1).min()) if act.any() else math.inf
    return ratio, small


def full_rank(pr, cols):
    Z = pr.Z[:, cols]
    if pr.intercept:
        Z = np.column_stack([np.ones(len(Z)), Z])
    Z = Z * np.sqrt(pr.w)[:, None]
    return np.linalg.matrix_rank(Z, tol=1e-10) == Z.shape[1]


def fmt(x):
    return "%.1e" % x


def main():
    t_all = time.time()
    with open(os.path.join(RAW, "raw-cases.csv")) as f:
        raw = list(csv.DictReader(f))
    for old in (glob.glob(os.path.join(OUT, "*.coef.csv")) + glob.glob(os.path.join(OUT, "*.prob.csv"))
                + glob.glob(os.path.join(OUT, "*.path-start.csv"))):
        os.remove(old)
    designs, manifest, summary = {}, [], []
    for r in raw:
        t0 = time.time()
        case, ds, family, opts = r["case"], r["dataset"], r["family"], r["options"]
        lam = float(r["lambda"])
        if ds not in designs:
            ar = rc.read_arff(ds)
            designs[ds] = (ar, rc.Design(ar))
            check_design(ds, designs[ds][1])
        ar, d = designs[ds]
        opt = oc.Options(opts, ar, d)
        pr = problem(d, family, lam, opt)
        rownames = [d.classes[1]] if family == "binomial" else d.classes
        header = ["row", "(Intercept)"] + d.names
        notes = []

        # glmnet's solution and its violation; our own from glmnet's point
        ref_path = os.path.join(RAW, case + ".ref.csv")
        glm_kkt, gstart = math.inf, (np.zeros(pr.R), np.zeros((pr.p, pr.R)))
        if os.path.exists(ref_path):
            rn, terms, b0, B = read_raw(ref_path)
            assert rn == rownames and terms == d.names
            gstart = pr.to_std(b0, B)
            glm_kkt = pr.kkt(*gstart)
        s0, S, s_kkt = oc.solve(pr, *gstart)
        if glm_kkt <= KKT_GLMNET_OK:
            source, pt0, PT, kkt = "glmnet", gstart[0], gstart[1], glm_kkt
            notes.append("glmnet thresh %s" % r["ref_thresh"])
        else:
            source, pt0, PT, kkt = "scipy", s0, S, s_kkt
            gp = oc.orig_probs(d.X, family, *oc.centre(pr, *gstart))
            sp = oc.orig_probs(d.X, family, *oc.centre(pr, s0, S))
            notes.append("glmnet thresh %s gave KKT %s so own solver (glmnet's probabilities "
                         "within %s of it)" % (r["ref_thresh"], fmt(glm_kkt),
                                               fmt(float(np.abs(gp - sp).max()))))
        pb0, pB = oc.centre(pr, pt0, PT)
        sb0, sB = oc.centre(pr, s0, S)
        P = oc.orig_probs(d.X, family, pb0, pB)
        dp_indep = float(np.abs(P - oc.orig_probs(d.X, family, sb0, sB)).max())
        active = (PT != 0).any(1)
        if not (((S != 0).any(1)) == active).all():
            notes.append("WARNING own solver's active set differs")
        ratio, small = margins(pr, pt0, PT)
        at_limit = int(((PT == pr.lo) & (pr.lo != 0)).sum() + ((PT == pr.hi) & (pr.hi != 0)).sum())
        at_zero_limit = int(((PT == 0) & ((pr.lo == 0) | (pr.hi == 0)) & ~pr.const[:, None]).sum())
        if np.isfinite(opt.lower).any() or np.isfinite(opt.upper).any():
            notes.append("%d coefficients at a nonzero limit and %d held at a zero limit"
                         % (at_limit, at_zero_limit))
        fb0, fB = pb0, pB
        dp_glmnet_relax = math.nan
        if opt.relax is not None:
            # unpenalised refit on the active set (limits kept, as relax.glmnet does)
            lo = np.where(active, opt.lower, 0.0)
            hi = np.where(active, opt.upper, 0.0)
            rp = problem(d, family, lam, opt, v=np.zeros(pr.p), lower=lo, upper=hi,
                         grouped=False)
            refit_path = os.path.join(RAW, case + ".refit.csv")
            rg_kkt, rstart = math.inf, (np.zeros(pr.R), np.zeros((pr.p, pr.R)))
            if os.path.exists(refit_path):
                _, _, rb0, rB = read_raw(refit_path)
                rstart = rp.to_std(rb0, rB)
                rg_kkt = rp.kkt(*rstart)
            q0, Q, q_kkt = oc.solve(rp, *rstart, tol=1e-13)
            if rg_kkt <= KKT_GLMNET_OK:
                rt0, RT, rkkt = rstart[0], rstart[1], rg_kkt
                notes.append("refit glmnet thresh %s" % r["refit_thresh"])
            else:
                rt0, RT, rkkt = q0, Q, q_kkt
                source = "scipy"
                notes.append("refit glmnet thresh %s gave gradient %s so own solver"
                             % (r["refit_thresh"], fmt(rg_kkt)))
            kkt = max(kkt, rkkt)
            rb0, rB = oc.centre(rp, rt0, RT)
            g = opt.relax
            fb0, fB = g * pb0 + (1 - g) * rb0, g * pB + (1 - g) * rB
            eta_max = float(np.abs(rp.eta(rt0, RT)).max())
            notes.append("relaxed: active columns %s; refit max |eta| %.1f; inactive columns at "
                         "most %.3f of their threshold; smallest active column max |bt| %.1e"
                         % (" ".join(n for n, a in zip(d.names, active) if a), eta_max, ratio,
                            small))
            rp_path = os.path.join(RAW, case + ".relaxed-prob.csv")
            P = oc.orig_probs(d.X, family, fb0, fB)
            if os.path.exists(rp_path):
                GP = np.loadtxt(rp_path, delimiter=",", skiprows=1, ndmin=2)
                dp_glmnet_relax = float(np.abs(GP - P).max())
                notes.append("glmnet's own predict(gamma) differs by %s" % fmt(dp_glmnet_relax))
        # which coefficients are unique
        cols = np.nonzero(~pr.const)[0]
        rank_ok = full_rank(pr, cols)
        free_cols = np.nonzero((opt.pf == 0) & ~pr.const)[0]
        free_rank_ok = full_rank(pr, free_cols)
        if opt.alpha < 1:
            unique = free_rank_ok
        else:
            unique = rank_ok
        if opt.relax is not None:
            unique = unique and full_rank(pr, np.nonzero(active)[0])
        if not unique:
            mode = "none"
        elif family == "binomial":
            mode = "all"
        else:
            K = pr.R
            determined = (opt.relax is None and not (opt.pf == 0).any()
                          and (opt.alpha < 1 or opt.grouped or K % 2 == 1))
            mode = "all" if determined else "contrasts"
        if r["path_case"] == "TRUE":
            lmax, dr0, df0, nk = lambda_max(d, family, opt)
            Pth = np.loadtxt(os.path.join(OUT, case + ".path.csv"), delimiter=",", skiprows=1, ndmin=2)
            with open(os.path.join(OUT, case + ".path-start.csv"), "w", newline="\n") as f:
                f.write("lambda_max,dev_ratio,df\n%s,%s,%d\n" % (rc.g17(lmax), rc.g17(dr0), df0))
            notes.append("path file (glmnet's first lambda is %s relative from the exact lambda_max "
                         "and its first deviance ratio %s from the exact one; df %d against %d)"
                         % (fmt(abs(Pth[0, 0] / lmax - 1)), fmt(abs(Pth[0, 2] - dr0)),
                            int(Pth[0, 1]), df0))
        written = kkt <= KKT_WRITE_MAX
        if written:
            rc.write_matrix(os.path.join(OUT, case + ".coef.csv"), header, rownames,
                            np.column_stack([fb0, fB.T]))
            rc.write_matrix(os.path.join(OUT, case + ".prob.csv"), d.classes, [None] * len(P), P)
            note = "; ".join(notes)
            assert "," not in note and "," not in case
            manifest.append([case, ds, family, opts, r["lambda"], r["lambda_index"], mode,
                             "%.3g" % kkt, source, note])
        summary.append((case, family[:6], r["lambda_index"], source, glm_kkt, s_kkt, kkt,
                        dp_indep, dp_glmnet_relax, mode, ratio, written, time.time() - t0))

    with open(os.path.join(OUT, "cases.csv"), "w", newline="\n") as f:
        f.write(HEADER + "\n")
        for row in manifest:
            # options hold commas: quote that field (the Java reader understands quotes)
            row = row[:3] + ['"%s"' % row[3]] + row[4:]
            f.write(",".join(row) + "\n")
    print("%-38s %-6s %4s %-6s %9s %9s %9s %9s %9s %-9s %6s %s" % (
        "case", "family", "idx", "source", "kkt_glm", "kkt_own", "kkt", "dp_indep", "dp_relax",
        "coef", "ratio0", "sec"))
    for s in summary:
        print("%-38s %-6s %4s %-6s %9.1e %9.1e %9.1e %9.1e %9.1e %-9s %6.3f %.1f%s" % (
            s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[12],
            "" if s[11] else "  NOT WRITTEN"))
    for src in ("glmnet", "scipy"):
        ks = [s[6] for s in summary if s[3] == src and s[11]]
        if ks:
            print("source %-6s: %3d cases, max KKT %.2e" % (src, len(ks), max(ks)))
    print("not written (KKT > %.0e): %d" % (KKT_WRITE_MAX, sum(not s[11] for s in summary)))
    print("%.0f s" % (time.time() - t_all))


if __name__ == "__main__":
    main()
