package org.elasticnetlogistic.core;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.providers.TypeUsage;
import net.jqwik.api.statistics.Statistics;

/**
 * Domain arbitraries shared by the property suites, and the suppliers behind the
 * meta-annotations {@link SmallProblem}, {@link Coefficient}, {@link Alpha} and
 * {@link LinearPredictor}.
 */
final class Generators {

  private Generators() {
  }

  /** Supplies {@link SmallProblem} parameters, configured by the annotation. */
  static final class SmallProblems implements ArbitrarySupplier<GeneratedProblem> {
    @Override
    public Arbitrary<GeneratedProblem> supplyFor(TypeUsage targetType) {
      SmallProblem config = targetType.findAnnotation(SmallProblem.class).orElseThrow();
      return problems(config);
    }
  }

  /** Supplies {@link Coefficient} parameters. */
  static final class CoefficientValues implements ArbitrarySupplier<Double> {
    @Override
    public Arbitrary<Double> supplyFor(TypeUsage targetType) {
      double max = targetType.findAnnotation(Coefficient.class).map(Coefficient::max)
          .orElse(2.0);
      return coefficients(max);
    }
  }

  /** Supplies {@link Alpha} parameters. */
  static final class Alphas implements ArbitrarySupplier<Double> {
    @Override
    public Arbitrary<Double> supplyFor(TypeUsage targetType) {
      boolean ridge = targetType.findAnnotation(Alpha.class).map(Alpha::ridge).orElse(true);
      return ridge ? alphas() : alphas().filter(a -> a > 0);
    }
  }

  /** Supplies {@link LinearPredictor} parameters. */
  static final class LinearPredictors implements ArbitrarySupplier<Double> {
    @Override
    public Arbitrary<Double> supplyFor(TypeUsage targetType) {
      double max = targetType.findAnnotation(LinearPredictor.class)
          .map(LinearPredictor::max).orElse(1000.0);
      return linearPredictors(max);
    }
  }

  /** A coefficient in [-max, max], spread evenly (jqwik's default favours small values). */
  static Arbitrary<Double> coefficients(double max) {
    return Arbitraries.doubles().between(-max, max).ofScale(4)
        .withDistribution(RandomDistribution.uniform());
  }

