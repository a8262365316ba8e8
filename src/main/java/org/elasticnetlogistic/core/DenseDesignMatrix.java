package org.elasticnetlogistic.core;

import java.util.Arrays;

/** A dense design matrix stored column by column, each column centred on its plain mean. */
public final class DenseDesignMatrix implements DesignMatrix {

  private static final long serialVersionUID = 1L;

  private final int rows;
  private final double[][] columns;
  private final double[] offsets;

  private DenseDesignMatrix(int rows, double[][] columns, double[] offsets) {
    this.rows = rows;
    this.columns = columns;
    this.offsets = offsets;
  }

  /** A matrix from row-major data; the input is copied. */
  public static DenseDesignMatrix fromRows(double[][] data) {
    int n = data.length;
    int p = n == 0 ? 0 : data[0].length;
    Builder builder = new Builder(n, p);
    for (int i = 0; i < n; i++) {
      if (data[i].length != p) {
        throw new IllegalArgumentException("row " + i + " has " + data[i].length
            + " values, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        builder.set(i, j, data[i][j]);
      }
    }
    return builder.build();
  }

  /** Fills a matrix in place; {@link #build()} hands the storage over without copying. */
  public static final class Builder {
    private final int rows;
    private double[][] columns;

    public Builder(int rows, int columns) {
      if (rows < 0 || columns < 0) {
        throw new IllegalArgumentException("negative dimension " + rows + " x " + columns);
      }
      this.rows = rows;
      this.columns = new double[columns][rows];
    }

    public Builder set(int row, int column, double value) {
      columns[column][row] = value;
      return this;
    }

    /** Centres each column on its mean and freezes the matrix. The builder is spent. */
    public DenseDesignMatrix build() {
      if (columns == null) {
        throw new IllegalStateException("this builder has already built its matrix");
      }
      double[][] data = columns;
      columns = null;
      double[] offsets = new double[data.length];
      for (int j = 0; j < data.length; j++) {
        double[] column = data[j];
        double mean = rows == 0 ? 0 : Numerics.sum(column, rows) / rows;
        if (!Double.isFinite(mean)) {
          throw new IllegalArgumentException("column " + j + " holds a non-finite value");
        }
        offsets[j] = mean;
        for (int i = 0; i < rows; i++) {
          column[i] -= mean;
        }
      }
      return new DenseDesignMatrix(rows, data, offsets);
    }
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return columns.length;
  }

  @Override
  public long storedEntries() {
    return (long) rows * columns.length;
  }

  @Override
  public int columnEntries(int column) {
    return rows;
  }

  @Override
  public double columnOffset(int column) {
    return offsets[column];
  }

  @Override
  public double dot(int column, double[] v) {
    return Numerics.dot(columns[column], v, rows);
  }

  @Override
  public double dotResidual(int column, double[] g, double[] a, double[] d, double[] b,
      double[] u) {
    double[] x = columns[column];
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (int end = rows - 1; i < end; i += 2) {
      s0 += x[i] * (g[i] - a[i] * d[i] + b[i] * u[i]);
      s1 += x[i + 1] * (g[i + 1] - a[i + 1] * d[i + 1] + b[i + 1] * u[i + 1]);
    }
    for (; i < rows; i++) {
      s0 += x[i] * (g[i] - a[i] * d[i] + b[i] * u[i]);
    }
    return s0 + s1;
  }

  @Override
  public double weightedCrossProduct(int a, int b, double[] weights) {
    double[] x = columns[a];
    double[] z = columns[b];
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (int end = rows - 1; i < end; i += 2) {
      s0 += weights[i] * x[i] * z[i];
      s1 += weights[i + 1] * x[i + 1] * z[i + 1];
    }
    for (; i < rows; i++) {
      s0 += weights[i] * x[i] * z[i];
    }
    return s0 + s1;
  }

  /** Rows per block of the passes over many vectors (the column's block stays in cache). */
  private static final int TILE_ROWS = 1024;

  /**
   * Rows per block of the cross-product kernel: the block's rows of the right-hand
   * columns, copied row by row, stay in the first-level cache.
   */
  private static final int BLOCK_ROWS = 32;
  /**
   * Below this many left columns the products are taken as tiled dot products: copying
   * the right-hand block into rows would cost about as much as the products.
   */
  private static final int RANK_UPDATE_MINIMUM_LEFT = 16;

  /**
   * With many left columns, each block of rows of the right-hand columns is copied once
   * into row-major form; then, for every weight vector and left column, the block is added
   * to a row of sums as rank-four updates whose inner loop has one index for every array:
   * the form the JIT compiles to vector instructions (a dot product down the columns stays
   * scalar). With symmetric, each row of sums is updated a little past the diagonal, to a
   * whole vector's width.
   */
  @Override
  public void weightedCrossProducts(int[] left, int[] right, double[][] weightSets,
      boolean symmetric, double[][][] out, int fromRow, int toRow) {
    int m = left.length;
    int r = right.length;
    if (m < RANK_UPDATE_MINIMUM_LEFT) {
      for (int set = 0; set < weightSets.length; set++) {
        tiledCrossProducts(left, right, weightSets[set], symmetric, out[set], fromRow, toRow);
      }
      return;
    }
    double[][][] sums = new double[weightSets.length][m][r];
    double[][] rightRows = new double[BLOCK_ROWS][r];
    double[] weightedLeft = new double[BLOCK_ROWS];
    for (int from = fromRow; from < toRow; from += BLOCK_ROWS) {
      int size = Math.min(BLOCK_ROWS, toRow - from);
      for (int b = 0; b < r; b++) {
        double[] x = columns[right[b]];
        for (int q = 0; q < size; q++) {
          rightRows[q][b] = x[from + q];
        }
      }
      for (int set = 0; set < weightSets.length; set++) {
        double[] weights = weightSets[set];
        for (int a = 0; a < m; a++) {
          double[] x = columns[left[a]];
          for (int q = 0; q < size; q++) {
            weightedLeft[q] = weights[from + q] * x[from + q];
          }
          int width = symmetric ? Math.min(r, (a + 8) & ~7) : r;
          addRankUpdates(sums[set][a], weightedLeft, rightRows, size, width);
        }
      }
    }
    for (int set = 0; set < weightSets.length; set++) {
      for (int a = 0; a < m; a++) {
        System.arraycopy(sums[set][a], 0, out[set][a], 0, symmetric ? a + 1 : r);
      }
    }
  }

  /** sum[b] += sum_q coefficients[q] rows[q][b] for b &lt; width, four rows at a time. */
  private static void addRankUpdates(double[] sum, double[] coefficients, double[][] rows,
      int size, int width) {
    int q = 0;
    for (; q + 3 < size; q += 4) {
      double c0 = coefficients[q];
      double c1 = coefficients[q + 1];
      double c2 = coefficients[q + 2];
      double c3 = coefficients[q + 3];
      double[] x0 = rows[q];
      double[] x1 = rows[q + 1];
      double[] x2 = rows[q + 2];
      double[] x3 = rows[q + 3];
      for (int b = 0; b < width; b++) {
        sum[b] += c0 * x0[b] + c1 * x1[b] + c2 * x2[b] + c3 * x3[b];
      }
    }
    for (; q < size; q++) {
      double c = coefficients[q];
      double[] x = rows[q];
      for (int b = 0; b < width; b++) {
        sum[b] += c * x[b];
      }
    }
  }

  /**
   * The cross products as dot products down the columns, in 4 x 4 tiles of sums kept in
   * registers over blocks of rows: for a few left columns, where copying the right-hand
   * block into rows would cost as much as the products.
   */
  private void tiledCrossProducts(int[] left, int[] right, double[] weights,
      boolean symmetric, double[][] out, int fromRow, int toRow) {
    int m = left.length;
    int r = right.length;
    for (int a = 0; a < m; a++) {
      java.util.Arrays.fill(out[a], 0, symmetric ? a + 1 : r, 0.0);
    }
    double[][] weighted = new double[4][TILE_ROWS];
    for (int from = fromRow; from < toRow; from += TILE_ROWS) {
      int length = Math.min(toRow, from + TILE_ROWS) - from;
      for (int a = 0; a < m; a += 4) {
        int aCount = Math.min(4, m - a);
        for (int t = 0; t < aCount; t++) {
          double[] x = columns[left[a + t]];
          double[] target = weighted[t];
          for (int i = 0; i < length; i++) {
            target[i] = weights[from + i] * x[from + i];
          }
        }
        int bEnd = symmetric ? a + aCount : r;
        for (int b = 0; b < bEnd; b += 4) {
          int bCount = Math.min(4, bEnd - b);
          if (aCount == 4 && bCount == 4) {
            tile(weighted, right, b, from, length, out, a, symmetric);
          } else if (bCount == 4 && !symmetric) {
            // a few left columns (columns added to a model): one row of four at a time
            for (int ta = 0; ta < aCount; ta++) {
              narrowTile(weighted[ta], right, b, from, length, out[a + ta]);
            }
          } else {
            for (int ta = 0; ta < aCount; ta++) {
              double[] v = weighted[ta];
              for (int tb = 0; tb < bCount; tb++) {
                if (symmetric && b + tb > a + ta) {
                  continue;
                }
                double[] x = columns[right[b + tb]];
                double s0 = 0;
                double s1 = 0;
                int i = 0;
                for (; i < length - 1; i += 2) {
                  s0 += v[i] * x[from + i];
                  s1 += v[i + 1] * x[from + i + 1];
                }
                for (; i < length; i++) {
                  s0 += v[i] * x[from + i];
                }
                out[a + ta][b + tb] += s0 + s1;
              }
            }
          }
        }
      }
    }
  }

  /** A 1 x 4 block of cross products over one row block: the weighted column read once. */
  private void narrowTile(double[] weighted, int[] right, int b, int from, int length,
      double[] out) {
    double[] x0 = columns[right[b]];
    double[] x1 = columns[right[b + 1]];
    double[] x2 = columns[right[b + 2]];
    double[] x3 = columns[right[b + 3]];
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int i = 0; i < length; i++) {
      int row = from + i;
      double w = weighted[i];
      s0 += w * x0[row];
      s1 += w * x1[row];
      s2 += w * x2[row];
      s3 += w * x3[row];
    }
    out[b] += s0;
    out[b + 1] += s1;
    out[b + 2] += s2;
    out[b + 3] += s3;
  }

