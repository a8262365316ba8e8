package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The symmetric multinomial model is unchanged when one constant is subtracted from all K
 * coefficients of a column (or from all intercepts). With a penalty the best such constant
 * is the one that minimises the column's penalty,
 * {@code sum_k (1 - alpha)/2 (b_k - c)^2 + alpha |b_k - c|}: the mean for alpha = 0, the
 * median for alpha = 1, and in between otherwise. This makes reported coefficients unique.
 */
public final class MultinomialCentering {

  private MultinomialCentering() {
  }

  /**
   * The c minimising sum_k (1 - alpha)/2 (values_k - c)^2 + alpha |values_k - c|. For
   * alpha = 1 and an even count every point between the middle two values is a minimiser;
   * their midpoint is returned.
   */
  public static double penaltyOptimalShift(double[] values, double alpha) {
    int k = values.length;
    if (k == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (alpha >= 1) {
      return k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    }
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double ridge = 1 - alpha;
    // derivative on an open interval with `below` values under c:
    // ridge (k c - sum) + alpha (below - (k - below)) = 0
    int position = 0;
    for (int below = 0; below <= k; below++) {
      double c = (sum - alpha * (2 * below - k) / ridge) / k;
      double low = below == 0 ? Double.NEGATIVE_INFINITY : sorted[below - 1];
      double high = below == k ? Double.POSITIVE_INFINITY : sorted[below];
      if (c > low && c < high) {
        return c;
      }
      // otherwise test the kink at `high`: all values equal to it form the tie group
      if (below < k) {
        int equal = 0;
        position = below;
        while (position < k && sorted[position] == high) {
          equal++;
          position++;
        }
        int above = k - below - equal;
        double smooth = ridge * (k * high - sum);
        double lowSub = smooth + alpha * (below - above - equal);
        double highSub = smooth + alpha * (below - above + equal);
        if (lowSub <= 0 && highSub >= 0) {
          return high;
        }
        below = position - 1; // skip the tie group (the loop adds one)
      }
    }
    // unreachable for a convex coercive function; fall back to the mean
    return sum / k;
  }
}
