package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The curvature of the quadratic (Newton) model of the loss on a set of columns, as a dense
 * matrix that is kept between Newton steps and between lambdas.
 *
 * <p>Variables are (slot, block) pairs: slot 0 is the intercept, slot s the s-th column of
 * the set; block k is the class (one block for the binomial model). The entry of variables
 * (a, k) and (b, l) is {@code sum_i x_ia x_ib h_i^kl} with the IRLS curvature
 * {@code h = w max(p (1 - p), floor)} for the binomial model and, for the multinomial one,
 * {@code h^kk = w p_k (1 - p_k) + c (K - 1)/K} and {@code h^kl = -w p_k p_l - c/K}, the IRLS
 * floor c added off the softmax's flat direction ({@link ModelState#multinomialFloorExcess}).
 * The weights are a snapshot taken at {@link #refresh}; columns added later use the same
 * snapshot, so the matrix is always the exact curvature at one point and stays positive
 * semi-definite. Between refreshes it is a quasi-Newton matrix:
 * the gradient is always exact, so the fixed point is the true optimum.
 *
 * <p>This is glmnet's "covariance" idea carried to the logistic model: once the matrix is
 * built, a coordinate update costs O(variables) instead of O(rows), and the subproblem can
 * be solved to any precision.
 *
 * <p>Mutable per-fit state; not thread safe.
 */
final class GramModel {

  private final FitContext context;
  private final int blocks;
  private final int[] slotOf;
  private int[] columns = new int[0];
  /** Curvature weights by block pair, [k * blocks + l] for k &lt;= l. */
  private double[][] pairWeight;
  private double[][] matrix = new double[0][0];
  private double snapshotFloor = Double.NaN;

  GramModel(FitContext context) {
    this.context = context;
    this.blocks = context.blocks;
    this.slotOf = new int[context.columns];
  }

  /** Number of variables, (columns + 1) * blocks. */
  int size() {
    return (columns.length + 1) * blocks;
  }

  /** The columns in the model, in slot order (slot s + 1 holds columns[s]). */
  int[] columns() {
    return columns;
  }

  /** The variable index of (column, block); column -1 is the intercept. */
  int variable(int column, int block) {
    int slot = column < 0 ? 0 : slotOf[column];
    return slot * blocks + block;
  }

  boolean contains(int column) {
    return slotOf[column] > 0;
  }

  boolean hasSnapshot() {
    return pairWeight != null;
  }

  double snapshotFloor() {
    return snapshotFloor;
  }

  /** The matrix; entry [u][v] for variables u, v &lt; size(). Read only. */
  double[][] matrix() {
    return matrix;
  }

  /**
   * Takes the curvature weights of the current point and rebuilds the matrix for the given
   * columns (which replace the old set).
   */
  void refresh(ModelState state, double floor, int[] newColumns) {
    snapshotFloor = floor;
    int n = context.rows;
    double[] w = context.weights;
    pairWeight = new double[blocks * blocks][];
    if (context.binomial) {
      pairWeight[0] = state.curvature(0, floor);
    } else {
      double[] excess = state.multinomialFloorExcess(floor);
      double ownShare = (blocks - 1.0) / blocks;
      for (int k = 0; k < blocks; k++) {
        double[] pk = state.prob[k];
        for (int l = k; l < blocks; l++) {
          double[] h = new double[n];
          if (k == l) {
            for (int i = 0; i < n; i++) {
              h[i] = w[i] * pk[i] * (1 - pk[i]) + (excess == null ? 0 : excess[i] * ownShare);
            }
          } else {
            double[] pl = state.prob[l];
            for (int i = 0; i < n; i++) {
              h[i] = -w[i] * pk[i] * pl[i] - (excess == null ? 0 : excess[i] / blocks);
            }
          }
          pairWeight[k * blocks + l] = h;
        }
      }
    }
    for (int j : columns) {
      slotOf[j] = 0;
    }
    columns = new int[0];
    matrix = new double[0][0];
    add(newColumns);
  }

  /** Adds the columns not yet in the model, with the snapshot's weights. */
  void ensure(int[] needed) {
    int count = 0;
    int[] missing = new int[needed.length];
    for (int j : needed) {
      if (slotOf[j] == 0) {
        missing[count++] = j;
      }
    }
    if (count > 0) {
      add(Arrays.copyOf(missing, count));
    }
  }

  private void add(int[] added) {
    DesignMatrix x = context.design;
    int oldCount = columns.length;
    int newCount = oldCount + added.length;
    int[] all = Arrays.copyOf(columns, newCount);
    System.arraycopy(added, 0, all, oldCount, added.length);
    for (int s = 0; s < added.length; s++) {
      slotOf[added[s]] = oldCount + s + 1;
    }
    int size = (newCount + 1) * blocks;
    double[][] grown = new double[size][size];
    for (int u = 0; u < matrix.length; u++) {
      System.arraycopy(matrix[u], 0, grown[u], 0, matrix.length);
    }
    // every block pair's weights in one pass over the rows
    int pairs = blocks * (blocks + 1) / 2;
    double[][] weightSets = new double[pairs][];
    int[] pairFirst = new int[pairs];
    int[] pairSecond = new int[pairs];
    for (int k = 0, q = 0; k < blocks; k++) {
      for (int l = k; l < blocks; l++, q++) {
        weightSets[q] = pairWeight[k * blocks + l];
        pairFirst[q] = k;
        pairSecond[q] = l;
      }
    }
    double[][][] cross = oldCount > 0 ? crossProducts(added, columns, weightSets, false) : null;
    double[][][] square = crossProducts(added, added, weightSets, true);
    for (int q = 0; q < pairs; q++) {
      int k = pairFirst[q];
      int l = pairSecond[q];
      double[] h = weightSets[q];
      // intercept with intercept, on a fresh model
      if (oldCount == 0) {
        set(grown, 0, k, 0, l, Numerics.sum(h, context.rows));
      }
      for (int s = 0; s < added.length; s++) {
        double v = x.dot(added[s], h);
        set(grown, oldCount + s + 1, k, 0, l, v);
        if (k != l) {
          set(grown, oldCount + s + 1, l, 0, k, v);
        }
      }
      if (oldCount > 0) {
        for (int s = 0; s < added.length; s++) {
          for (int t = 0; t < oldCount; t++) {
            set(grown, oldCount + s + 1, k, t + 1, l, cross[q][s][t]);
            if (k != l) {
              set(grown, oldCount + s + 1, l, t + 1, k, cross[q][s][t]);
            }
          }
        }
      }
      for (int s = 0; s < added.length; s++) {
        for (int t = 0; t <= s; t++) {
          set(grown, oldCount + s + 1, k, oldCount + t + 1, l, square[q][s][t]);
          if (k != l) {
            set(grown, oldCount + s + 1, l, oldCount + t + 1, k, square[q][s][t]);
          }
        }
      }
    }
    columns = all;
    matrix = grown;
  }

  /** Columns per piece of the parallel cross-product pass (a multiple of the tile). */
  private static final int LEFT_PIECE = 16;
  /** Most row chunks of a pass cut by rows. */
  private static final int MAX_ROW_CHUNKS = 16;
  /** Most partial sums a pass cut by rows holds at once, in doubles (32 MB). */
  private static final long ROW_CUT_BUDGET = 4_000_000;

  /**
   * The design's weighted cross products, {@code out[set][a][b]}, for every weight vector.
   * A dense design is cut into fixed chunks of rows (partial sums
   * added in chunk order); otherwise the longer side's columns are cut into fixed pieces (a
   * few added columns against the model's many are cut by the model's), each number summed
   * as in one piece. Either way the pieces do not depend on the thread count, nor do the
   * bits.
   */
  private double[][][] crossProducts(int[] left, int[] right, double[][] weightSets,
      boolean symmetric) {
    DesignMatrix x = context.design;
    int sets = weightSets.length;
    double[][][] out = new double[sets][left.length][right.length];
    long work = (long) sets * left.length * right.length * Math.max(1,
        x.storedEntries() / Math.max(1, context.columns));
    int rows = context.rows;
    int rowChunks = Math.max(1, (rows + Parallelism.ROW_CHUNK - 1) / Parallelism.ROW_CHUNK);
    long perChunk = Math.max(1, (long) sets * left.length * right.length);
    int chunks = (int) Math.min(Math.min(MAX_ROW_CHUNKS, rowChunks), ROW_CUT_BUDGET / perChunk);
    if (x.crossProductsByRows() && chunks >= Math.min(2, rowChunks)) {
      int chunkRows = (rows + chunks - 1) / chunks;
      double[][][][] partial = new double[chunks][][][];
      context.parallel.forEachPiece(rows, chunkRows, work, (from, to) -> {
        double[][][] sums = new double[sets][left.length][right.length];
        x.weightedCrossProducts(left, right, weightSets, symmetric, sums, from, to);
        partial[from / chunkRows] = sums;
      });
      for (double[][][] chunk : partial) {
        if (chunk == null) {
          continue; // a last chunk of no rows
        }
        for (int set = 0; set < sets; set++) {
          for (int a = 0; a < left.length; a++) {
            double[] target = out[set][a];
            double[] add = chunk[set][a];
            for (int b = 0, width = symmetric ? a + 1 : right.length; b < width; b++) {
              target[b] += add[b];
            }
          }
        }
      }
      return out;
    }
    if (!symmetric && left.length < right.length) {
      context.parallel.forEachPiece(right.length, LEFT_PIECE, work, (from, to) -> {
        int[] piece = Arrays.copyOfRange(right, from, to);
        double[][][] part = new double[sets][left.length][to - from];
        x.weightedCrossProducts(left, piece, weightSets, false, part, 0, rows);
        for (int set = 0; set < sets; set++) {
          for (int a = 0; a < left.length; a++) {
            System.arraycopy(part[set][a], 0, out[set][a], from, to - from);
          }
        }
      });
      return out;
    }
    context.parallel.forEachPiece(left.length, LEFT_PIECE, work, (from, to) -> {
      int[] piece = Arrays.copyOfRange(left, from, to);
      int[] against = symmetric ? Arrays.copyOfRange(right, 0, to) : right;
      double[][][] part = new double[sets][to - from][against.length];
      x.weightedCrossProducts(piece, against, weightSets, false, part, 0, rows);
      for (int set = 0; set < sets; set++) {
        for (int a = from; a < to; a++) {
          int width = symmetric ? a + 1 : against.length;
          System.arraycopy(part[set][a - from], 0, out[set][a], 0, width);
        }
      }
    });
    return out;
  }

  /** Sets the symmetric entry of variables (slotA, blockA) and (slotB, blockB). */
  private void set(double[][] m, int slotA, int blockA, int slotB, int blockB, double value) {
    int u = slotA * blocks + blockA;
    int v = slotB * blocks + blockB;
    m[u][v] = value;
    m[v][u] = value;
  }
}
