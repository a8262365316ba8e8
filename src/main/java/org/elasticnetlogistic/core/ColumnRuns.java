package org.elasticnetlogistic.core;

/**
 * Runs of columns cut by cost, and sums of many columns into rows by two such runs: the
 * passes that the coordinate descent and the Newton steps split between two threads. The
 * runs depend only on the data, so every sum is the same for any thread count.
 */
final class ColumnRuns {

  private ColumnRuns() {
  }

  /** The scale of a column in a sum: block k's scale of the column at {@code position}. */
  @FunctionalInterface
  interface Scales {
    double scale(int block, int position);
  }

  /** The stored entries of the first count columns, plus columnCost for each column. */
  static long cost(DesignMatrix x, int[] columns, int count, int columnCost) {
    long total = 0;
    for (int a = 0; a < count; a++) {
      total += x.columnEntries(columns[a]) + columnCost;
    }
    return total;
  }

  /**
   * The first {@code count} columns cut into {@code parts} runs of about equal cost: their
   * stored entries plus {@code columnCost} for each column.
   *
   * @param total the columns' cost ({@link #cost})
   * @return the runs' first positions, then count
   */
  static int[] runs(DesignMatrix x, int[] columns, int count, int parts, int columnCost,
      long total) {
    int[] start = new int[parts + 1];
    long seen = 0;
    int part = 1;
    for (int s = 0; s < count && part < parts; s++) {
      seen += x.columnEntries(columns[s]) + columnCost;
      while (part < parts && seen * parts >= total * part) {
        start[part++] = s + 1;
      }
    }
    while (part <= parts) {
      start[part++] = count;
    }
    return start;
  }

  /**
   * out[k] += sum over the first count columns of scales(k, c) x_{columns[c]}: the columns
   * are cut into two runs of about equal cost ({@link #runs}), each summed into its own rows
   * on its own thread, and the second run's sums are then added. By row ranges instead,
   * each piece would search every sparse column for its first row.
   *
   * @param second scratch rows, one vector per block; zeroed here
   */
  static void addInTwoRuns(DesignMatrix x, Parallelism parallel, int[] columns, int count,
      int columnCost, Scales scales, double[][] out, double[][] second) {
    int blocks = out.length;
    for (double[] rows : second) {
      java.util.Arrays.fill(rows, 0.0);
    }
    long work = cost(x, columns, count, columnCost);
    int[] starts = runs(x, columns, count, 2, columnCost, work);
    parallel.forEachPiece(2, 1, work, (from, to) -> {
      double[] scale = new double[blocks];
      for (int run = from; run < to; run++) {
        double[][] target = run == 0 ? out : second;
        for (int c = starts[run]; c < starts[run + 1]; c++) {
          for (int k = 0; k < blocks; k++) {
            scale[k] = scales.scale(k, c);
          }
          x.addScaledMany(columns[c], scale, target);
        }
      }
    });
    for (int k = 0; k < blocks; k++) {
      double[] sums = out[k];
      double[] other = second[k];
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other[i];
      }
    }
  }
}
