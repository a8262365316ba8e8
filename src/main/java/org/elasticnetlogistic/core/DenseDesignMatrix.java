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

  /** A matrix from column-major data; the input is copied. */
  public static DenseDesignMatrix fromColumns(int rows, double[][] columnData) {
    Builder builder = new Builder(rows, columnData.length);
    for (int j = 0; j < columnData.length; j++) {
      if (columnData[j].length != rows) {
        throw new IllegalArgumentException("column " + j + " has " + columnData[j].length
            + " values, expected " + rows);
      }
      System.arraycopy(columnData[j], 0, builder.columns[j], 0, rows);
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

  @Override
  public double weightedSquares(int column, double[] weights) {
    return Numerics.weightedSquares(columns[column], weights, rows);
  }

  @Override
  public double weightedCentredSquares(int column, double[] weights, double centre) {
    double[] x = columns[column];
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      double d = x[i] - centre;
      sum += weights[i] * d * d;
    }
    return sum;
  }

  @Override
  public boolean isConstant(int column, double[] weights) {
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
