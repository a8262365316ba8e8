package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * A design matrix in compressed sparse column form. Zeros are never stored and never
 * visited: every kernel costs O(non-zeros of the column). Columns are not centred (a
 * centred sparse column would be dense); the solvers centre implicitly.
 */
public final class SparseDesignMatrix implements DesignMatrix {

  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int columns;
  /** Entries of column j are at positions [columnStart[j], columnStart[j + 1]). */
  private final int[] columnStart;
  /** Row of each entry, increasing within a column. */
  private final int[] rowIndex;
  private final double[] values;

  private SparseDesignMatrix(int rows, int columns, int[] columnStart, int[] rowIndex,
      double[] values) {
    this.rows = rows;
    this.columns = columns;
    this.columnStart = columnStart;
    this.rowIndex = rowIndex;
    this.values = values;
  }

  /** Collects entries in any order; {@link #build()} sorts them into columns. */
  public static final class Builder {
    private final int rows;
    private final int columns;
    private int[] entryRow;
    private int[] entryColumn;
    private double[] entryValue;
    private int size;

    public Builder(int rows, int columns) {
      this(rows, columns, 16);
    }

    /**
     * @param expectedEntries about how many entries will be added: room for them is made at
     *     once, instead of by repeated growth
     */
    public Builder(int rows, int columns, int expectedEntries) {
      if (rows < 0 || columns < 0) {
        throw new IllegalArgumentException("negative dimension " + rows + " x " + columns);
      }
      this.rows = rows;
      this.columns = columns;
      int capacity = Math.max(expectedEntries, 16);
      entryRow = new int[capacity];
      entryColumn = new int[capacity];
      entryValue = new double[capacity];
    }

    /** Adds x[row][column] = value. Zeros are skipped; a position may be set only once. */
    public Builder add(int row, int column, double value) {
      if (row < 0 || row >= rows || column < 0 || column >= columns) {
        throw new IndexOutOfBoundsException("entry (" + row + ", " + column
            + ") outside " + rows + " x " + columns);
      }
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("non-finite value at (" + row + ", " + column + ")");
      }
      if (value == 0) {
        return this;
      }
      if (size == entryRow.length) {
        int capacity = size + (size >> 1) + 16;
        entryRow = Arrays.copyOf(entryRow, capacity);
        entryColumn = Arrays.copyOf(entryColumn, capacity);
        entryValue = Arrays.copyOf(entryValue, capacity);
      }
      entryRow[size] = row;
      entryColumn[size] = column;
      entryValue[size] = value;
      size++;
      return this;
    }

    public SparseDesignMatrix build() {
      int[] start = new int[columns + 1];
      for (int e = 0; e < size; e++) {
        start[entryColumn[e] + 1]++;
      }
      for (int j = 0; j < columns; j++) {
        start[j + 1] += start[j];
      }
      int[] next = Arrays.copyOf(start, columns);
      int[] rowIndex = new int[size];
      double[] values = new double[size];
      // a stable counting sort by column keeps rows increasing when they were added in order
      for (int e = 0; e < size; e++) {
        int position = next[entryColumn[e]]++;
        rowIndex[position] = entryRow[e];
        values[position] = entryValue[e];
      }
      for (int j = 0; j < columns; j++) {
        sortColumn(rowIndex, values, start[j], start[j + 1]);
      }
      return new SparseDesignMatrix(rows, columns, start, rowIndex, values);
    }

