#!/usr/bin/env bash
# The speed benchmark (issue 4): ElasticNetLogistic against glmnet (R) and Weka's Logistic
# on the same generated data, in one run, through the public Weka classifier.
#
#   bash src/scripts/benchmark.sh                     # the jobs J1-J5 at full size
#   bash src/scripts/benchmark.sh --jobs path,ridge   # a subset: path path3 ridge cv sparse
#   bash src/scripts/benchmark.sh --quick             # small sizes: a smoke test
#   bash src/scripts/benchmark.sh --scaling           # the lasso path at n = 10k ... 1M
#   more: --reps N, --no-glmnet, --no-logistic, --logistic-limit SECONDS,
#         --repeat-limit SECONDS (see BenchmarkSettings)
#
# glmnet runs when Rscript and its glmnet package are installed, and is skipped otherwise.
# Data files and a record of every run (results.tsv) go to target/benchmark/; the table
# goes to standard output, progress to standard error. Needs Java 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/benchmark
mkdir -p "$out"

# compile the package and the test classes (the benchmark lives with them); the class path
# of Weka and the other dependencies from Maven
if ! mvn -B -q test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  exit 1
fi
cp="target/test-classes:target/classes:$(cat "$out/classpath.txt")"

glmnet=()
if ! command -v Rscript >/dev/null; then
  echo "Rscript not found: glmnet is not timed" >&2
  glmnet=(--no-glmnet)
elif ! Rscript -e 'suppressPackageStartupMessages(library(glmnet))' >/dev/null 2>&1; then
  echo "R has no glmnet package: glmnet is not timed" >&2
  glmnet=(--no-glmnet)
fi

# -Xmx4g: the scaling run's largest data set (1M x 100) and its fit must fit in 4 GB.
# Weka's netlib loader complains on stderr that it finds no native BLAS: filtered out.
exec java -Xmx4g -Djava.awt.headless=true -cp "$cp" \
  org.elasticnetlogistic.bench.ElasticNetLogisticBenchmark \
  --out "$out" --r-script src/scripts/glmnet_benchmark.R "${glmnet[@]}" "$@" \
  2> >(grep --line-buffered -v -e ARPACK -e 'com.github.fommil' >&2)
