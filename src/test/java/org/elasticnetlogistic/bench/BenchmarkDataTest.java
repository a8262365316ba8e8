package org.elasticnetlogistic.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.classifiers.functions.Logistic;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * The benchmark's own promises, checked quickly (the benchmark itself is not a test): its
 * data are fixed by their seeds and have the stated structure, its command line selects
 * jobs, and J3's Logistic ridge is the same model as our ridge fit.
 */
class BenchmarkDataTest {

  @Test
  void denseDataAreFixedBySeedAndExtendByRows() {
    Instances small = WekaData.dense(new CorrelatedGaussianData(100, 8, 3, 5));
    Instances again = WekaData.dense(new CorrelatedGaussianData(100, 8, 3, 5));
    Instances larger = WekaData.dense(new CorrelatedGaussianData(250, 8, 3, 5));
    for (int i = 0; i < small.numInstances(); i++) {
      assertArrayEquals(small.instance(i).toDoubleArray(), again.instance(i).toDoubleArray());
      assertArrayEquals(small.instance(i).toDoubleArray(),
          larger.instance(i).toDoubleArray());
    }
  }

  @Test
  void denseColumnsHaveUnitVarianceAndNeighbourCorrelationOneHalf() {
    int rows = 40_000;
    double[][] x = new double[rows][];
    new CorrelatedGaussianData(rows, 4, 2, 1).forEachRow((i, row, label) -> x[i] = row);
    for (int j = 0; j < 4; j++) {
      assertEquals(1.0, moment(x, j, j), 0.03, "variance of column " + j);
    }
    for (int j = 0; j + 1 < 4; j++) {
      assertEquals(0.5, moment(x, j, j + 1), 0.03, "correlation of columns " + j);
    }
    assertEquals(0.25, moment(x, 0, 2), 0.03, "correlation two apart");
  }

  @Test
  void denseModelsAreSparseWithBothClassesPresent() {
    CorrelatedGaussianData spec = new CorrelatedGaussianData(2_000, 100, 3, 2);
    double[][] b = spec.trueCoefficients();
    assertEquals(3, b.length);
    for (double[] row : b) {
      assertEquals(10, Arrays.stream(row).filter(v -> v != 0).count());
    }
    int[] counts = new int[3];
    spec.forEachRow((i, x, label) -> counts[label]++);
    for (int count : counts) {
      assertTrue(count > 2_000 / 10, "class counts " + Arrays.toString(counts));
    }
  }

  @Test
  void sparseDataAreFixedBySeedAndTextLike() {
    ZipfCountData spec = new ZipfCountData(2_000, 1_000, 30, 3);
    SparseCounts counts = spec.generate();
    assertEquals(counts, spec.generate());
    assertEquals(2_000 * 30, counts.nonZeros(), 2_000 * 30 * 0.05);
    int[] columnUse = new int[1_000];
    counts.forEachRow((i, columns, values, label) -> {
      for (int j : columns) {
        columnUse[j]++;
      }
    });
    assertTrue(columnUse[0] > 10 * columnUse[999] + 10, "popular first columns");
    int ones = Arrays.stream(counts.labels()).sum();
    assertTrue(ones > 600 && ones < 1_400, "balanced classes: " + ones);

    Instances data = WekaData.sparse(counts, spec.seed());
    assertTrue(data.instance(0) instanceof SparseInstance);
    assertEquals(counts.nonZeros() + ones, sumNumValues(data));
  }

  @Test
  void jobsAreSelectedByNameOrNumber() {
    BenchmarkSettings settings = BenchmarkSettings.parse(
        new String[] {"--jobs", "path,J3", "--quick", "--no-logistic"});
    assertEquals(Set.of("path", "ridge"), settings.jobs());
    assertTrue(settings.quick() && !settings.withLogistic() && settings.withGlmnet());
    assertEquals(Set.copyOf(BenchmarkSettings.JOB_NAMES),
        BenchmarkSettings.parse(new String[0]).jobs());
    assertThrows(IllegalArgumentException.class,
        () -> BenchmarkSettings.parse(new String[] {"--jobs", "paths"}));
    assertThrows(IllegalArgumentException.class,
        () -> BenchmarkSettings.parse(new String[] {"--reps"}));
  }

  /** J3's claim: -alpha 0 -lambda L and Logistic -R (n-1) L / 2 reach the same optimum. */
  @Test
  void logisticRidgeIsOurRidge() throws Exception {
    int rows = 2_000;
    double lambda = 1e-2;
    Instances data = WekaData.dense(new CorrelatedGaussianData(rows, 10, 2, 7));
    ElasticNetLogistic ours = new ElasticNetLogistic();
    ours.setOptions(new String[] {"-alpha", "0", "-lambda", Double.toString(lambda)});
    ours.buildClassifier(data);
    Logistic logistic = new Logistic();
    logistic.setOptions(new String[] {"-R", Double.toString((rows - 1) * lambda / 2)});
    logistic.buildClassifier(data);
    assertTrue(OptimumComparison.largestCoefficient(ours, data) > 0.1);
    assertEquals(0, OptimumComparison.maxCoefficientDifference(ours, logistic, data), 1e-4);
    assertEquals(0, OptimumComparison.maxProbabilityDifference(ours, logistic, data), 1e-5);
  }

  /** The mean of x_j x_k over the rows (the columns have mean 0). */
  private static double moment(double[][] x, int j, int k) {
    double sum = 0;
    for (double[] row : x) {
      sum += row[j] * row[k];
    }
    return sum / x.length;
  }

  private static long sumNumValues(Instances data) {
    long values = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      values += data.instance(i).numValues();
    }
    return values;
  }
}
