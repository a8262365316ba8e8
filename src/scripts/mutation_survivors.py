#!/usr/bin/env python3
"""Summarises a PIT run: the score, and the surviving mutants sorted into kinds.

    python3 src/scripts/mutation_survivors.py [target/pit-reports/mutations.xml]
        [src/test/pit/explanations.tsv]

Prints the mutation score (killed, timed out, memory and run errors count as detected, as
PIT counts them), the score per class, and every survivor with its kind:

  boundary      a changed conditional boundary (< for <=, > for >=) on a comparison whose
                two sides meet only on exact ties of floating-point values or counts;
  cost          a cost model or a work estimate: it chooses between equally correct ways
                (the subproblem's space, when to refresh a model, how to split rows over
                threads), so only the time changes;
  guarded       a move of an acceleration that a descent check accepts only when it lowers
                the model (or that the following sweeps repair): a wrong move costs time,
                not accuracy;
  screening     which columns a solve visits first (strong rule, active sets): the KKT
                check over every column admits any column wrongly left out, so a wrong
                choice costs time, not accuracy;
  warm start    where a solve starts (the short path to a fixed lambda, the predicted
                start of the next lambda): the optimum is the same from any start;
  explained     no rule applies, and src/test/pit/explanations.tsv says why it is left
                (equivalent, unreachable, cost only, or killed after the run); the reason
                is printed under it;
  unclassified  everything else: to be killed by a test or explained.

The kinds are assigned by rules on the method and the mutator, not by proof; a survivor of
kind "boundary" or "guarded" can still be a real gap, and the list is there to be read.
"""
import collections
import sys
import xml.etree.ElementTree as ElementTree

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}

COST_METHODS = {"refreshPays", "fitsModel", "exactSolvePays", "orthantSize",
                "sweepsPerCholesky"}
GUARDED_METHODS = {"moveIfLower", "tryExtrapolation", "supportStep", "conjugateGradients",
                   "curvatureProduct", "record", "target", "shiftColumn", "reducedSolve",
                   "supportNewtonStep", "support", "onSupport"}
SCREENING_METHODS = {"applyStrongRule", "admitViolators", "movableColumns", "rebuildLists",
                     "nonZeroInAnyBlock", "union"}
WARM_START_METHODS = {"shortPath", "extrapolated"}


def kind(method, mutator, description):
    if "ConditionalsBoundary" in mutator:
        return "boundary"
    name = method.split("$")[1] if method.startswith("lambda$") else method
    if name in COST_METHODS or "long " in description:
        return "cost"
    if name in GUARDED_METHODS:
        return "guarded"
    if name in SCREENING_METHODS:
        return "screening"
    if name in WARM_START_METHODS:
        return "warm start"
    return "unclassified"


def explanations(path):
    """Class:line -> reason, from a tab-separated file (# starts a comment)."""
    out = {}
    try:
        with open(path) as lines:
            for line in lines:
                if line.strip() and not line.startswith("#"):
                    key, reason = line.rstrip("\n").split("\t", 1)
                    out[key] = reason
    except FileNotFoundError:
        pass
    return out


def main(path, explained_path):
    reasons = explanations(explained_path)
    root = ElementTree.parse(path).getroot()
    per_class = collections.defaultdict(collections.Counter)
    survivors = []
    for mutation in root.findall("mutation"):
        status = mutation.get("status")
        clazz = mutation.findtext("mutatedClass").rsplit(".", 1)[-1]
        per_class[clazz.split("$")[0]][status] += 1
        if status in ("SURVIVED", "NO_COVERAGE"):
            method = mutation.findtext("mutatedMethod")
            mutator = mutation.findtext("mutator")
            description = mutation.findtext("description")
            line = int(mutation.findtext("lineNumber"))
            k = kind(method, mutator, description) if status == "SURVIVED" else "no coverage"
            if k in ("unclassified", "no coverage") and f"{clazz}:{line}" in reasons:
                k = "explained"
            survivors.append((clazz, line, method, status, description, k))
    total = collections.Counter()
    for counts in per_class.values():
        total.update(counts)
    detected = sum(total[s] for s in DETECTED)
    mutants = sum(total.values())
    print(f"mutation score {100.0 * detected / mutants:.1f}%: {detected} of {mutants} "
          f"detected ({total['TIMED_OUT']} by time-out), {total['SURVIVED']} survived, "
          f"{total['NO_COVERAGE']} not covered")
    print()
    print(f"{'class':34s} {'score':>6s} {'mutants':>8s} {'survived':>9s} {'no cov':>7s}")
    for clazz, counts in sorted(per_class.items()):
        n = sum(counts.values())
        d = sum(counts[s] for s in DETECTED)
        print(f"{clazz:34s} {100.0 * d / n:5.1f}% {n:8d} {counts['SURVIVED']:9d} "
              f"{counts['NO_COVERAGE']:7d}")
    print()
    kinds = collections.Counter(s[5] for s in survivors)
    print("survivors by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print()
    for clazz, line, method, status, description, k in sorted(survivors):
        print(f"{k:12s} {clazz}:{line} {method}: {description}")
        if k == "explained":
            print(f"{'':12s}   {reasons[f'{clazz}:{line}']}")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/pit-reports/mutations.xml",
         sys.argv[2] if len(sys.argv) > 2 else "src/test/pit/explanations.tsv")
