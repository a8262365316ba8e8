package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Standardization#compute} against plain loops over the stored columns: the centre is
 * the weighted mean (zero without an intercept), the scale the weighted population standard
 * deviation about that mean (one without standardisation or for a constant column), and a
 * column is constant when it holds one value on every row of positive weight.
 */
class StandardizationProperties {

  private static final double ULP = Math.ulp(1.0);

  @Provide
  Arbitrary<DesignMatrixProperties.Case> cases() {
    return DesignMatrixProperties.designCases();
  }

  @Property(tries = 200)
  void centresScalesAndConstantColumnsMatchPlainLoops(
      @ForAll("cases") DesignMatrixProperties.Case c, @ForAll boolean standardize,
      @ForAll boolean intercept) {
    double total = 0;
    for (double w : c.weights()) {
      total += w;
    }
    // rare: a short all-zero-weight draw has nothing to standardise
    Assume.that(total > 0);
    int n = c.rows();
    double[] weights = new double[n];
    int weightedRows = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = c.weights()[i] / total;
      weightedRows += weights[i] > 0 ? 1 : 0;
    }
    DesignMatrix design = c.design();
    Standardization standardization = Standardization.compute(design, weights, standardize,
        intercept);
    Statistics.label("design").collect(c.sparse() ? "sparse" : "dense");
    Statistics.label("weights").collect(c.weighting());
    Statistics.label("settings").collect((standardize ? "standardise" : "raw")
        + (intercept ? ", intercept" : ", no intercept"));
    assertEquals(c.columns(), standardization.columns());
    for (int j = 0; j < c.columns(); j++) {
      double mean = 0;
      double meanAbs = 0;
      boolean constant = true;
      Double first = null;
      for (int i = 0; i < n; i++) {
        double s = design.stored(i, j);
        mean += weights[i] * s;
        meanAbs += Math.abs(weights[i] * s);
        if (weights[i] > 0) {
          if (first == null) {
            first = s;
          } else if (s != first) {
            constant = false;
          }
        }
      }
      double variance = 0;
      double varianceAbs = 0;
      for (int i = 0; i < n; i++) {
        double d = design.stored(i, j) - mean;
        variance += weights[i] * d * d;
        varianceAbs += weights[i] * (Math.abs(design.stored(i, j)) + Math.abs(mean))
            * (Math.abs(design.stored(i, j)) + Math.abs(mean));
      }
      Statistics.label("column").collect(c.kinds()[j] + (constant ? " constant" : " varies"));
      assertEquals(constant, standardization.isConstant(j), "constant column " + j);
      // a weighted sum of n terms: gamma_(n+1) of the absolute sum
      assertEquals(intercept ? mean : 0.0, standardization.centre(j),
          (n + 1) * ULP * meanAbs + Double.MIN_NORMAL, "centre of " + j);
      if (!standardize || constant) {
        assertEquals(1.0, standardization.scale(j), "scale of " + j);
      } else {
        // the sparse kernel's zero-row correction rounds two more sums of n weights
        double scale = standardization.scale(j);
        assertEquals(variance, scale * scale, (2 * n + 6) * ULP * varianceAbs,
            "squared scale of " + j);
      }
    }
  }
}
