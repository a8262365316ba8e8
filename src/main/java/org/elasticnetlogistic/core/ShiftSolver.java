package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * Exact minimisation of a convex piecewise quadratic in one variable t:
 *
 * <pre>
 *   h/2 t^2 - g t + sum_k [ l1 |c_k + t| + l2/2 (c_k + t)^2 ]
 * </pre>
 *
 * <p>the multinomial model along the all-classes direction of one column. When the
 * minimisers form an interval the one nearest zero is returned (the smallest move).
 */
final class ShiftSolver {

  private ShiftSolver() {
  }

  static double minimise(double h, double g, double[] c, double l1, double l2) {
    int k = c.length;
    double slope = h + k * l2;
    double sum = 0;
    double[] breakpoints = new double[k];
    for (int i = 0; i < k; i++) {
      sum += c[i];
      breakpoints[i] = -c[i];
    }
    Arrays.sort(breakpoints);
    // derivative on an open interval with m breakpoints below t: slope t - b + l1 (2m - k)
    double b = g - l2 * sum;
    int m = 0;
    while (m <= k) {
      double low = m == 0 ? Double.NEGATIVE_INFINITY : breakpoints[m - 1];
      double high = m == k ? Double.POSITIVE_INFINITY : breakpoints[m];
      double constant = -b + l1 * (2 * m - k);
      if (slope > 0) {
        double t = -constant / slope;
        if (t > low && t < high) {
          return t;
        }
      } else if (constant == 0) {
        return Math.min(Math.max(0.0, low), high);
      }
      if (m == k) {
        break;
      }
      int equal = 0;
      while (m + equal < k && breakpoints[m + equal] == high) {
        equal++;
      }
      double base = slope * high - b;
      double lowSub = base + l1 * (2 * m - k);
      double highSub = base + l1 * (2 * m - k + 2 * equal);
      // a flat piece beyond the breakpoint (piecewise linear, derivative exactly zero there)
      // holds minimisers too; that piece's own test returns the one nearest zero
      if (lowSub <= 0 && highSub >= 0 && !(slope == 0 && highSub == 0)) {
        return high;
      }
      m += equal;
    }
    // not reached for a coercive function; stay put
    return 0;
  }
}
