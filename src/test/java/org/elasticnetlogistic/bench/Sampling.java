package org.elasticnetlogistic.bench;

import java.util.Arrays;
import java.util.Random;

/** Small sampling helpers for the benchmark generators. */
final class Sampling {

  private Sampling() {
  }

  /** {@code count} distinct integers from [0, bound), ascending (a partial Fisher-Yates). */
  static int[] distinct(Random random, int count, int bound) {
    if (count < 0 || count > bound) {
      throw new IllegalArgumentException("cannot draw " + count + " distinct values below "
          + bound);
    }
    int[] pool = new int[bound];
    for (int i = 0; i < bound; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int pick = i + random.nextInt(bound - i);
      int kept = pool[pick];
      pool[pick] = pool[i];
      pool[i] = kept;
    }
    int[] chosen = Arrays.copyOf(pool, count);
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * A discrete power law on [0, size): {@code P(j) ~ 1 / (j + 1)^exponent}, drawn by
   * inverting its cumulative distribution.
   */
  static final class PowerLaw {

    private final double[] cumulative;

    PowerLaw(int size, double exponent) {
      cumulative = new double[size];
      double total = 0;
      for (int j = 0; j < size; j++) {
        total += Math.pow(j + 1, -exponent);
        cumulative[j] = total;
      }
      for (int j = 0; j < size; j++) {
        cumulative[j] /= total;
      }
      cumulative[size - 1] = 1;
    }

    /** The smallest j whose cumulative probability exceeds a uniform draw. */
    int next(Random random) {
      double u = random.nextDouble();
      int found = Arrays.binarySearch(cumulative, u);
      return found >= 0 ? Math.min(found + 1, cumulative.length - 1) : -found - 1;
    }
  }
}
