package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Example tests of the design matrices' builders (fluent use, empty dimensions, index
 * checks, growth), their descriptions, and the block kernel of weighted cross products:
 * every written entry against the plain sum, and with {@code symmetric} nothing above the
 * diagonal written.
 */
class UnitDesignMatrixTest {

  @Test
  void buildersChainAndStoreWhatWasSet() {
    DenseDesignMatrix dense = new DenseDesignMatrix.Builder(2, 2).set(0, 0, 1.0)
        .set(1, 1, 3.0).set(0, 1, -1.0).build();
    // stored values are centred on the column means
    assertEquals(1.0, dense.stored(0, 0) + dense.columnOffset(0));
    assertEquals(0.5, dense.columnOffset(0));
    assertEquals(3.0, dense.stored(1, 1) + dense.columnOffset(1));
    assertEquals(-1.0, dense.stored(0, 1) + dense.columnOffset(1));
    SparseDesignMatrix sparse = new SparseDesignMatrix.Builder(3, 2).add(2, 1, 5.0)
        .add(0, 0, 2.0).add(1, 1, 0.0).add(1, 0, -4.0).build();
    assertEquals(3, sparse.storedEntries());
    assertEquals(5.0, sparse.stored(2, 1));
    assertEquals(-4.0, sparse.stored(1, 0));
    assertEquals(0.0, sparse.stored(1, 1));
  }