    private static void sortColumn(int[] rowIndex, double[] values, int from, int to) {
      boolean sorted = true;
      for (int e = from + 1; e < to && sorted; e++) {
        if (rowIndex[e] <= rowIndex[e - 1]) {
          sorted = false;
        }
      }
      if (sorted) {
        return;
      }
      Integer[] order = new Integer[to - from];
      for (int e = 0; e < order.length; e++) {
        order[e] = from + e;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(rowIndex[a], rowIndex[b]));
      int[] rowsCopy = new int[order.length];
      double[] valuesCopy = new double[order.length];
      for (int e = 0; e < order.length; e++) {
        rowsCopy[e] = rowIndex[order[e]];
        valuesCopy[e] = values[order[e]];
        if (e > 0 && rowsCopy[e] == rowsCopy[e - 1]) {
          throw new IllegalArgumentException("entry (" + rowsCopy[e] + ", column) set twice");
        }
      }
      System.arraycopy(rowsCopy, 0, rowIndex, from, order.length);
      System.arraycopy(valuesCopy, 0, values, from, order.length);
    }
  }

  /** A sparse copy of row-major dense data (zeros dropped). */
  public static SparseDesignMatrix fromRows(double[][] data) {
    int n = data.length;
    int p = n == 0 ? 0 : data[0].length;
    Builder builder = new Builder(n, p);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        builder.add(i, j, data[i][j]);
      }
    }
    return builder.build();
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return columns;
  }

  @Override
  public long storedEntries() {
    return values.length;
  }

  /** Number of stored (non-zero) entries of one column. */
  @Override
  public int columnEntries(int column) {
    return columnStart[column + 1] - columnStart[column];
  }

  @Override
  public double columnOffset(int column) {
    return 0.0;
  }

  @Override
  public double dot(int column, double[] v) {
    // four running sums: a gather is cheap, and one sum would wait on every add
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int e = columnStart[column];
    int end = columnStart[column + 1];
    for (int last = end - 3; e < last; e += 4) {
      s0 += values[e] * v[rowIndex[e]];
      s1 += values[e + 1] * v[rowIndex[e + 1]];
      s2 += values[e + 2] * v[rowIndex[e + 2]];
      s3 += values[e + 3] * v[rowIndex[e + 3]];
    }
    for (; e < end; e++) {
      s0 += values[e] * v[rowIndex[e]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double dotResidual(int column, double[] g, double[] a, double[] d, double[] b,
      double[] u) {
    double sum = 0;
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      int i = rowIndex[e];
      sum += values[e] * (g[i] - a[i] * d[i] + b[i] * u[i]);
    }
    return sum;
  }

  @Override
  public double weightedCrossProduct(int a, int b, double[] weights) {
    int e = columnStart[a];
    int endA = columnStart[a + 1];
    int f = columnStart[b];
    int endB = columnStart[b + 1];
    double sum = 0;
    while (e < endA && f < endB) {
      int ra = rowIndex[e];
      int rb = rowIndex[f];
      if (ra == rb) {
        sum += weights[ra] * values[e] * values[f];
        e++;
        f++;
      } else if (ra < rb) {
        e++;
      } else {
        f++;
      }
    }
    return sum;
  }

  /** The right-hand columns' entries are bucketed by row once for every weight vector. */
  @Override
  public void weightedCrossProducts(int[] left, int[] right, double[][] weightSets,
      boolean symmetric, double[][][] out, int fromRow, int toRow) {
    int m = left.length;
    int r = right.length;
    // bucket the right-hand columns' entries by row, then walk the left columns
    int span = Math.max(0, toRow - fromRow);
    int[] rowStart = new int[span + 1];
    for (int b = 0; b < r; b++) {
      for (int e = firstEntryAtOrAfter(right[b], fromRow), end = columnStart[right[b] + 1];
          e < end && rowIndex[e] < toRow; e++) {
        rowStart[rowIndex[e] - fromRow + 1]++;
      }
    }
    for (int i = 0; i < span; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int[] next = java.util.Arrays.copyOf(rowStart, span);
    int[] bucketColumn = new int[rowStart[span]];
    double[] bucketValue = new double[rowStart[span]];
    for (int b = 0; b < r; b++) {
      for (int e = firstEntryAtOrAfter(right[b], fromRow), end = columnStart[right[b] + 1];
          e < end && rowIndex[e] < toRow; e++) {
        int position = next[rowIndex[e] - fromRow]++;
        bucketColumn[position] = b;
        bucketValue[position] = values[e];
      }
    }
    for (int set = 0; set < weightSets.length; set++) {
      double[] weights = weightSets[set];
      for (int a = 0; a < m; a++) {
        double[] target = out[set][a];
        java.util.Arrays.fill(target, 0, symmetric ? a + 1 : r, 0.0);
        for (int e = firstEntryAtOrAfter(left[a], fromRow), end = columnStart[left[a] + 1];
            e < end && rowIndex[e] < toRow; e++) {
          int i = rowIndex[e];
          double v = weights[i] * values[e];
          if (v == 0) {
            continue;
          }
          for (int f = rowStart[i - fromRow], fEnd = rowStart[i - fromRow + 1]; f < fEnd;
              f++) {
            int b = bucketColumn[f];
            if (!symmetric || b <= a) {
              target[b] += v * bucketValue[f];
            }
          }
        }
      }
    }
  }

  @Override
  public boolean crossProductsByRows() {
    return false;
  }

  @Override
  public void dotMany(int column, double[][] vectors, double[] out) {
    int count = vectors.length;
    if (count == 1) {
      // one block (binomial): a plain dot, which keeps its sum in a register
      out[0] = dot(column, vectors[0]);
      return;
    }
    java.util.Arrays.fill(out, 0, count, 0.0);
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      int i = rowIndex[e];
      double v = values[e];
      for (int k = 0; k < count; k++) {
        out[k] += v * vectors[k][i];
      }
    }
  }

  @Override
  public void addScaledMany(int column, double[] scales, double[][] targets) {
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      int i = rowIndex[e];
      double v = values[e];
      for (int k = 0; k < targets.length; k++) {
        targets[k][i] += scales[k] * v;
      }
    }
  }

  @Override
  public void addScaledMany(int column, double[] scales, double[][] targets, int fromRow,
      int toRow) {
    int end = columnStart[column + 1];
    if (targets.length == 1) {
      double scale = scales[0];
      double[] target = targets[0];
      for (int e = firstEntryAtOrAfter(column, fromRow); e < end && rowIndex[e] < toRow; e++) {
        target[rowIndex[e]] += scale * values[e];
      }
      return;
    }
    for (int e = firstEntryAtOrAfter(column, fromRow); e < end && rowIndex[e] < toRow; e++) {
      int i = rowIndex[e];
      double v = values[e];
      for (int k = 0; k < targets.length; k++) {
        targets[k][i] += scales[k] * v;
      }
    }
  }

  @Override
  public double weightedSquares(int column, double[] weights) {
    double sum = 0;
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      sum += weights[rowIndex[e]] * values[e] * values[e];
    }
    return sum;
  }

  @Override
  public double weightedCentredSquares(int column, double[] weights, double totalWeight,
      double centre) {
    // sum over non-zeros of w (x - c)^2, plus c^2 times the weight of the zero entries
    double sum = 0;
    double nonZeroWeight = 0;
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      double w = weights[rowIndex[e]];
      double d = values[e] - centre;
      sum += w * d * d;
      nonZeroWeight += w;
    }
    double zeroWeight = totalWeight - nonZeroWeight;
    return sum + Math.max(zeroWeight, 0.0) * centre * centre;
  }

  @Override
  public boolean isConstant(int column, double[] weights, int weightedRows) {
    int weightedEntries = 0;
    boolean seen = false;
    double first = 0;
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      if (weights[rowIndex[e]] > 0) {
        weightedEntries++;
        if (!seen) {
          first = values[e];
          seen = true;
        } else if (values[e] != first) {
          return false;
        }
      }
    }
    // all zero, or all non-zero and equal
    return weightedEntries == 0 || weightedEntries == weightedRows;
  }

  @Override
  public void addScaled(int column, double scale, double[] target) {
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      target[rowIndex[e]] += scale * values[e];
    }
  }

  @Override
  public void addScaledWeighted(int column, double scale, double[] weights, double[] target) {
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      int i = rowIndex[e];
      target[i] += scale * weights[i] * values[e];
    }
  }

  @Override
  public void addScaledProducts(int column, double scale, double[] a, double[] b,
      double[] target) {
    for (int e = columnStart[column], end = columnStart[column + 1]; e < end; e++) {
      int i = rowIndex[e];
      target[i] += scale * a[i] * b[i] * values[e];
    }
  }

  @Override
  public void copyRows(int fromRow, int toRow, double[] out) {
    Arrays.fill(out, 0, (toRow - fromRow) * columns, 0.0);
    for (int j = 0; j < columns; j++) {
      int e = firstEntryAtOrAfter(j, fromRow);
      for (int end = columnStart[j + 1]; e < end && rowIndex[e] < toRow; e++) {
        out[(rowIndex[e] - fromRow) * columns + j] = values[e];
      }
    }
  }

  private int firstEntryAtOrAfter(int column, int row) {
    int position = Arrays.binarySearch(rowIndex, columnStart[column], columnStart[column + 1],
        row);
    return position >= 0 ? position : -position - 1;
  }

  @Override
  public double stored(int row, int column) {
    int e = firstEntryAtOrAfter(column, row);
    return e < columnStart[column + 1] && rowIndex[e] == row ? values[e] : 0.0;
  }

  @Override
  public SparseDesignMatrix uncentred() {
    return this;
  }

  @Override
  public SparseDesignMatrix selectRows(int[] rowIndices) {
    int[][] newRowsOf = new int[rows][];
    int[] count = new int[rows];
    for (int r : rowIndices) {
      count[r]++;
    }
    for (int r = 0; r < rowIndices.length; r++) {
      int old = rowIndices[r];
      if (newRowsOf[old] == null) {
        newRowsOf[old] = new int[count[old]];
        count[old] = 0;
      }
      newRowsOf[old][count[old]++] = r;
    }
    Builder builder = new Builder(rowIndices.length, columns);
    for (int j = 0; j < columns; j++) {
      for (int e = columnStart[j], end = columnStart[j + 1]; e < end; e++) {
        int[] targets = newRowsOf[rowIndex[e]];
        if (targets != null) {
          for (int target : targets) {
            builder.add(target, j, values[e]);
          }
        }
      }
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "SparseDesignMatrix[" + rows + " x " + columns + ", " + values.length
        + " non-zeros]";
  }
}
