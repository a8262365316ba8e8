#!/usr/bin/python3
"""Make the ARFF data sets of test-data/ (flat, lowercase names, class last).

What it makes (see test-data/DATASETS.md for what each file exercises):
  iris.arff, credit-g.arff  copied byte for byte from weka-stable-3.8.6.jar
  anneal.arff               copied byte for byte from weka-stable-3.8.6-tests.jar
  birthwt.arff, fgl.arff, pima.arff   from R's MASS package (needs Rscript)
  digits.arff, wine.arff, breast-cancer-wisconsin.arff   from scikit-learn's
                            bundled data (no network)
  synth-binomial.arff, synth-multinomial.arff, synth-weighted.arff,
  synth-weighted3.arff
                            simulated here with fixed numpy seeds

How to run, from the repository root:
  /usr/bin/python3 test-data/make_datasets.py
It needs the Weka jars in ~/.m2 (or WEKA_JAR / WEKA_TESTS_JAR set), Rscript with
MASS, and numpy + scikit-learn. The output is deterministic: running it again
gives identical files.
"""
import io
import math
import os
import subprocess
import sys
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
M2 = os.path.expanduser("~/.m2/repository/nz/ac/waikato/cms/weka/weka-stable/3.8.6")
WEKA_JAR = os.environ.get("WEKA_JAR", os.path.join(M2, "weka-stable-3.8.6.jar"))
WEKA_TESTS_JAR = os.environ.get("WEKA_TESTS_JAR",
                                os.path.join(M2, "weka-stable-3.8.6-tests.jar"))
SCRIPT = "test-data/make_datasets.py"

# ---------------------------------------------------------------- ARFF writing

_SPECIAL = set(" \t,'\"%{}?\\")


def quote(s):
    """Quote an ARFF name or nominal value the way Weka's Utils.quote would need."""
    s = str(s)
    if s == "" or any(c in _SPECIAL for c in s):
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return s


def fmt_num(v):
    """Shortest text that reads back as the same double; integers without '.0'."""
    v = float(v)
    if math.isnan(v):
        return "?"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def write_arff(path, relation, comments, attributes, rows, weights=None):
    """attributes: list of (name, None for numeric | list of nominal values).
    rows: list of lists; numeric entries are floats (nan = missing), nominal
    entries are value strings or None (missing). weights: optional list."""
    out = io.StringIO()
    for c in comments:
        out.write("% " + c + "\n")
    out.write("%\n@relation " + quote(relation) + "\n\n")
    for name, vals in attributes:
        if vals is None:
            out.write("@attribute %s numeric\n" % quote(name))
        else:
            out.write("@attribute %s {%s}\n" % (quote(name), ",".join(quote(v) for v in vals)))
    out.write("\n@data\n")
    for i, row in enumerate(rows):
        cells = []
        for (name, vals), v in zip(attributes, row):
            if vals is None:
                cells.append(fmt_num(v))
            else:
                cells.append("?" if v is None else quote(v))
        line = ",".join(cells)
        if weights is not None:
            line += ",{" + fmt_num(weights[i]) + "}"
        out.write(line + "\n")
    with open(path, "w", newline="\n") as f:
        f.write(out.getvalue())
    return len(rows)


# ---------------------------------------------------------------- sources

def from_jar(jar, member, target):
    with zipfile.ZipFile(jar) as z:
        data = z.read(member)
    with open(os.path.join(HERE, target), "wb") as f:
        f.write(data)


R_EXPORT = r"""
suppressMessages(library(MASS))
out <- function(name, d) {
  cat("#", name, "\n", sep = "")
  cols <- lapply(d, function(v) if (is.factor(v)) as.character(v) else sprintf("%.17g", v))
  cat(paste(names(d), collapse = ","), "\n", sep = "")
  cat(do.call(paste, c(cols, sep = ",")), sep = "\n")
}
out("birthwt", birthwt)
out("fgl", fgl)
out("pima", rbind(Pima.tr, Pima.te))
cat(levels(fgl$type), sep = ",")
cat("\n")
"""


