package org.elasticnetlogistic.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Domain arbitraries shared by the property suites. */
final class Generators {

  private Generators() {
  }

  /** A design value: mostly moderate numbers, sometimes exactly zero (sparse data). */
  static Arbitrary<Double> designValues() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(-3, 3).ofScale(3)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)));
  }

  /** n in [12, 40], p in [1, 8], K in [2, 4], random weights, dense or sparse. */
  static Arbitrary<SmallProblem> problems() {
    Arbitrary<Integer> rows = Arbitraries.integers().between(12, 40);
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, 8);
    Arbitrary<Integer> classes = Arbitraries.integers().between(2, 4);
    return Combinators.combine(rows, columns, classes).flatAs((n, p, k) -> {
      Arbitrary<double[][]> x = designValues().array(double[].class).ofSize(p)
          .array(double[][].class).ofSize(n);
      Arbitrary<int[]> y = Arbitraries.integers().between(0, k - 1).array(int[].class)
          .ofSize(n);
      Arbitrary<double[]> w = Arbitraries.doubles().between(0.2, 3).ofScale(2)
          .array(double[].class).ofSize(n);
      Arbitrary<Boolean> sparse = Arbitraries.of(false, true);
      return Combinators.combine(x, y, w, sparse).as((xs, ys, ws, sp) -> {
        int[] labels = ys.clone();
        for (int c = 0; c < k; c++) {
          labels[c] = c; // every class occurs
        }
        return new SmallProblem(xs, labels, ws, k, sp);
      });
    });
  }

  /** alpha at 0, 1 and in between. */
  static Arbitrary<Double> alphas() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(1.0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(0.05, 0.95).ofScale(2)));
  }
}