  /** A 4 x 4 block of cross products over one row block, sixteen sums in registers. */
  private void tile(double[][] weighted, int[] right, int b, int from, int length,
      double[][] out, int a, boolean symmetric) {
    double[] x0 = columns[right[b]];
    double[] x1 = columns[right[b + 1]];
    double[] x2 = columns[right[b + 2]];
    double[] x3 = columns[right[b + 3]];
    double[] v0 = weighted[0];
    double[] v1 = weighted[1];
    double[] v2 = weighted[2];
    double[] v3 = weighted[3];
    double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (int i = 0; i < length; i++) {
      int row = from + i;
      double y0 = x0[row];
      double y1 = x1[row];
      double y2 = x2[row];
      double y3 = x3[row];
      double w0 = v0[i];
      double w1 = v1[i];
      double w2 = v2[i];
      double w3 = v3[i];
      s00 += w0 * y0;
      s01 += w0 * y1;
      s02 += w0 * y2;
      s03 += w0 * y3;
      s10 += w1 * y0;
      s11 += w1 * y1;
      s12 += w1 * y2;
      s13 += w1 * y3;
      s20 += w2 * y0;
      s21 += w2 * y1;
      s22 += w2 * y2;
      s23 += w2 * y3;
      s30 += w3 * y0;
      s31 += w3 * y1;
      s32 += w3 * y2;
      s33 += w3 * y3;
    }
    double[][] sums = {{s00, s01, s02, s03}, {s10, s11, s12, s13}, {s20, s21, s22, s23},
        {s30, s31, s32, s33}};
    for (int ta = 0; ta < 4; ta++) {
      for (int tb = 0; tb < 4; tb++) {
        if (!symmetric || b + tb <= a + ta) {
          out[a + ta][b + tb] += sums[ta][tb];
        }
      }
    }
  }

