package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The {@link Numerics} kernels that {@link NumericsProperties} leaves out: logAddExp against
 * the extended-precision oracle, and the sum over a range [from, to) against a plain loop.
 */
class NumericsKernelProperties {

  private static final double ULP = Math.ulp(1.0);

  /**
   * log(exp(a) + exp(b)) = max + log(1 + exp(min - max)): the oracle is max plus the
   * extended log1pExp of the difference. max + log1p(.) rounds twice and log1p(exp(.)) adds
   * a relative error of a few ulps of a term at most log 2, hence 2 ulps of the result plus
   * 4 ulps of log 2.
   */
  @Property(tries = 500)
  void logAddExpMatchesTheOracle(@ForAll @LinearPredictor double a,
      @ForAll @LinearPredictor double b) {
    Statistics.label("difference").collect(Generators.predictorRegime(a - b));
    double max = Math.max(a, b);
    BigDecimal exact = ExtendedPrecision.of(max).add(ExtendedPrecision.log1pExp(
        Math.min(a, b) - max));
    double value = Numerics.logAddExp(a, b);
    assertEquals(exact.doubleValue(), value, 2 * Math.ulp(value) + 4 * ULP * Math.log(2),
        "logAddExp(" + a + ", " + b + ")");
    assertEquals(value, Numerics.logAddExp(b, a), "logAddExp is symmetric");
    assertTrue(value >= max, "logAddExp is at least the larger argument");
  }

  /** -infinity stands for exp(.) = 0: it is the identity of logAddExp. */
  @Property(tries = 100)
  void negativeInfinityIsTheIdentityOfLogAddExp(@ForAll @LinearPredictor double a) {
    assertEquals(a, Numerics.logAddExp(a, Double.NEGATIVE_INFINITY));
    assertEquals(a, Numerics.logAddExp(Double.NEGATIVE_INFINITY, a));
  }

  @Provide
  Arbitrary<double[]> vectors() {
    return Arbitraries.doubles().between(-5, 5).ofScale(3).array(double[].class)
        .ofMaxSize(13);
  }

  /**
   * The sum over every range [from, to) of a vector (lengths 0..13 cover both remainders of
   * the unrolled loop, empty ranges included) against a plain loop; the two accumulators
   * round differently, within gamma_n of the absolute sum.
   */
  @Property(tries = 200)
  void sumOverARangeIsThePlainSumOfThatRange(@ForAll("vectors") double[] x,
      @ForAll @IntRange(min = 0, max = 13) int start,
      @ForAll @IntRange(min = 0, max = 13) int length) {
    int from = Math.min(start, x.length);
    int to = Math.min(from + length, x.length);
    Statistics.label("range").collect(to == from ? "empty" : (to - from) % 2 == 0 ? "even"
        : "odd");
    double sum = 0;
    double absoluteSum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
      absoluteSum += Math.abs(x[i]);
    }
    assertEquals(sum, Numerics.sum(x, from, to), (to - from + 1) * ULP * absoluteSum,
        "sum of [" + from + ", " + to + ")");
  }
}
