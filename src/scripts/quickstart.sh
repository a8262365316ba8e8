#!/usr/bin/env bash
# Builds the Weka package, installs it into a private WEKA_HOME (target/wekahome) with Weka's
# own package manager, offline, and runs ElasticNetLogistic through Weka's command line
# (weka.Run) with 10-fold cross-validation on a bundled data set.
#
#   bash src/scripts/quickstart.sh [data.arff] [classifier options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-test-data/credit-g.arff}"
shift || true

mvn -B -q -Dstyle.color=never -DskipTests package
# Weka and its own dependencies only: the classifier must come from the installed package
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=provided \
  -Dmdep.outputFile=target/weka.classpath >/dev/null
cp="$(cat target/weka.classpath)"
wekahome="$PWD/target/wekahome"
rm -rf "$wekahome"
mkdir -p "$wekahome"

echo "== Installing target/elasticNetLogistic-1.0.0.zip into $wekahome"
java -DWEKA_HOME="$wekahome" -cp "$cp" weka.core.WekaPackageManager -offline \
  -install-package target/elasticNetLogistic-1.0.0.zip 2>&1 | grep -v -e '^\[DefaultPackageManager\] Installing: ' -e ARPACK -e 'netlib' || true

echo "== weka.Run weka.classifiers.functions.ElasticNetLogistic -t $data $*"
java -DWEKA_HOME="$wekahome" -Dweka.packageManager.offline=true -cp "$cp" \
  weka.Run -no-scan weka.classifiers.functions.ElasticNetLogistic -t "$data" "$@" \
  2> >(grep -v -e ARPACK -e 'com.github.fommil' >&2)