  @Test
  void emptyDimensionsAreAllowedAndNegativeOnesAreNot() {
    assertEquals(0, new DenseDesignMatrix.Builder(0, 2).build().rows());
    assertEquals(0, new DenseDesignMatrix.Builder(3, 0).build().columns());
    assertEquals(0, new SparseDesignMatrix.Builder(0, 2).build().rows());
    assertEquals(0, new SparseDesignMatrix.Builder(3, 0).build().columns());
    assertThrows(IllegalArgumentException.class, () -> new DenseDesignMatrix.Builder(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> new DenseDesignMatrix.Builder(2, -1));
    assertThrows(IllegalArgumentException.class, () -> new SparseDesignMatrix.Builder(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> new SparseDesignMatrix.Builder(2, -1));
  }

  @Test
  void sparseEntriesOutsideTheMatrixAreRejected() {
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(3, 2);
    assertThrows(IndexOutOfBoundsException.class, () -> builder.add(3, 0, 1.0));
    assertThrows(IndexOutOfBoundsException.class, () -> builder.add(0, 2, 1.0));
    assertThrows(IndexOutOfBoundsException.class, () -> builder.add(-1, 0, 1.0));
    assertThrows(IndexOutOfBoundsException.class, () -> builder.add(0, -1, 1.0));
    builder.add(2, 1, 1.0).add(0, 0, 1.0);
    assertEquals(2, builder.build().storedEntries());
  }

  /** Many more entries than the initial capacity, added column-major in reverse. */
  @Test
  void aSparseBuilderGrowsToHoldManyEntries() {
    int rows = 50;
    int columns = 40;
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(rows, columns);
    for (int j = columns - 1; j >= 0; j--) {
      for (int i = rows - 1; i >= 0; i--) {
        builder.add(i, j, 1 + i + 1000.0 * j);
      }
    }
    SparseDesignMatrix x = builder.build();
    assertEquals(rows * columns, x.storedEntries());
    for (int j = 0; j < columns; j++) {
      assertEquals(rows, x.columnEntries(j));
      for (int i = 0; i < rows; i++) {
        assertEquals(1 + i + 1000.0 * j, x.stored(i, j));
      }
    }
  }

  @Test
  void descriptionsNameTheShape() {
    DenseDesignMatrix dense = DenseDesignMatrix.fromRows(new double[][] {{1, 2}, {3, 4},
        {5, 6}});
    assertEquals("DenseDesignMatrix[3 x 2, offsets=[3.0, 4.0]]", dense.toString());
    SparseDesignMatrix sparse = new SparseDesignMatrix.Builder(3, 2).add(0, 0, 1)
        .add(2, 1, 2).build();
    assertEquals("SparseDesignMatrix[3 x 2, 2 non-zeros]", sparse.toString());
  }

  private static double plain(DesignMatrix x, int a, int b, double[] w) {
    return plainOver(x, a, b, w, 0, x.rows());
  }

  /**
   * Eleven columns (full 4 x 4 tiles and a ragged edge of three, whose diagonal block
   * has entries on both sides of the diagonal) and an odd row count; the output is
   * prefilled with NaN so that a stray write shows.
   */
  @Test
  void weightedCrossProductsMatchThePlainSumsAndWriteOnlyTheirEntries() {
    int n = 37;
    int p = 11;
    double[][] data = new double[n][p];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + (i % 3);
      for (int j = 0; j < p; j++) {
        data[i][j] = Math.sin(1.3 * i + 0.7 * j * j) + 0.1 * j;
      }
    }
    DesignMatrix[] matrices = {DenseDesignMatrix.fromRows(data),
        SparseDesignMatrix.fromRows(data)};
    int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    int[] left = {8, 2, 5, 0, 7, 1};
    int[] right = {3, 6, 0, 8, 1, 10, 4, 2, 5, 9, 7};
    for (DesignMatrix x : matrices) {
      double[][] out = new double[p][p];
      for (double[] row : out) {
        Arrays.fill(row, Double.NaN);
      }
      x.weightedCrossProducts(all, all, w, true, out);
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          if (b <= a) {
            double expected = plain(x, a, b, w);
            assertEquals(expected, out[a][b], 1e-12 * (1 + Math.abs(expected)),
                x.getClass().getSimpleName() + " (" + a + ", " + b + ")");
          } else {
            assertTrue(Double.isNaN(out[a][b]), x.getClass().getSimpleName()
                + " wrote above the diagonal at (" + a + ", " + b + ")");
          }
        }
      }
      double[][] rect = new double[left.length][right.length];
      for (double[] row : rect) {
        Arrays.fill(row, Double.NaN);
      }
      x.weightedCrossProducts(left, right, w, false, rect);
      for (int a = 0; a < left.length; a++) {
        for (int b = 0; b < right.length; b++) {
          double expected = plain(x, left[a], right[b], w);
          assertEquals(expected, rect[a][b], 1e-12 * (1 + Math.abs(expected)),
              x.getClass().getSimpleName() + " [" + a + ", " + b + "]");
        }
      }
    }
  }

  /**
   * Twenty-one columns and lists of at least sixteen left columns, where the dense matrix
   * switches to its row-block rank-update kernel: 75 rows are two blocks of 32 and a ragged
   * block of 11 (two rank-four updates and three single rows); with symmetric, each row of
   * sums is updated past the diagonal, and none of that may reach the output. The ranged
   * form takes two weight vectors over rows [13, 70), against plain sums over those rows;
   * zeros make the sparse copy's columns start before, at and after row 13.
   */
  @Test
  void manyLeftColumnsMatchThePlainSumsOverAnyRowRangeAndWeights() {
    int n = 75;
    int p = 21;
    double[][] data = new double[n][p];
    double[] w = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + (i % 3);
      v[i] = Math.cos(0.3 * i) - 0.2;
      for (int j = 0; j < p; j++) {
        // zeros, so that the sparse copy leaves entries out: column 0 starts at row 13,
        // the first row of the range, and other columns skip it
        boolean zero = j == 0 ? i < 13 : (i + j) % 3 == 0;
        data[i][j] = zero ? 0 : Math.sin(1.3 * i + 0.7 * j * j) + 0.1 * j;
      }
    }
    int[] all = new int[p];
    for (int j = 0; j < p; j++) {
      all[j] = j;
    }
    int[] left = {8, 2, 5, 0, 7, 1, 20, 19, 3, 3, 11, 14, 16, 9, 18, 12, 6};
    int[] right = {3, 6, 0, 8, 1, 10, 4, 2, 5, 9, 7};
    DesignMatrix[] matrices = {DenseDesignMatrix.fromRows(data),
        SparseDesignMatrix.fromRows(data)};
    for (DesignMatrix x : matrices) {
      String name = x.getClass().getSimpleName();
      double[][] out = nanFilled(p, p);
      x.weightedCrossProducts(all, all, w, true, out);
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          if (b <= a) {
            double expected = plainOver(x, a, b, w, 0, n);
            assertEquals(expected, out[a][b], 1e-12 * (1 + Math.abs(expected)),
                name + " (" + a + ", " + b + ")");
          } else {
            assertTrue(Double.isNaN(out[a][b]), name + " wrote above the diagonal at (" + a
                + ", " + b + ")");
          }
        }
      }
      double[][][] ranged = {nanFilled(left.length, right.length),
          nanFilled(left.length, right.length)};
      x.weightedCrossProducts(left, right, new double[][] {w, v}, false, ranged, 13, 70);
      double[][] weightSets = {w, v};
      for (int set = 0; set < 2; set++) {
        for (int a = 0; a < left.length; a++) {
          for (int b = 0; b < right.length; b++) {
            double expected = plainOver(x, left[a], right[b], weightSets[set], 13, 70);
            assertEquals(expected, ranged[set][a][b], 1e-12 * (1 + Math.abs(expected)),
                name + " weights " + set + " [" + a + ", " + b + "]");
          }
        }
      }
    }
  }

  private static double plainOver(DesignMatrix x, int a, int b, double[] w, int from,
      int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += w[i] * x.stored(i, a) * x.stored(i, b);
    }
    return sum;
  }

  private static double[][] nanFilled(int rows, int columns) {
    double[][] out = new double[rows][columns];
    for (double[] row : out) {
      Arrays.fill(row, Double.NaN);
    }
    return out;
  }
}
