package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Bad input gets a clear error, never a silent wrong model (ALGORITHM.md): every
 * out-of-range option and every bad piece of data is refused when the settings or the
 * problem are built, with a message that names it; good settings survive a round trip.
 */
class SettingsProperties {

  private static void refused(Consumer<FitSettings.Builder> option, String named) {
    FitSettings.Builder builder = FitSettings.builder();
    option.accept(builder);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        builder::build);
    assertTrue(error.getMessage().contains(named), "message '" + error.getMessage()
        + "' does not name " + named);
  }

  /** Values outside [0, 1]: below, above, NaN and the infinities. */
  @Provide
  Arbitrary<Double> outsideTheUnitInterval() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.doubles().between(-1e6, -1e-6).ofScale(6)),
        Tuple.of(3, Arbitraries.doubles().between(1 + 1e-6, 1e6).ofScale(6)),
        Tuple.of(1, Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, -Double.MIN_VALUE, Math.nextUp(1.0))));
  }

  @Property(tries = 100)
  void alphaOutsideTheUnitIntervalIsRefused(@ForAll("outsideTheUnitInterval") double alpha) {
    refused(b -> b.alpha(alpha), "alpha");
    assertThrows(IllegalArgumentException.class, () -> ElasticNetPenalty.of(alpha, 3));
  }

  @Property(tries = 100)
  void relaxedGammaOutsideTheUnitIntervalIsRefused(
      @ForAll("outsideTheUnitInterval") double gamma) {
    if (Double.isNaN(gamma)) {
      return; // NaN means: no relaxed fit
    }
    refused(b -> b.relax(gamma), "gamma");
  }

  @Property(tries = 100)
  void negativeOrInfiniteLambdaIsRefused(@ForAll("negativeOrInfinite") double lambda) {
    refused(b -> b.lambda(lambda), "lambda");
  }

  @Provide
  Arbitrary<Double> negativeOrInfinite() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(-1e6, -1e-6).ofScale(6)),
        Tuple.of(1, Arbitraries.just(-Double.MIN_VALUE)),
        Tuple.of(1, Arbitraries.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
  }

  @Property(tries = 50)
  void lambdaMinRatioOutsideTheOpenUnitIntervalIsRefused(
      @ForAll("outsideTheUnitInterval") double ratio) {
    if (Double.isNaN(ratio)) {
      return; // NaN means glmnet's default
    }
    refused(b -> b.lambdaMinRatio(ratio), "ratio");
    refused(b -> b.lambdaMinRatio(0), "ratio");
    refused(b -> b.lambdaMinRatio(1), "ratio");
  }

  @Property(tries = 50)
  void countsBelowTheirMinimumAreRefused(@ForAll @IntRange(min = -1000, max = 0) int count) {
    refused(b -> b.numLambdas(count), "lambdas");
    refused(b -> b.threads(count), "threads");
    refused(b -> b.maxIterations(count), "iteration");
    refused(b -> b.maxSweeps(count), "sweep");
    if (count < 0) {
      refused(b -> b.folds(count), "folds");
    }
    refused(b -> b.folds(1), "folds");
  }

  @Property(tries = 50)
  void nonPositiveOrInfiniteToleranceIsRefused(@ForAll("negativeOrInfinite") double tolerance) {
    refused(b -> b.tolerance(tolerance), "tolerance");
    refused(b -> b.tolerance(0), "tolerance");
    refused(b -> b.tolerance(Double.NaN), "tolerance");
  }

  @Property(tries = 50)
  void badPenaltyFactorsAndLimitsAreRefused(@ForAll("negativeOrInfinite") double negative,
      @ForAll @IntRange(min = 0, max = 3) int column) {
    double[] factors = {1, 1, 1, 1};
    factors[column] = negative;
    refused(b -> b.penaltyFactors(factors), "penalty factor");
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, factors, null, null, false, 4));
    double[] lower = new double[4];
    lower[column] = Math.abs(negative);
    refused(b -> b.lowerLimits(lower), "lower limit");
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, lower, null, false, 4));
    double[] upper = new double[4];
    upper[column] = -Math.abs(negative);
    refused(b -> b.upperLimits(upper), "upper limit");
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, null, upper, false, 4));
    refused(b -> b.grouped(true).upperLimits(new double[] {1, 1, 1, 1}), "grouped");
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, new double[3], null, null, false, 4));
  }

  /** Good settings keep every value, and toBuilder reproduces them. */
  @Property(tries = 100)
  void goodSettingsSurviveARoundTrip(@ForAll @Alpha double alpha,
      @ForAll @IntRange(min = 1, max = 200) int lambdas,
      @ForAll @IntRange(min = 2, max = 20) int folds,
      @ForAll @IntRange(min = 1, max = 8) int threads, @ForAll boolean standardize,
      @ForAll boolean intercept, @ForAll long seed) {
    FitSettings settings = FitSettings.builder().alpha(alpha).lambda(alpha / 2)
        .numLambdas(lambdas).lambdaMinRatio(0.01).folds(folds).threads(threads)
        .standardize(standardize).intercept(intercept).seed(seed).tolerance(1e-7)
        .maxIterations(lambdas).maxSweeps(lambdas + 1).penaltyFactors(new double[] {1, 0})
        .lowerLimits(new double[] {-1, 0}).upperLimits(new double[] {0, 2}).relax(0.5)
        .selection(FitSettings.Selection.ONE_SE).measure(FitSettings.Measure.AUC).build();
    for (FitSettings s : new FitSettings[] {settings, settings.toBuilder().build()}) {
      assertEquals(alpha, s.alpha());
      assertEquals(alpha / 2, s.lambda());
      assertTrue(s.hasFixedLambda());
      assertEquals(lambdas, s.numLambdas());
      assertEquals(0.01, s.lambdaMinRatio());
      assertEquals(folds, s.folds());
      assertEquals(threads, s.threads());
      assertEquals(standardize, s.standardize());
      assertEquals(intercept, s.intercept());
      assertEquals(seed, s.seed());
      assertEquals(new SolverControl(1e-7, lambdas, lambdas + 1), s.control());
      assertArrayEquals(new double[] {1, 0}, s.penaltyFactors());
      assertArrayEquals(new double[] {-1, 0}, s.lowerLimits());
      assertArrayEquals(new double[] {0, 2}, s.upperLimits());
      assertEquals(0.5, s.relax());
      assertTrue(s.isRelaxed());
      assertEquals(FitSettings.Selection.ONE_SE, s.selection());
      assertEquals(FitSettings.Measure.AUC, s.measure());
      ElasticNetPenalty penalty = s.penalty(2);
      assertEquals(alpha, penalty.alpha());
      assertEquals(2, penalty.factor(0)); // rescaled to sum to the number of columns
      assertEquals(0, penalty.factor(1));
      assertEquals(-1, penalty.lowerLimit(0));
      assertEquals(2, penalty.upperLimit(1));
      assertTrue(penalty.hasLimits());
    }
    FitSettings defaults = FitSettings.builder().build();
    assertTrue(!defaults.hasFixedLambda() && !defaults.isRelaxed());
    assertEquals(SolverControl.defaults(), defaults.control());
    assertTrue(defaults.penaltyFactors() == null && defaults.lowerLimits() == null
        && defaults.upperLimits() == null && !defaults.penalty(3).hasLimits());
  }

  /** A bad row is named: its weight, its class, or all weights zero. */
  @Property(tries = 100)
  void badDataIsRefusedNamingTheRow(@ForAll @SmallProblem GeneratedProblem generated,
      @ForAll("negativeOrInfinite") double badWeight, @ForAll long which) {
    int row = (int) Math.floorMod(which, (long) generated.rows());
    double[] weights = generated.weights().clone();
    weights[row] = badWeight;
    DesignMatrix design = generated.design();
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new LogisticProblem(design, generated.y(), weights, generated.classes()));
    assertTrue(error.getMessage().contains("row " + row), error.getMessage());
    double[] nan = generated.weights().clone();
    nan[row] = Double.NaN;
    assertThrows(IllegalArgumentException.class,
        () -> new LogisticProblem(design, generated.y(), nan, generated.classes()));
    int[] classes = generated.y().clone();
    classes[row] = generated.classes() + (int) Math.floorMod(which, 3L);
    error = assertThrows(IllegalArgumentException.class,
        () -> new LogisticProblem(design, classes, generated.weights(), generated.classes()));
    assertTrue(error.getMessage().contains("row " + row), error.getMessage());
    classes[row] = -1;
    assertThrows(IllegalArgumentException.class,
        () -> new LogisticProblem(design, classes, generated.weights(), generated.classes()));
    assertThrows(IllegalArgumentException.class, () -> new LogisticProblem(design,
        generated.y(), new double[generated.rows()], generated.classes()));
    assertThrows(IllegalArgumentException.class, () -> new LogisticProblem(design,
        generated.y(), new double[generated.rows() + 1], generated.classes()));
    assertThrows(IllegalArgumentException.class, () -> new LogisticProblem(design,
        new int[generated.rows()], generated.weights(), 1));
  }

  /** The problem's accessors report the data as given, weights normalised. */
  @Property(tries = 100)
  void problemReportsItsData(@ForAll @SmallProblem GeneratedProblem generated) {
    LogisticProblem problem = generated.problem();
    double total = 0;
    for (double w : generated.weights()) {
      total += w;
    }
    assertEquals(total, problem.totalWeight(), 1e-12 * total);
    assertEquals(generated.rows(), problem.rows());
    assertEquals(generated.columns(), problem.columns());
    assertEquals(generated.classes(), problem.numClasses());
    assertEquals(generated.rows(), problem.rowsWithWeight());
    double[] proportions = problem.classProportions();
    double sum = 0;
    for (int i = 0; i < generated.rows(); i++) {
      assertEquals(generated.y()[i], problem.classOf(i));
      assertEquals(generated.weights()[i] / total, problem.weight(i), 1e-15);
    }
    for (double p : proportions) {
      assertTrue(p > 0);
      sum += p;
    }
    assertEquals(1, sum, 1e-12);
  }
}