  @Override
  public boolean crossProductsByRows() {
    return true;
  }

  @Override
  public void dotMany(int column, double[][] vectors, double[] out) {
    double[] x = columns[column];
    int count = vectors.length;
    if (count == 1) {
      out[0] = Numerics.dot(x, vectors[0], rows);
      return;
    }
    java.util.Arrays.fill(out, 0, count, 0.0);
    for (int from = 0; from < rows; from += TILE_ROWS) {
      int to = Math.min(rows, from + TILE_ROWS);
      for (int k = 0; k < count; k++) {
        double[] v = vectors[k];
        double s0 = 0;
        double s1 = 0;
        int i = from;
        for (; i < to - 1; i += 2) {
          s0 += x[i] * v[i];
          s1 += x[i + 1] * v[i + 1];
        }
        for (; i < to; i++) {
          s0 += x[i] * v[i];
        }
        out[k] += s0 + s1;
      }
    }
  }

  @Override
  public void addScaledMany(int column, double[] scales, double[][] targets) {
    double[] x = columns[column];
    for (int from = 0; from < rows; from += TILE_ROWS) {
      int to = Math.min(rows, from + TILE_ROWS);
      for (int k = 0; k < targets.length; k++) {
        double scale = scales[k];
        if (scale == 0) {
          continue;
        }
        double[] target = targets[k];
        for (int i = from; i < to; i++) {
          target[i] += scale * x[i];
        }
      }
    }
  }

