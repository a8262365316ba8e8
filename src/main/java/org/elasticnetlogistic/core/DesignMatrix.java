package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * An immutable n x p design matrix, stored by column, that the solvers read through a few
 * column kernels. Implementations are dense ({@link DenseDesignMatrix}) or compressed sparse
 * ({@link SparseDesignMatrix}); a sparse matrix is never densified, so every kernel costs
 * O(non-zeros of the column).
 *
 * <p>A dense matrix may store each column shifted by a constant ({@link #columnOffset}), to
 * keep sums well conditioned; the solvers work with the stored values and the intercept
 * absorbs the shift. {@code x_ij = stored_ij + columnOffset(j)}.
 */
public sealed interface DesignMatrix extends Serializable
    permits DenseDesignMatrix, SparseDesignMatrix {

  /** Number of rows n. */
  int rows();

  /** Number of columns p. */
  int columns();

  /** Number of stored entries (n * p for a dense matrix). */
  long storedEntries();

  /** Number of stored entries of column j (n for a dense matrix). */
  int columnEntries(int column);

  /** The constant that was subtracted from column j when it was stored. */
  double columnOffset(int column);

  /** sum_i stored_ij * v_i. */
  double dot(int column, double[] v);

  /**
   * sum_i stored_ij * (g_i - a_i d_i + b_i u_i): the fused dot product of the multinomial
   * Newton model's residual, computed without forming the residual.
   */
  double dotResidual(int column, double[] g, double[] a, double[] d, double[] b, double[] u);

  /** sum_i weights_i * stored_ia * stored_ib, the weighted cross product of two columns. */
  double weightedCrossProduct(int a, int b, double[] weights);

  /**
   * The weighted cross products of two column lists:
   * {@code out[a][b] = sum_i weights_i stored_(i, left[a]) stored_(i, right[b])}.
   * With {@code symmetric} (left and right the same list) only b &lt;= a is written.
   */
  default void weightedCrossProducts(int[] left, int[] right, double[] weights,
      boolean symmetric, double[][] out) {
    weightedCrossProducts(left, right, new double[][] {weights}, symmetric,
        new double[][][] {out}, 0, rows());
  }

  /**
   * The weighted cross products for several weight vectors at once, summed over the rows
   * [fromRow, toRow) only:
   * {@code out[s][a][b] = sum_i weightSets[s]_i stored_(i, left[a]) stored_(i, right[b])}.
   * With {@code symmetric} only b &lt;= a is written.
   */
  void weightedCrossProducts(int[] left, int[] right, double[][] weightSets, boolean symmetric,
      double[][][] out, int fromRow, int toRow);

  /**
   * Whether many cross products are best cut into row ranges (each range every pair of
   * columns, partial sums added afterwards) rather than into pieces of the column lists.
   */
  boolean crossProductsByRows();

  /** out[k] = sum_i stored_ij * vectors[k][i] for every k: one pass over the column. */
  void dotMany(int column, double[][] vectors, double[] out);

  /** targets[k][i] += scales[k] * stored_ij for every k and row i: one pass. */
  void addScaledMany(int column, double[] scales, double[][] targets);

  /** As addScaledMany, for the rows [fromRow, toRow) only. */
  void addScaledMany(int column, double[] scales, double[][] targets, int fromRow, int toRow);

  /** sum_i weights_i * stored_ij^2. */
  double weightedSquares(int column, double[] weights);

  /**
   * sum_i weights_i * (stored_ij - centre)^2, accurate also for a sparse column;
   * {@code totalWeight} is the sum of the weights (given, so that a sparse column costs its
   * stored entries only).
   */
  double weightedCentredSquares(int column, double[] weights, double totalWeight,
      double centre);

  /**
   * Whether column j holds one value on all rows of positive weight; {@code weightedRows}
   * is the number of those rows.
   */
  boolean isConstant(int column, double[] weights, int weightedRows);

  /** target_i += scale * stored_ij for every row i. */
  void addScaled(int column, double scale, double[] target);

  /** target_i += scale * a_i * b_i * stored_ij for every row i. */
  void addScaledProducts(int column, double scale, double[] a, double[] b, double[] target);

  /** target_i += scale * weights_i * stored_ij for every row i. */
  void addScaledWeighted(int column, double scale, double[] weights, double[] target);

  /**
   * Writes the stored rows [fromRow, toRow) into {@code out}, row-major, columns() values per
   * row (zeros included). Used only by the dense Hessian solvers, whose p is small.
   */
  void copyRows(int fromRow, int toRow, double[] out);

  /** The stored value at (row, column). Slow for sparse matrices; meant for tests. */
  double stored(int row, int column);

  /**
   * The same matrix with every column stored as it is (offsets zero): a model without an
   * intercept cannot absorb a shift of the columns. Returns this when nothing is shifted.
   */
  DesignMatrix uncentred();

  /** A new matrix holding the given rows, in the given order, with the same offsets. */
  DesignMatrix selectRows(int[] rowIndices);
}