def r_datasets():
    txt = subprocess.run(["Rscript", "--vanilla", "-e", R_EXPORT], check=True,
                         capture_output=True, text=True).stdout
    lines = txt.strip("\n").split("\n")
    fgl_levels = lines[-1].split(",")
    tables, cur = {}, None
    for ln in lines[:-1]:
        if ln.startswith("#"):
            cur = ln[1:]
            tables[cur] = []
        else:
            tables[cur].append(ln.split(","))
    rver = subprocess.run(["Rscript", "--vanilla", "-e",
                           "cat(R.version.string, 'MASS', as.character(packageVersion('MASS')))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    made = ["Made by %s from R's MASS package (%s)." % (SCRIPT, rver)]

    # birthwt: class low {0,1} last, race {1,2,3}, smoke/ht/ui {0,1}, bwt dropped
    head, body = tables["birthwt"][0], tables["birthwt"][1:]
    idx = {h: i for i, h in enumerate(head)}
    nominal = {"race": ["1", "2", "3"], "smoke": ["0", "1"], "ht": ["0", "1"],
               "ui": ["0", "1"], "low": ["0", "1"]}
    order = ["age", "lwt", "race", "smoke", "ptl", "ht", "ui", "ftv", "low"]
    atts = [(a, nominal.get(a)) for a in order]
    rows = [[(str(int(float(r[idx[a]]))) if a in nominal else float(r[idx[a]])) for a in order]
            for r in body]
    n = write_arff(os.path.join(HERE, "birthwt.arff"), "birthwt",
                   made + ["MASS::birthwt: class low (birth weight < 2.5kg) as nominal {0,1};",
                           "race {1,2,3}, smoke, ht, ui nominal {0,1}; bwt dropped."],
                   atts, rows)
    print("birthwt.arff", n)

    # fgl: 9 numeric, class type with its 6 levels in R's order
    head, body = tables["fgl"][0], tables["fgl"][1:]
    atts = [(h, None) for h in head[:-1]] + [("type", fgl_levels)]
    rows = [[float(v) for v in r[:-1]] + [r[-1]] for r in body]
    n = write_arff(os.path.join(HERE, "fgl.arff"), "fgl",
                   made + ["MASS::fgl forensic glass data; class type, 6 values in R's level order."],
                   atts, rows)
    print("fgl.arff", n)

    # pima: Pima.tr then Pima.te, class type {No,Yes}
    head, body = tables["pima"][0], tables["pima"][1:]
    atts = [(h, None) for h in head[:-1]] + [("type", ["No", "Yes"])]
    rows = [[float(v) for v in r[:-1]] + [r[-1]] for r in body]
    n = write_arff(os.path.join(HERE, "pima.arff"), "pima",
                   made + ["rbind(MASS::Pima.tr, MASS::Pima.te): 200 + 332 rows; class type {No,Yes}."],
                   atts, rows)
    print("pima.arff", n)


def sklearn_datasets():
    import sklearn
    from sklearn.datasets import load_breast_cancer, load_digits, load_wine
    made = "Made by %s from scikit-learn %s bundled data (%s)."
    for fname, loader, rel, classes in [
            ("digits.arff", load_digits, "digits", [str(i) for i in range(10)]),
            ("wine.arff", load_wine, "wine", None),
            ("breast-cancer-wisconsin.arff", load_breast_cancer, "breast-cancer-wisconsin", None)]:
        d = loader()
        classes = classes or [str(c) for c in d.target_names]
        atts = [(str(f), None) for f in d.feature_names] + [("class", classes)]
        rows = [[float(v) for v in x] + [classes[int(t)]] for x, t in zip(d.data, d.target)]
        n = write_arff(os.path.join(HERE, fname), rel,
                       [made % (SCRIPT, sklearn.__version__, loader.__name__ + "()"),
                        "Class values in the order of target_names."], atts, rows)
        print(fname, n)


# ---------------------------------------------------------------- synthetic

def synth_binomial():
    rng = np.random.default_rng(20240101)
    n, p = 300, 8
    cov = 0.5 ** np.abs(np.subtract.outer(np.arange(p), np.arange(p)))  # AR(1), rho 0.5
    x = np.round(rng.multivariate_normal(np.zeros(p), cov, size=n), 4)
    beta = np.array([1.5, 0.0, -1.0, 0.0, 0.0, 0.8, 0.0, 0.0])
    eta = -0.3 + x @ beta
    y = rng.random(n) < 1 / (1 + np.exp(-eta))
    atts = [("x%d" % (j + 1), None) for j in range(p)] + [("class", ["neg", "pos"])]
    rows = [list(x[i]) + ["pos" if y[i] else "neg"] for i in range(n)]
    n = write_arff(os.path.join(HERE, "synth-binomial.arff"), "synth-binomial",
                   ["Made by %s, numpy default_rng(20240101)." % SCRIPT,
                    "n=300, p=8 Gaussian predictors, corr(x_j,x_k)=0.5^|j-k| (neighbours 0.5),",
                    "rounded to 4 decimals; P(pos)=sigmoid(-0.3+1.5x1-1.0x3+0.8x6)."],
                   atts, rows)
    print("synth-binomial.arff", n)


def synth_multinomial():
    rng = np.random.default_rng(20240202)
    n, p, K = 400, 10, 4
    classes = ["A", "B", "C", "D"]
    x = np.round(rng.normal(size=(n, p)) * np.linspace(0.5, 3.0, p) + np.linspace(-2, 5, p), 4)
    colour_vals, flag_vals = ["red", "green", "blue"], ["no", "yes"]
    colour = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    flag = rng.choice(2, size=n, p=[0.6, 0.4])
    B = np.zeros((p, K))
    B[0] = [1.0, -0.5, 0.0, 0.0]
    B[2] = [0.0, 0.8, -0.8, 0.0]
    B[5] = [0.0, 0.0, 0.5, -0.5]
    B[8] = [-0.3, 0.0, 0.0, 0.4]
    C = np.array([[0.0, 0.0, 0.0, 0.0], [1.0, 0.0, -1.0, 0.0], [0.0, 1.5, 0.0, 0.0]])
    F = np.array([0.0, 0.0, 0.0, 1.0])
    b0 = np.array([0.3, 0.0, -0.2, 0.1])
    xs = (x - x.mean(0)) / x.std(0)
    eta = b0 + xs @ B + C[colour] + np.outer(flag, F)
    prob = np.exp(eta - eta.max(1, keepdims=True))
    prob /= prob.sum(1, keepdims=True)
    y = np.array([rng.choice(K, p=pr) for pr in prob])
    # about 5% missing in each varying predictor (numeric and nominal)
    xmiss = rng.random((n, p)) < 0.05
    cmiss = rng.random(n) < 0.05
    fmiss = rng.random(n) < 0.05
    ymiss = np.zeros(n, bool)
    ymiss[[17, 256]] = True  # two rows with a missing class: they must be skipped
    rows, atts = [], []
    names = ["x%d" % (j + 1) for j in range(p)]
    atts = ([(nm, None) for nm in names[:5]] + [("colour", colour_vals)] +
            [(nm, None) for nm in names[5:]] + [("flag", flag_vals), ("const", None),
                                                ("class", classes)])
    for i in range(n):
        xv = [float("nan") if xmiss[i, j] else float(x[i, j]) for j in range(p)]
        cv = None if cmiss[i] else colour_vals[colour[i]]
        fv = None if fmiss[i] else flag_vals[flag[i]]
        yv = None if ymiss[i] else classes[y[i]]
        rows.append(xv[:5] + [cv] + xv[5:] + [fv, 2.5, yv])
    n = write_arff(os.path.join(HERE, "synth-multinomial.arff"), "synth-multinomial",
                   ["Made by %s, numpy default_rng(20240202)." % SCRIPT,
                    "n=400 (2 with missing class), 4 classes from a softmax model with sparse",
                    "coefficients on x1,x3,x6,x9 (standardised), colour and flag; about 5%",
                    "missing values in x1..x10, colour and flag; const is constant 2.5."],
                   atts, rows)
    print("synth-multinomial.arff", n)


def synth_weighted():
    rng = np.random.default_rng(20240303)
    n, p = 200, 6
    x = np.round(rng.normal(size=(n, p)) * [1, 2, 0.5, 1, 3, 1] + [0, 1, -1, 2, 0, 0], 4)
    beta = np.array([1.0, 0.0, -2.0, 0.0, 0.3, 0.0])
    eta = 0.5 + (x - x.mean(0)) @ beta
    y = rng.random(n) < 1 / (1 + np.exp(-eta))
    w = rng.choice([0.5, 1.0, 2.0, 3.0], size=n)
    w[[5, 77, 150]] = 0.0  # zero-weight rows: no effect on the fit
    xm = x.astype(float).copy()
    xm[[3, 40, 77, 120], 0] = np.nan  # a few missing values: weighted-mean imputation
    xm[[9, 150, 199], 3] = np.nan
    atts = [("x%d" % (j + 1), None) for j in range(p)] + [("class", ["no", "yes"])]
    rows = [list(xm[i]) + ["yes" if y[i] else "no"] for i in range(n)]
    n = write_arff(os.path.join(HERE, "synth-weighted.arff"), "synth-weighted",
                   ["Made by %s, numpy default_rng(20240303)." % SCRIPT,
                    "n=200, p=6, binary class, P(yes)=sigmoid(0.5+x1c-2x3c+0.3x5c) (centred);",
                    "instance weights {w} drawn from {0.5,1,2,3}, rows 6, 78, 151 have weight 0;",
                    "7 missing values in x1 and x4 (weighted-mean imputation)."],
                   atts, rows, weights=list(w))
    print("synth-weighted.arff", n)


def synth_weighted3():
    rng = np.random.default_rng(20240404)
    n, p, K = 300, 4, 3
    classes = ["low", "mid", "high"]
    x = np.round(rng.normal(size=(n, p)) * [1.0, 2.0, 0.5, 1.5] + [0.0, 3.0, -1.0, 1.0], 4)
    grade_vals, sex_vals = ["a", "b", "c"], ["f", "m"]
    grade = rng.choice(3, size=n, p=[0.4, 0.35, 0.25])
    sex = rng.choice(2, size=n, p=[0.5, 0.5])
    B = np.array([[0.8, 0.0, -0.8], [0.0, 0.3, -0.3], [0.0, 0.0, 0.0], [-0.5, 0.5, 0.0]])
    G = np.array([[0.0, 0.0, 0.0], [0.5, 0.0, -0.5], [0.0, -0.7, 0.7]])
    S = np.array([0.0, 0.4, -0.4])
    xs = (x - x.mean(0)) / x.std(0)
    eta = xs @ B + G[grade] + np.outer(sex, S)
    prob = np.exp(eta - eta.max(1, keepdims=True))
    prob /= prob.sum(1, keepdims=True)
    y = np.array([rng.choice(K, p=pr) for pr in prob])
    # integer frequency weights, so that a fit on the rows repeated w times is the
    # exact weighted reference (statsmodels' MNLogit takes no weights)
    w = rng.choice([1.0, 2.0, 3.0, 4.0], size=n, p=[0.4, 0.3, 0.2, 0.1])
    w[[11, 120]] = 0.0  # zero-weight rows: no effect on the fit
    xm = x.astype(float).copy()
    xm[[4, 60, 200], 1] = np.nan  # weighted-mean imputation
    gmiss = np.zeros(n, bool)
    gmiss[[30, 170]] = True  # weighted-mode imputation
    atts = ([("x%d" % (j + 1), None) for j in range(p)] + [("grade", grade_vals),
            ("sex", sex_vals), ("class", classes)])
    rows = [list(xm[i]) + [None if gmiss[i] else grade_vals[grade[i]], sex_vals[sex[i]],
                           classes[y[i]]] for i in range(n)]
    n = write_arff(os.path.join(HERE, "synth-weighted3.arff"), "synth-weighted3",
                   ["Made by %s, numpy default_rng(20240404)." % SCRIPT,
                    "n=300, 3 classes from a softmax model on x1, x2, x4 (standardised),",
                    "grade {a,b,c} and sex {f,m}; integer instance weights {w} from",
                    "{1,2,3,4}, rows 12 and 121 have weight 0; 3 missing values in x2 and",
                    "2 in grade."],
                   atts, rows, weights=list(w))
    print("synth-weighted3.arff", n)


def main():
    from_jar(WEKA_JAR, "weka/gui/beans/templates/iris.arff", "iris.arff")
    from_jar(WEKA_JAR, "weka/gui/beans/templates/credit-g.arff", "credit-g.arff")
    from_jar(WEKA_TESTS_JAR, "weka/core/neighboursearch/anneal.arff", "anneal.arff")
    print("iris.arff, credit-g.arff, anneal.arff copied from the Weka jars")
    r_datasets()
    sklearn_datasets()
    synth_binomial()
    synth_multinomial()
    synth_weighted()
    synth_weighted3()


if __name__ == "__main__":
    sys.exit(main())
