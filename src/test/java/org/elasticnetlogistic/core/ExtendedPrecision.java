package org.elasticnetlogistic.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An extended-precision oracle (BigDecimal, 60 significant digits) for the scalar kernels of
 * {@link Numerics}. It shares nothing with them: exp by halving and Taylor series, log1p by
 * the atanh series, so the kernels' log1p/expm1 tricks are checked against plain
 * mathematics. Every double is converted exactly, so the oracle sees the same input.
 */
final class ExtendedPrecision {

  static final MathContext CONTEXT = new MathContext(60, RoundingMode.HALF_EVEN);
  private static final MathContext WORKING = new MathContext(90, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal LN2 = atanhSeries(BigDecimal.ONE);

  private ExtendedPrecision() {
  }

  static BigDecimal of(double value) {
    return new BigDecimal(value);
  }

  /** exp(x): halve x until it is below 1/1024, sum the Taylor series, square back. */
  static BigDecimal exp(BigDecimal x) {
    int halvings = 0;
    BigDecimal reduced = x;
    BigDecimal bound = BigDecimal.ONE.divide(BigDecimal.valueOf(1024), WORKING);
    while (reduced.abs().compareTo(bound) > 0) {
      reduced = reduced.divide(TWO, WORKING);
      halvings++;
    }
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(WORKING.getPrecision() + 5);
    for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
      term = term.multiply(reduced, WORKING).divide(BigDecimal.valueOf(k), WORKING);
      sum = sum.add(term, WORKING);
    }
    for (int h = 0; h < halvings; h++) {
      sum = sum.multiply(sum, WORKING);
    }
    return sum.round(CONTEXT);
  }

  /**
   * log1p(u) for u &gt; -1, with full relative accuracy for tiny u. Near zero by the series
   * of 2 atanh(u / (2 + u)); elsewhere the series converges slowly (not at all as u nears
   * -1) and 1 + u loses nothing at this precision, so log(1 + u) is taken instead.
   */
  static BigDecimal log1p(BigDecimal u) {
    if (u.abs().compareTo(HALF) > 0) {
      return log(BigDecimal.ONE.add(u, WORKING));
    }
    return atanhSeries(u).round(CONTEXT);
  }

  /** 2 atanh(u / (2 + u)) = log(1 + u) by its series; |u| &lt;= 1 gives |t| &lt;= 1/3. */
  private static BigDecimal atanhSeries(BigDecimal u) {
    BigDecimal t = u.divide(TWO.add(u, WORKING), WORKING);
    BigDecimal t2 = t.multiply(t, WORKING);
    BigDecimal power = t;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal epsilon = t.abs().movePointLeft(WORKING.getPrecision() + 5);
    for (int k = 1; power.abs().compareTo(epsilon) > 0 && power.signum() != 0; k += 2) {
      sum = sum.add(power.divide(BigDecimal.valueOf(k), WORKING), WORKING);
      power = power.multiply(t2, WORKING);
    }
    return sum.multiply(TWO, WORKING);
  }

  /** log(x) for x &gt; 0: split off powers of two so that the series converges fast. */
  static BigDecimal log(BigDecimal x) {
    if (x.signum() <= 0) {
      throw new IllegalArgumentException("log of " + x);
    }
    int twos = 0;
    BigDecimal m = x;
    while (m.compareTo(TWO) > 0) {
      m = m.divide(TWO, WORKING);
      twos++;
    }
    while (m.compareTo(BigDecimal.ONE) < 0) {
      m = m.multiply(TWO, WORKING);
      twos--;
    }
    return atanhSeries(m.subtract(BigDecimal.ONE, WORKING)).add(LN2.multiply(
        BigDecimal.valueOf(twos), WORKING), WORKING).round(CONTEXT);
  }

  /** log(1 + exp(z)), as max(z, 0) + log1p(exp(-|z|)). */
  static BigDecimal log1pExp(double z) {
    BigDecimal x = of(z);
    BigDecimal tail = log1p(exp(x.abs().negate()));
    return z > 0 ? x.add(tail, CONTEXT) : tail;
  }

  /** log(sum_k exp(values_k)). */
  static BigDecimal logSumExp(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    BigDecimal top = of(max);
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(exp(of(v).subtract(top)), WORKING);
    }
    return top.add(log(sum), CONTEXT);
  }

  /** softmax(values)_k. */
  static BigDecimal softmax(double[] values, int k) {
    BigDecimal normaliser = logSumExp(values);
    return exp(of(values[k]).subtract(normaliser, WORKING));
  }

  /** log(sum_k p_k exp(step_k) / sum_k p_k): the exact change of a log-normaliser. */
  static BigDecimal logNormalizerChange(double[] probabilities, double[] step) {
    BigDecimal moved = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (int k = 0; k < probabilities.length; k++) {
      BigDecimal p = of(probabilities[k]);
      moved = moved.add(p.multiply(exp(of(step[k])), WORKING), WORKING);
      total = total.add(p, WORKING);
    }
    return log1p(moved.subtract(total, WORKING).divide(total, WORKING));
  }

  /** |actual - expected| in units of the last place of the double nearest expected. */
  static double ulpError(double actual, BigDecimal expected) {
    double nearest = expected.doubleValue();
    double ulp = Math.ulp(nearest);
    return of(actual).subtract(expected, CONTEXT).abs().doubleValue() / ulp;
  }
}