  @Override
  public void addScaledMany(int column, double[] scales, double[][] targets, int fromRow,
      int toRow) {
    double[] x = columns[column];
    for (int k = 0; k < targets.length; k++) {
      double scale = scales[k];
      if (scale == 0) {
        continue;
      }
      double[] target = targets[k];
      for (int i = fromRow; i < toRow; i++) {
        target[i] += scale * x[i];
      }
    }
  }

  @Override
  public double weightedSquares(int column, double[] weights) {
    return Numerics.weightedSquares(columns[column], weights, rows);
  }

  @Override
  public double weightedCentredSquares(int column, double[] weights, double totalWeight,
      double centre) {
    double[] x = columns[column];
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      double d = x[i] - centre;
      sum += weights[i] * d * d;
    }
    return sum;
  }

  @Override
  public boolean isConstant(int column, double[] weights, int weightedRows) {
    double[] x = columns[column];
    boolean seen = false;
    double first = 0;
    for (int i = 0; i < rows; i++) {
      if (weights[i] > 0) {
        if (!seen) {
          first = x[i];
          seen = true;
        } else if (x[i] != first) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void addScaled(int column, double scale, double[] target) {
    double[] x = columns[column];
    for (int i = 0; i < rows; i++) {
      target[i] += scale * x[i];
    }
  }

  @Override
  public void addScaledWeighted(int column, double scale, double[] weights, double[] target) {
    double[] x = columns[column];
    for (int i = 0; i < rows; i++) {
      target[i] += scale * weights[i] * x[i];
    }
  }

  @Override
  public void addScaledProducts(int column, double scale, double[] a, double[] b,
      double[] target) {
    double[] x = columns[column];
    for (int i = 0; i < rows; i++) {
      target[i] += scale * a[i] * b[i] * x[i];
    }
  }

  @Override
  public void copyRows(int fromRow, int toRow, double[] out) {
    int p = columns.length;
    for (int j = 0; j < p; j++) {
      double[] x = columns[j];
      for (int i = fromRow, r = 0; i < toRow; i++, r++) {
        out[r * p + j] = x[i];
      }
    }
  }

  @Override
  public double stored(int row, int column) {
    return columns[column][row];
  }

  @Override
  public DenseDesignMatrix uncentred() {
    boolean shifted = false;
    for (double offset : offsets) {
      shifted |= offset != 0;
    }
    if (!shifted) {
      return this;
    }
    double[][] data = new double[columns.length][];
    for (int j = 0; j < columns.length; j++) {
      data[j] = columns[j].clone();
      for (int i = 0; i < rows; i++) {
        data[j][i] += offsets[j];
      }
    }
    return new DenseDesignMatrix(rows, data, new double[columns.length]);
  }

  @Override
  public DenseDesignMatrix selectRows(int[] rowIndices) {
    double[][] data = new double[columns.length][rowIndices.length];
    for (int j = 0; j < columns.length; j++) {
      double[] from = columns[j];
      double[] to = data[j];
      for (int r = 0; r < rowIndices.length; r++) {
        to[r] = from[rowIndices[r]];
      }
    }
    return new DenseDesignMatrix(rowIndices.length, data, offsets.clone());
  }

  @Override
  public String toString() {
    return "DenseDesignMatrix[" + rows + " x " + columns.length + ", offsets="
        + Arrays.toString(Arrays.copyOf(offsets, Math.min(offsets.length, 5))) + "]";
  }
}
