package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The unpenalised (maximum-likelihood) fit beyond its likelihood equations (those are in
 * {@link FitProperties}): separation is reported exactly when it is there, aliased columns
 * are left out without changing the fit, the standard errors are the inverse Fisher
 * information, and weights act as frequencies.
 */
class UnpenalizedFitProperties {

  private static final int MAX_ITERATIONS = 100;

  /**
   * Classes drawn by the nearest of K prototype rows (the first K rows): the argmax of the
   * linear scores 2 x'c_k - |c_k|^2, so a linear rule labels every row correctly, the
   * classes are completely separated and the likelihood has no finite maximum. Rows too
   * close to a boundary are dropped, so the separation is visible in the data; each
   * prototype keeps its own class.
   */
  @Provide
  Arbitrary<GeneratedProblem> separable() {
    Arbitrary<Integer> classes = Arbitraries.integers().between(2, 3);
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, 3);
    Arbitrary<Integer> rows = Arbitraries.integers().between(15, 40);
    return Combinators.combine(classes, columns, rows).flatAs((k, p, n) ->
        Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(p)
            .array(double[][].class).ofSize(n).withoutEdgeCases()
            .map(xs -> labelledByNearestPrototype(xs, k)));
  }

  private static GeneratedProblem labelledByNearestPrototype(double[][] x, int classes) {
    int p = x[0].length;
    double[][] kept = new double[x.length][];
    int[] y = new int[x.length];
    int count = 0;
    for (double[] row : x) {
      double[] score = new double[classes];
      for (int k = 0; k < classes; k++) {
        double[] prototype = x[k];
        for (int j = 0; j < p; j++) {
          score[k] += 2 * prototype[j] * row[j] - prototype[j] * prototype[j];
        }
      }
      int best = 0;
      for (int k = 1; k < classes; k++) {
        best = score[k] > score[best] ? k : best;
      }
      double margin = Double.POSITIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        margin = k == best ? margin : Math.min(margin, score[best] - score[k]);
      }
      if (margin > 0.05) {
        kept[count] = row;
        y[count++] = best;
      }
    }
    double[] weights = new double[count];
    Arrays.fill(weights, 1);
    return new GeneratedProblem(Arrays.copyOf(kept, count), Arrays.copyOf(y, count), weights,
        classes, false);
  }

  /** Prototypes closer than the margin lose their rows; rare. */
  private static boolean everyClassOccurs(GeneratedProblem problem) {
    int[] counts = new int[problem.classes()];
    for (int y : problem.y()) {
      counts[y]++;
    }
    return Arrays.stream(counts).allMatch(c -> c >= 1);
  }

  @Property(tries = 40)
  void separableClassesAreReportedSeparated(@ForAll("separable") GeneratedProblem generated) {
    Assume.that(everyClassOccurs(generated));
    Statistics.label("classes").collect(generated.classes());
    UnpenalizedFit fit = UnpenalizedFitter.fit(generated.problem(), MAX_ITERATIONS);
    assertTrue(fit.separated(), "separable classes not reported separated");
    assertFalse(fit.converged(), "a separated fit cannot have converged");
    assertTrue(fit.perfectlyFittedRows() > 0, "no row fitted perfectly");
    assertTrue(fit.perfectlyFittedRows() <= generated.rows());
  }

  /**
   * Found by {@link #separableClassesAreReportedSeparated} (seed -4682679913286652772): the
   * Newton iterations saturate (deviance 2e-8) until the gradient falls below its tolerance,
   * so the fit "converged", and the direction of its last steps lowers some saturated row's
   * margin; the direction from the start certifies the separation.
   */
  @net.jqwik.api.Example
  void separationIsReportedWhenTheFitSaturatesBelowTheGradientTolerance() {
    double[][] x = {{0, 0, 0.434}, {0, 0, 0}, {0, -0.052, 0.159}, {0, 0, 0}, {-0.543, 0, 0.017},
        {-0.024, 0, 0}, {0, 0.642, -0.031}, {0.013, 0.014, -0.083}, {-0.004, 0.346, -0.641},
        {0.058, -1.915, 1.339}, {1.663, 1.579, -0.006}, {0.086, -0.033, 0.018},
        {-0.008, -0.015, -0.028}, {0.495, -0.019, 0.088}, {-0.005, -0.508, -0.093},
        {-0.108, -0.056, -0.011}, {-0.006, -0.007, 0.019}, {-0.096, 0.066, 0.872},
        {-0.266, -1.831, 0.576}, {-0.023, -0.005, 0.627}, {-0.055, 0.019, -0.01},
        {-0.092, -0.322, -0.621}, {0.069, 0.003, 1.119}, {0.062, 0.032, -0.01},
        {0.05, 0.003, -0.021}, {0.424, 0.006, 1.995}, {-0.239, -1.041, -0.331},
        {-0.008, 0.182, -0.303}, {-0.002, 0.016, 0.025}, {0.002, 0, 0.156}};
    int[] y = {0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1,
        1, 1, 1};
    double[] w = new double[y.length];
    Arrays.fill(w, 1);
    UnpenalizedFit fit = UnpenalizedFitter.fit(new GeneratedProblem(x, y, w, 2, false)
        .problem(), MAX_ITERATIONS);
    assertTrue(fit.gradientNorm() <= UnpenalizedFitter.GRADIENT_TOLERANCE,
        "the case is one whose gradient vanishes: " + fit.gradientNorm());
    assertTrue(fit.separated(), "saturated separable fit not reported separated");
    assertFalse(fit.converged());
  }

  /**
   * Found by {@link #separableClassesAreReportedSeparated} (shrunk from a random draw): each
   * class at its own point, so the gradient falls below its tolerance while the rows are
   * still about 2e-10 from probability one, short of PERFECT_FIT; the separation was missed
   * and the fit "converged". The rows the separating direction drives to one are the ones
   * fitted perfectly.
   */
  @net.jqwik.api.Example
  void separationIsReportedWhenTheGradientStopsShortOfAPerfectFit() {
    double[][] x = {{0, 0.224}, {0, 0.224}, {-1.18, 0}, {1.201, 0}};
    int[] y = {0, 0, 1, 2};
    double[] w = {1, 1, 1, 1};
    UnpenalizedFit fit = UnpenalizedFitter.fit(new GeneratedProblem(x, y, w, 3, false)
        .problem(), MAX_ITERATIONS);
    assertTrue(fit.separated(), "separable classes not reported separated");
    assertFalse(fit.converged());
    assertEquals(4, fit.perfectlyFittedRows());
  }

  /**
   * Every row is joined by copies of itself labelled with each other class (at a smaller
   * weight): no linear rule can then favour a row's class over all others everywhere, so
   * the classes are not separated, the likelihood has a finite maximum, and no row is
   * fitted with probability one.
   */
  @Property(tries = 80)
  void overlappingClassesHaveAFiniteOptimum(
      @ForAll @SmallProblem(maxRows = 20, maxColumns = 3) GeneratedProblem generated,
      @ForAll("copyWeights") double copyWeight) {
    GeneratedProblem overlapping = withEveryOtherLabel(generated, copyWeight);
    UnpenalizedFit fit = UnpenalizedFitter.fit(overlapping.problem(), MAX_ITERATIONS);
    assertFalse(fit.separated(), "overlapping classes reported separated");
    assertTrue(fit.converged(), "no convergence: gradient " + fit.gradientNorm());
    assertEquals(0, fit.perfectlyFittedRows());
  }

  @Provide
  Arbitrary<Double> copyWeights() {
    return Arbitraries.doubles().between(0.05, 1).ofScale(2);
  }

  private static GeneratedProblem withEveryOtherLabel(GeneratedProblem g, double weight) {
    int n = g.rows();
    int k = g.classes();
    double[][] x = new double[n * k][];
    int[] y = new int[n * k];
    double[] w = new double[n * k];
    int r = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        x[r] = g.x()[i].clone();
        y[r] = (g.y()[i] + c) % k;
        w[r] = c == 0 ? g.weights()[i] : weight * g.weights()[i];
        r++;
      }
    }
    return new GeneratedProblem(x, y, w, k, g.sparse());
  }

  /**
   * A column that is an exact linear combination of the intercept and the other columns is
   * aliased: its coefficient and standard error are NaN, no other column is flagged, and
   * the fitted probabilities are those of the fit without it.
   */
  @Property(tries = 80)
  void anAliasedColumnIsLeftOutWithoutChangingTheFit(
      @ForAll @SmallProblem(minRows = 25, maxColumns = 3) GeneratedProblem generated,
      @ForAll("combinations") double[] combination) {
    UnpenalizedFit base = UnpenalizedFitter.fit(generated.problem(), MAX_ITERATIONS);
    Assume.that(base.converged() && !anyAliased(base));
    int p = generated.columns();
    double[][] x = new double[generated.rows()][];
    for (int i = 0; i < x.length; i++) {
      double[] row = Arrays.copyOf(generated.x()[i], p + 1);
      double value = combination[0];
      for (int j = 0; j < p; j++) {
        value += combination[j + 1] * row[j];
      }
      row[p] = value;
      x[i] = row;
    }
    GeneratedProblem widened = new GeneratedProblem(x, generated.y(), generated.weights(),
        generated.classes(), generated.sparse());
    UnpenalizedFit fit = UnpenalizedFitter.fit(widened.problem(), MAX_ITERATIONS);
    assertTrue(fit.isAliased(p), "the combination column is not aliased");
    for (int j = 0; j < p; j++) {
      assertFalse(fit.isAliased(j), "column " + j + " flagged aliased");
    }
    for (int r = 0; r < fit.rows(); r++) {
      assertTrue(Double.isNaN(fit.coefficients()[r][p + 1]));
      assertTrue(Double.isNaN(fit.standardErrors()[r][p + 1]));
    }
    assertEquals(base.deviance(), fit.deviance(), 1e-9 * base.deviance());
    assertEquals(base.parameters(), fit.parameters());
    for (int i = 0; i < x.length; i++) {
      double[] expected = base.probabilities(generated.x()[i]);
      double[] actual = fit.probabilities(x[i]);
      for (int k = 0; k < expected.length; k++) {
        assertEquals(expected[k], actual[k], 1e-8, "row " + i + " class " + k);
      }
    }
  }

  /** The constant and the weights of the combination, not all zero. */
  @Provide
  Arbitrary<double[]> combinations() {
    return Arbitraries.of(-1.5, -1.0, 0.0, 0.5, 2.0).array(double[].class).ofSize(4)
        .filter(c -> c[1] != 0 || c[2] != 0 || c[3] != 0);
  }

  private static boolean anyAliased(UnpenalizedFit fit) {
    for (int j = 0; j < fit.columns(); j++) {
      if (fit.isAliased(j)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The standard errors are the square roots of the diagonal of the inverse Fisher
   * information of the original-scale parameters, sum_i w_i (diag(p_i) - p_i p_i') (x)
   * z_i z_i' over the non-reference classes, z_i = (1, x_i), computed here by plain loops
   * at the fitted coefficients and inverted by LU decomposition.
   */
  /**
   * The summary statistics follow from the fit's own coefficients, with the weights as
   * frequencies: deviance -2 log L = 2 sum_i w_i l_i (the reference objective's loss times
   * the total weight), the null deviance of the class proportions, the parameters (one
   * intercept and one per kept column for each non-reference class), AIC = deviance + 2k,
   * BIC = deviance + k log(rows with weight), McFadden's R^2; the reference class is the
   * first with weight.
   */
  @Property(tries = 60)
  void summaryStatisticsFollowFromTheCoefficients(
      @ForAll @SmallProblem GeneratedProblem generated) {
    UnpenalizedFit fit = UnpenalizedFitter.fit(generated.problem(), MAX_ITERATIONS);
    ReferenceObjective reference = generated.reference();
    double totalWeight = generated.totalWeight();
    int[] modelled = fit.modelledClasses();
    assertEquals(generated.classes(), fit.numClasses());
    assertEquals(modelled[0], fit.referenceClass());
    int kept = 0;
    for (int j = 0; j < fit.columns(); j++) {
      kept += fit.isAliased(j) ? 0 : 1;
    }
    int parameters = (modelled.length - 1) * (kept + 1);
    assertEquals(modelled.length - 1, fit.rows());
    assertEquals(parameters, fit.parameters());
    int observations = 0;
    for (double w : generated.weights()) {
      observations += w > 0 ? 1 : 0;
    }
    assertEquals(observations, fit.observations());
    // the deviance of the reported coefficients, as a K-row model with the reference at 0
    double[][] coefficients = fit.coefficients();
    double[] intercepts = new double[generated.classes() == 2 ? 1 : generated.classes()];
    double[][] slopes = new double[intercepts.length][generated.columns()];
    for (int r = 0; r < fit.rows(); r++) {
      int row = intercepts.length == 1 ? 0 : modelled[r + 1];
      intercepts[row] = coefficients[r][0];
      for (int j = 0; j < generated.columns(); j++) {
        slopes[row][j] = fit.isAliased(j) ? 0 : coefficients[r][j + 1];
      }
    }
    Assume.that(modelled.length == generated.classes());
    double deviance = 2 * totalWeight * reference.loss(intercepts, slopes);
    double nullDeviance = 2 * totalWeight * reference.nullLoss();
    double tolerance = 1e-8 * (1 + deviance);
    assertEquals(deviance, fit.deviance(), tolerance, "deviance");
    assertEquals(nullDeviance, fit.nullDeviance(), 1e-8 * (1 + nullDeviance), "null deviance");
    assertEquals(-deviance / 2, fit.logLikelihood(), tolerance, "log-likelihood");
    assertEquals(deviance + 2 * parameters, fit.aic(), tolerance, "AIC");
    assertEquals(deviance + parameters * Math.log(observations), fit.bic(), tolerance, "BIC");
    assertEquals(1 - deviance / nullDeviance, fit.mcFaddenR2(), 1e-8, "McFadden R^2");
  }

  @Property(tries = 80)
  void standardErrorsAreTheInverseFisherInformation(
      @ForAll @SmallProblem(minRows = 25, maxColumns = 3) GeneratedProblem generated) {
    UnpenalizedFit fit = UnpenalizedFitter.fit(generated.problem(), MAX_ITERATIONS);
    Assume.that(fit.converged() && !anyAliased(fit)
        && fit.modelledClasses().length == generated.classes() && wellDetermined(fit));
    Generators.coverProblems(generated);
    int blocks = fit.rows();
    int width = generated.columns() + 1;
    int[] modelled = fit.modelledClasses();
    double[][] information = new double[blocks * width][blocks * width];
    for (int i = 0; i < generated.rows(); i++) {
      double[] z = new double[width];
      z[0] = 1;
      System.arraycopy(generated.x()[i], 0, z, 1, width - 1);
      double[] p = fit.probabilities(generated.x()[i]);
      double w = generated.weights()[i];
      for (int a = 0; a < blocks; a++) {
        double pa = p[modelled[a + 1]];
        for (int b = 0; b < blocks; b++) {
          double pb = p[modelled[b + 1]];
          double curvature = w * ((a == b ? pa : 0) - pa * pb);
          for (int s = 0; s < width; s++) {
            for (int t = 0; t < width; t++) {
              information[a * width + s][b * width + t] += curvature * z[s] * z[t];
            }
          }
        }
      }
    }
    RealMatrix matrix = MatrixUtils.createRealMatrix(information);
    RealMatrix covariance = new LUDecomposition(matrix).getSolver().getInverse();
    // inverting loses up to cond * eps relative accuracy, here and in the fit
    double condition = new SingularValueDecomposition(matrix).getConditionNumber();
    double relative = 1e-6 + 1e3 * Math.ulp(1.0) * condition;
    double[][] errors = fit.standardErrors();
    for (int a = 0; a < blocks; a++) {
      for (int s = 0; s < width; s++) {
        double expected = Math.sqrt(covariance.getEntry(a * width + s, a * width + s));
        // the fit's gradient is within 1e-10 and its errors well determined, so its
        // information matrix moves them by far less than 1e-6; the rest is inversion
        assertEquals(expected, errors[a][s], relative * expected, "class row " + a
            + ", parameter " + s + " (condition " + condition + ")");
      }
    }
  }

  /** A row of weight two is that row twice: coefficients, errors and deviances agree. */
  @Property(tries = 50)
  void aRowOfWeightTwoEqualsThatRowTwice(
      @ForAll @SmallProblem(minRows = 25, maxColumns = 3) GeneratedProblem generated,
      @ForAll("rowIndices") int rowDraw) {
    int row = rowDraw % generated.rows();
    UnpenalizedFit doubled = UnpenalizedFitter.fit(generated.withWeightDoubled(row).problem(),
        MAX_ITERATIONS);
    UnpenalizedFit repeated = UnpenalizedFitter.fit(generated.withRowRepeated(row).problem(),
        MAX_ITERATIONS);
    Assume.that(doubled.converged() && repeated.converged() && wellDetermined(repeated));
    Generators.coverProblems(generated);
    assertEquals(repeated.deviance(), doubled.deviance(), 1e-9 * repeated.deviance());
    assertEquals(repeated.nullDeviance(), doubled.nullDeviance(),
        1e-9 * repeated.nullDeviance());
    double[][] c1 = repeated.coefficients();
    double[][] c2 = doubled.coefficients();
    double[][] e1 = repeated.standardErrors();
    double[][] e2 = doubled.standardErrors();
    for (int r = 0; r < c1.length; r++) {
      for (int s = 0; s < c1[r].length; s++) {
        // two solutions with gradients within 1e-10 of zero on small, conditioned designs
        assertClose(c1[r][s], c2[r][s], "coefficient " + r + ", " + s);
        assertClose(e1[r][s], e2[r][s], "error " + r + ", " + s);
      }
    }
  }

  /**
   * Whether every standard error is below 20. Near separation the likelihood is nearly flat:
   * a gradient within the stopping rule's 1e-10 then leaves a coefficient uncertain by up to
   * about its variance times 1e-10 times the total weight (seen: errors of 5e4 differing by
   * 7e-6 relative between two equivalent fits), so exact comparisons need a determined fit.
   */
  private static boolean wellDetermined(UnpenalizedFit fit) {
    for (double[] row : fit.standardErrors()) {
      for (double e : row) {
        if (!(Double.isNaN(e) || e < 20)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Equal within 1e-6 (relative above one), or both NaN (an aliased column). */
  private static void assertClose(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
      return;
    }
    assertEquals(expected, actual, 1e-6 * (1 + Math.abs(expected)), what);
  }

  @Provide
  Arbitrary<Integer> rowIndices() {
    return Arbitraries.integers().between(0, 1000);
  }
}