  /** alpha exactly 0, exactly 1, and in between. */
  static Arbitrary<Double> alphas() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.just(1.0)),
        Tuple.of(2, Arbitraries.doubles().between(0.05, 0.95).ofScale(2)));
  }

  /** Which regime of alpha a value falls in, for statistics. */
  static String alphaRegime(double alpha) {
    return alpha == 0 ? "0" : alpha == 1 ? "1" : "between";
  }

  /**
   * Collects the regimes of a generated problem (K = 2 or more, sparse or dense, weighted or
   * not) and checks that none was starved. The bounds sit far enough below the drawn shares
   * (1/3 and 2/3, 1/2, 1/2) that a correct generator fails them about once in 10,000 runs of
   * 40 checks; tighter bounds made the suite fail about one run in twenty.
   */
  static void coverProblems(GeneratedProblem generated) {
    Statistics.label("classes").collect(generated.classes() == 2 ? "K = 2" : "K > 2");
    Statistics.label("design").collect(generated.sparse() ? "sparse" : "dense");
    Statistics.label("weights").collect(generated.weighted() ? "weighted" : "unweighted");
    Statistics.label("classes").coverage(c -> {
      c.check("K = 2").percentage(p -> p > 5);
      c.check("K > 2").percentage(p -> p > 30);
    });
    Statistics.label("design").coverage(c -> {
      c.check("sparse").percentage(p -> p > 15);
      c.check("dense").percentage(p -> p > 15);
    });
    Statistics.label("weights").coverage(c -> {
      c.check("weighted").percentage(p -> p > 15);
      c.check("unweighted").percentage(p -> p > 15);
    });
  }

  /**
   * Collects the regime of alpha and checks that alpha strictly between 0 and 1 (drawn half
   * the time), alpha = 1 and, when {@code ridge}, alpha = 0 (a quarter each) were not
   * starved, with bounds a correct generator fails about once in 10,000 runs of 40 checks.
   */
  static void coverAlpha(double alpha, boolean ridge) {
    Statistics.label("alpha").collect(alphaRegime(alpha));
    Statistics.label("alpha").coverage(c -> {
      c.check("between").percentage(p -> p > 15);
      c.check("1").percentage(p -> p > 2.5);
      if (ridge) {
        c.check("0").percentage(p -> p > 2.5);
      }
    });
  }

  /**
   * Linear predictors near zero (|z| &lt; 1e-3), moderate (up to 40) and large (up to max),
   * each range spread evenly, plus the boundaries of the kernels' branches.
   */
  static Arbitrary<Double> linearPredictors(double max) {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(20)),
        Tuple.of(4, Arbitraries.doubles().between(-40, 40).ofScale(12)
            .withDistribution(RandomDistribution.uniform())),
        Tuple.of(3, Arbitraries.doubles().between(-max, max).ofScale(8)
            .withDistribution(RandomDistribution.uniform())),
        Tuple.of(1, Arbitraries.of(-max, max, 0.0, -745.5, 709.9, 36.8, -36.8, 1.0, -1.0)));
  }

  /** Which regime of the linear predictor z falls in, for statistics. */
  static String predictorRegime(double z) {
    double a = Math.abs(z);
    return a < 1e-3 ? "near 0" : a <= 40 ? "moderate" : "large";
  }

  /** A design value: a dense design has few zeros, a sparse one mostly zeros. */
  private static Arbitrary<Double> designValues(SmallProblem.Layout layout) {
    Arbitrary<Double> value = Arbitraries.doubles().between(-3, 3).ofScale(3)
        .withDistribution(RandomDistribution.uniform());
    return layout == SmallProblem.Layout.SPARSE
        ? Arbitraries.frequencyOf(Tuple.of(3, value), Tuple.of(7, Arbitraries.just(0.0)))
        : Arbitraries.frequencyOf(Tuple.of(9, value), Tuple.of(1, Arbitraries.just(0.0)));
  }

  /**
   * Problems as {@link SmallProblem} describes them. The classes are drawn from a random
   * true multinomial model, x times coefficients in [-1, 1] times a strength in [0, 2]: from
   * pure noise to nearly separable data. The first K rows take classes 0..K-1, so every
   * class occurs. One column in six problems is constant.
   */
  static Arbitrary<GeneratedProblem> problems(SmallProblem config) {
    Arbitrary<Integer> rows = Arbitraries.integers().between(
        Math.max(config.minRows(), config.maxClasses()), config.maxRows())
        .withDistribution(RandomDistribution.uniform());
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, config.maxColumns())
        .withDistribution(RandomDistribution.uniform());
    Arbitrary<Integer> classes = Arbitraries.integers().between(config.minClasses(),
        config.maxClasses()).withDistribution(RandomDistribution.uniform());
    Arbitrary<SmallProblem.Layout> layouts = Arbitraries.of(config.layouts());
    Arbitrary<SmallProblem.Weighting> weightings = Arbitraries.of(config.weightings());
    return Combinators.combine(rows, columns, classes, layouts, weightings)
        .flatAs((n, p, k, layout, weighting) -> {
          // no edge cases for the arrays: they are all-equal values, a constant design
          Arbitrary<double[][]> x = designValues(layout).array(double[].class).ofSize(p)
              .array(double[][].class).ofSize(n).withoutEdgeCases();
          // now and then one column is constant: left out of the fit, coefficient zero
          Arbitrary<Integer> constant = Arbitraries.frequencyOf(
              Tuple.of(5, Arbitraries.just(-1)),
              Tuple.of(1, Arbitraries.integers().between(0, p - 1)));
          Arbitrary<double[]> truth = coefficients(1).array(double[].class).ofSize(k * p)
              .withoutEdgeCases();
          Arbitrary<Double> strength = Arbitraries.doubles().between(0, 2).ofScale(2);
          Arbitrary<double[]> draws = Arbitraries.doubles().between(0, 1).ofScale(4)
              .withDistribution(RandomDistribution.uniform()).array(double[].class)
              .ofSize(n).withoutEdgeCases();
          Arbitrary<double[]> weights = weighting == SmallProblem.Weighting.UNIT
              ? Arbitraries.just(ones(n))
              : Arbitraries.doubles().between(0.2, 3).ofScale(2).array(double[].class)
                  .ofSize(n).withoutEdgeCases();
          return Combinators.combine(x, constant, truth, strength, draws, weights).as(
              (xs, c, b, s, u, w) -> new GeneratedProblem(withConstantColumn(xs, c),
                  labels(xs, b, s, u, k), w, k, layout == SmallProblem.Layout.SPARSE));
        });
  }

  /** A copy of the design with column c (if c &gt;= 0) set to one constant value. */
  private static double[][] withConstantColumn(double[][] x, int column) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
      if (column >= 0) {
        out[i][column] = x[0][column];
      }
    }
    return out;
  }

  static double[] ones(int n) {
    double[] out = new double[n];
    Arrays.fill(out, 1.0);
    return out;
  }

  /** Classes drawn by inverse CDF from softmax(strength * x * truth). */
  private static int[] labels(double[][] x, double[] truth, double strength, double[] draws,
      int classes) {
    int n = x.length;
    int p = x[0].length;
    int[] y = new int[n];
    double[] eta = new double[classes];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < classes; k++) {
        double s = 0;
        for (int j = 0; j < p; j++) {
          s += truth[k * p + j] * x[i][j];
        }
        eta[k] = strength * s;
      }
      double[] prob = Numerics.softmax(eta);
      double cumulative = 0;
      y[i] = classes - 1;
      for (int k = 0; k < classes; k++) {
        cumulative += prob[k];
        if (draws[i] < cumulative) {
          y[i] = k;
          break;
        }
      }
    }
    for (int k = 0; k < classes; k++) {
      y[k] = k;
    }
    return y;
  }
}
