package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Every column kernel of {@link DesignMatrix}, dense and sparse, against plain loops over the
 * double[][] the matrix was built from. The oracle's stored value is {@code x_ij -
 * columnOffset(j)}, and the offset itself is checked against the plain column mean.
 */
class DesignMatrixProperties {

  /** Twice the unit roundoff: gamma_n = n u bounds the rounding of a sum of n products. */
  private static final double ULP = Math.ulp(1.0);

  /** What a generated column holds. */
  enum ColumnKind {
    RANDOM,
    ALL_ZERO,
    CONSTANT,
    /** One value on every row of positive weight, other values on the zero-weight rows. */
    CONSTANT_WHERE_WEIGHTED
  }

  /** How the generated rows are weighted. */
  enum Weighting {
    UNIT,
    RANDOM,
    SOME_ZERO
  }

  /**
   * A random matrix with its storage, row weights, random vectors of length n, a row range
   * [fromRow, toRow), two column lists (with repeats) and a row selection (with repeats).
   */
  record Case(double[][] x, boolean sparse, double[] weights, Weighting weighting,
      ColumnKind[] kinds, double[][] vectors, int fromRow, int toRow, int[] left,
      int[] right, int[] rowSelection) {

    int rows() {
      return x.length;
    }

    int columns() {
      return x[0].length;
    }

    DesignMatrix design() {
      return sparse ? SparseDesignMatrix.fromRows(x) : DenseDesignMatrix.fromRows(x);
    }

    @Override
    public String toString() {
      return (sparse ? "sparse " : "dense ") + rows() + " x " + columns() + " " + weighting
          + " " + Arrays.toString(kinds) + " rows [" + fromRow + ", " + toRow + ") left "
          + Arrays.toString(left) + " right " + Arrays.toString(right);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return designCases();
  }

  /**
   * Mostly 1..30 rows; one case in twelve has more than 1024 rows, so that the dense kernels'
   * row tiles (1024 rows) end inside the matrix. Up to 10 columns, so that column lists reach
   * the dense 4 x 4 cross-product tile.
   */
  static Arbitrary<Case> designCases() {
    Arbitrary<Integer> rows = Arbitraries.frequencyOf(
        Tuple.of(11, Arbitraries.integers().between(1, 30)),
        Tuple.of(1, Arbitraries.integers().between(1025, 1040)));
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, 10)
        .withDistribution(RandomDistribution.uniform());
    return Combinators.combine(rows, columns, Arbitraries.of(true, false),
        Arbitraries.of(Weighting.class)).flatAs((n, p, sparse, weighting) -> {
          Arbitrary<Double> value = Arbitraries.doubles().between(-3, 3).ofScale(3)
              .withDistribution(RandomDistribution.uniform());
          Arbitrary<Double> entry = sparse
              ? Arbitraries.frequencyOf(Tuple.of(3, value), Tuple.of(7, Arbitraries.just(0.0)))
              : Arbitraries.frequencyOf(Tuple.of(9, value), Tuple.of(1, Arbitraries.just(0.0)));
          Arbitrary<double[][]> x = entry.array(double[].class).ofSize(p)
              .array(double[][].class).ofSize(n).withoutEdgeCases();
          Arbitrary<double[]> weights = switch (weighting) {
            case UNIT -> Arbitraries.just(filled(n, 1.0));
            case RANDOM -> Arbitraries.doubles().between(0.2, 3).ofScale(2)
                .array(double[].class).ofSize(n).withoutEdgeCases();
            case SOME_ZERO -> Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0.0)),
                Tuple.of(3, Arbitraries.doubles().between(0.2, 3).ofScale(2)))
                .array(double[].class).ofSize(n).withoutEdgeCases();
          };
          Arbitrary<ColumnKind[]> kinds = Arbitraries.frequencyOf(
              Tuple.of(5, Arbitraries.just(ColumnKind.RANDOM)),
              Tuple.of(1, Arbitraries.just(ColumnKind.ALL_ZERO)),
              Tuple.of(1, Arbitraries.just(ColumnKind.CONSTANT)),
              Tuple.of(1, Arbitraries.just(ColumnKind.CONSTANT_WHERE_WEIGHTED)))
              .array(ColumnKind[].class).ofSize(p);
          Arbitrary<double[][]> vectors = Arbitraries.doubles().between(-2, 2).ofScale(3)
              .array(double[].class).ofSize(n).array(double[][].class).ofSize(6)
              .withoutEdgeCases();
          Arbitrary<int[]> range = Arbitraries.integers().between(0, n).array(int[].class)
              .ofSize(2).map(bounds -> {
                Arrays.sort(bounds);
                return bounds;
              });
          Arbitrary<int[]> columnList = Arbitraries.integers().between(0, p - 1)
              .array(int[].class).ofMaxSize(9);
          Arbitrary<int[]> selection = Arbitraries.integers().between(0, n - 1)
              .array(int[].class).ofMaxSize(Math.min(n + 3, 40));
          return Combinators.combine(x, weights, kinds, vectors, range, columnList, columnList,
              selection).as((xs, w, k, v, r, left, right, rowSelection) -> new Case(
                  planted(xs, w, k), sparse, w, weighting, k, v, r[0], r[1], left, right,
                  rowSelection));
        });
  }

  /** The design with each column rewritten as its kind says. */
  private static double[][] planted(double[][] x, double[] weights, ColumnKind[] kinds) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    for (int j = 0; j < kinds.length; j++) {
      // a non-zero value, so that a constant sparse column is stored on every row
      double constant = x[0][j] == 0 ? 1.5 : x[0][j];
      for (int i = 0; i < x.length; i++) {
        switch (kinds[j]) {
          case ALL_ZERO -> out[i][j] = 0;
          case CONSTANT -> out[i][j] = constant;
          case CONSTANT_WHERE_WEIGHTED -> {
            if (weights[i] > 0) {
              out[i][j] = constant;
            }
          }
          case RANDOM -> { }
        }
      }
    }
    return out;
  }

  private static double[] filled(int n, double value) {
    double[] out = new double[n];
    Arrays.fill(out, value);
    return out;
  }

  private static void cover(Case c) {
    Statistics.label("design").collect(c.sparse() ? "sparse" : "dense");
    Statistics.label("rows").collect(c.rows() > 1024 ? "over one tile" : "within one tile");
    Statistics.label("weights").collect(c.weighting());
    // a fair coin over 100 tries: above 25% either way fails by chance once in 150,000 suite
    // runs (12 properties); the earlier 30% failed once in about 1,100 (seen: seed
    // -5525685108570802220 drew exactly 30 sparse designs); a generator that drew one kind
    // one time in five would still fail it in 91% of the runs
    Statistics.label("design").coverage(k -> {
      k.check("sparse").percentage(p -> p > 25);
      k.check("dense").percentage(p -> p > 25);
    });
    // drawn one time in twelve: a percentage bound failed one run in twenty (3% of 100
    // tries); at least once fails one in 6,000
    Statistics.label("rows").coverage(k -> k.check("over one tile").count(n -> n >= 1));
  }

  /** The oracle's stored matrix: x_ij minus the column's offset, in the same rounding. */
  private static double[][] stored(Case c, DesignMatrix m) {
    double[][] s = new double[c.rows()][c.columns()];
    for (int i = 0; i < c.rows(); i++) {
      for (int j = 0; j < c.columns(); j++) {
        s[i][j] = c.x()[i][j] - m.columnOffset(j);
      }
    }
    return s;
  }

  /**
   * A sum of n rounded products is within gamma_(n+1) times the sum of the terms' absolute
   * values; ULP is 2u, so this bound is twice the classical one. The tiny absolute part
   * covers an all-zero sum.
   */
  private static double sumTolerance(int terms, double absoluteSum) {
    return (terms + 1) * ULP * absoluteSum + Double.MIN_NORMAL;
  }

  /**
   * The shape and the offsets: a dense column is stored centred on its plain mean (the sum
   * of n values is within gamma_n of the exact one), a sparse one as it is; the stored value
   * at every position is x_ij - offset_j; the entry counts are n per dense column and the
   * non-zeros per sparse column.
   */
  @Property(tries = 100)
  void storedValuesAreTheDataLessTheColumnOffset(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    int n = c.rows();
    int p = c.columns();
    assertEquals(n, m.rows());
    assertEquals(p, m.columns());
    long nonZeros = 0;
    for (int j = 0; j < p; j++) {
      double sum = 0;
      double absoluteSum = 0;
      int columnNonZeros = 0;
      for (int i = 0; i < n; i++) {
        sum += c.x()[i][j];
        absoluteSum += Math.abs(c.x()[i][j]);
        columnNonZeros += c.x()[i][j] != 0 ? 1 : 0;
      }
      nonZeros += columnNonZeros;
      double expectedOffset = c.sparse() ? 0.0 : sum / n;
      assertEquals(expectedOffset, m.columnOffset(j), sumTolerance(n, absoluteSum) / n,
          "offset of column " + j);
      assertEquals(c.sparse() ? columnNonZeros : n, m.columnEntries(j), "entries of " + j);
      for (int i = 0; i < n; i++) {
        assertEquals(c.x()[i][j] - m.columnOffset(j), m.stored(i, j), "stored " + i + ", " + j);
      }
    }
    assertEquals(c.sparse() ? nonZeros : (long) n * p, m.storedEntries());
  }

  @Property(tries = 100)
  void dotProductsMatchPlainLoops(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[][] v = c.vectors();
    for (int j = 0; j < c.columns(); j++) {
      double dot = 0;
      double dotAbs = 0;
      double residual = 0;
      double residualAbs = 0;
      for (int i = 0; i < c.rows(); i++) {
        dot += s[i][j] * v[0][i];
        dotAbs += Math.abs(s[i][j] * v[0][i]);
        double r = v[1][i] - v[2][i] * v[3][i] + v[4][i] * v[5][i];
        residual += s[i][j] * r;
        residualAbs += Math.abs(s[i][j]) * (Math.abs(v[1][i]) + Math.abs(v[2][i] * v[3][i])
            + Math.abs(v[4][i] * v[5][i]));
      }
      // the residual itself takes three more roundings per row
      assertEquals(dot, m.dot(j, v[0]), sumTolerance(c.rows(), dotAbs), "dot of " + j);
      assertEquals(residual, m.dotResidual(j, v[1], v[2], v[3], v[4], v[5]),
          sumTolerance(c.rows() + 3, residualAbs), "dotResidual of " + j);
    }
  }

  /**
   * dotMany with one to four vectors writes exactly the first count entries of out (a longer
   * out keeps its tail) and each is the plain dot product.
   */
  @Property(tries = 100)
  void dotManyMatchesOneDotPerVector(@ForAll("cases") Case c,
      @ForAll("vectorCounts") int count) {
    cover(c);
    Statistics.label("vectors").collect(count);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[][] vectors = Arrays.copyOf(c.vectors(), count);
    for (int j = 0; j < c.columns(); j++) {
      double[] out = filled(count + 2, Double.NaN);
      Arrays.fill(out, 0, count, 123.0);
      m.dotMany(j, vectors, out);
      for (int k = 0; k < count; k++) {
        double dot = 0;
        double absoluteSum = 0;
        for (int i = 0; i < c.rows(); i++) {
          dot += s[i][j] * vectors[k][i];
          absoluteSum += Math.abs(s[i][j] * vectors[k][i]);
        }
        assertEquals(dot, out[k], sumTolerance(c.rows(), absoluteSum), "column " + j
            + ", vector " + k);
      }
      assertTrue(Double.isNaN(out[count]) && Double.isNaN(out[count + 1]),
          "dotMany wrote past its vectors");
    }
  }

  @Provide
  Arbitrary<Integer> vectorCounts() {
    return Arbitraries.integers().between(1, 4);
  }

  /**
   * Each entry of the weighted squares and cross products, against the plain sum over all
   * rows of w_i s_ia s_ib.
   */
  @Property(tries = 100)
  void weightedSquaresAndCrossProductsMatchPlainLoops(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[] w = c.weights();
    for (int a = 0; a < c.columns(); a++) {
      assertEquals(crossProduct(s, w, a, a), m.weightedSquares(a, w),
          sumTolerance(c.rows() + 1, absoluteCrossProduct(s, w, a, a)), "squares of " + a);
      for (int b = 0; b < c.columns(); b++) {
        assertEquals(crossProduct(s, w, a, b), m.weightedCrossProduct(a, b, w),
            sumTolerance(c.rows() + 1, absoluteCrossProduct(s, w, a, b)),
            "cross product " + a + ", " + b);
      }
    }
  }

  /**
   * The batched cross products of two column lists (repeats allowed): every entry written
   * matches the plain loop; with symmetric only the lower triangle is written, and nothing
   * outside [0, left) x [0, right) is touched.
   */
  @Property(tries = 150)
  void batchedCrossProductsMatchPlainLoops(@ForAll("cases") Case c,
      @ForAll boolean symmetric) {
    cover(c);
    Statistics.label("tile").collect(c.left().length >= 4 && c.right().length >= 4
        ? "4 x 4 tiles" : "small lists");
    Statistics.label("symmetric").collect(symmetric);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[] w = c.weights();
    int[] left = c.left();
    int[] right = symmetric ? left : c.right();
    double[][] out = new double[left.length + 1][right.length + 1];
    for (double[] row : out) {
      Arrays.fill(row, Double.NaN);
    }
    m.weightedCrossProducts(left, right, w, symmetric, out);
    for (int a = 0; a <= left.length; a++) {
      for (int b = 0; b <= right.length; b++) {
        boolean written = a < left.length && b < right.length && (!symmetric || b <= a);
        if (!written) {
          assertTrue(Double.isNaN(out[a][b]), "entry " + a + ", " + b + " was written");
          continue;
        }
        assertEquals(crossProduct(s, w, left[a], right[b]), out[a][b],
            sumTolerance(c.rows() + 1, absoluteCrossProduct(s, w, left[a], right[b])),
            "entry " + a + ", " + b + " (columns " + left[a] + ", " + right[b] + ")");
      }
    }
  }

  private static double crossProduct(double[][] s, double[] w, int a, int b) {
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      sum += w[i] * s[i][a] * s[i][b];
    }
    return sum;
  }

  private static double absoluteCrossProduct(double[][] s, double[] w, int a, int b) {
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      sum += Math.abs(w[i] * s[i][a] * s[i][b]);
    }
    return sum;
  }

  /**
   * sum_i w_i (s_ij - centre)^2 for the weighted mean as centre and for an arbitrary centre.
   * The sparse kernel adds centre^2 times (W - weight of the stored rows): that difference
   * carries the rounding of two sums of n weights, so the bound counts 2n + 4 roundings of
   * the terms w (|s| + |centre|)^2, which dominate W centre^2.
   */
  @Property(tries = 100)
  void weightedCentredSquaresMatchPlainLoops(@ForAll("cases") Case c,
      @ForAll @Coefficient(max = 3) double arbitraryCentre) {
    cover(c);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[] w = c.weights();
    double totalWeight = 0;
    for (double weight : w) {
      totalWeight += weight;
    }
    for (int j = 0; j < c.columns(); j++) {
      double mean = 0;
      for (int i = 0; i < c.rows(); i++) {
        mean += w[i] * s[i][j];
      }
      mean /= totalWeight == 0 ? 1 : totalWeight;
      for (double centre : new double[] {mean, arbitraryCentre, 0.0}) {
        double sum = 0;
        double absoluteSum = 0;
        for (int i = 0; i < c.rows(); i++) {
          double d = s[i][j] - centre;
          sum += w[i] * d * d;
          absoluteSum += w[i] * (Math.abs(s[i][j]) + Math.abs(centre))
              * (Math.abs(s[i][j]) + Math.abs(centre));
        }
        assertEquals(sum, m.weightedCentredSquares(j, w, totalWeight, centre),
            sumTolerance(2 * c.rows() + 4, absoluteSum), "column " + j + ", centre " + centre);
      }
    }
  }

  /**
   * A column is constant exactly when all its values on rows of positive weight are equal
   * (zero-weight rows may differ). Comparing the data is the same as comparing stored
   * values: the data have three decimals and |x| &lt;= 3, so distinct values stay distinct
   * after subtracting the mean.
   */
  @Property(tries = 150)
  void isConstantLooksOnlyAtRowsOfPositiveWeight(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    double[] w = c.weights();
    int weightedRows = 0;
    for (double weight : w) {
      weightedRows += weight > 0 ? 1 : 0;
    }
    for (int j = 0; j < c.columns(); j++) {
      boolean constant = true;
      Double first = null;
      for (int i = 0; i < c.rows(); i++) {
        if (w[i] > 0) {
          if (first == null) {
            first = c.x()[i][j];
          } else if (c.x()[i][j] != first) {
            constant = false;
          }
        }
      }
      Statistics.label("column").collect(c.kinds()[j] + (constant ? " constant" : " varies"));
      assertEquals(constant, m.isConstant(j, w, weightedRows), "column " + j);
    }
  }

  /**
   * The axpy kernels add exactly their term to every row and nothing else: addScaled,
   * addScaledWeighted and addScaledProducts, each against the plain loop. The products are
   * formed in an unspecified order, hence three roundings of the term and one of the sum.
   */
  @Property(tries = 100)
  void scaledAdditionsMatchPlainLoops(@ForAll("cases") Case c,
      @ForAll @Coefficient(max = 3) double scale) {
    cover(c);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    double[][] v = c.vectors();
    double[] w = c.weights();
    for (int j = 0; j < c.columns(); j++) {
      double[] plain = v[0].clone();
      double[] weighted = v[1].clone();
      double[] products = v[2].clone();
      m.addScaled(j, scale, plain);
      m.addScaledWeighted(j, scale, w, weighted);
      m.addScaledProducts(j, scale, v[3], v[4], products);
      for (int i = 0; i < c.rows(); i++) {
        assertElementEquals(v[0][i], scale * s[i][j], plain[i], "addScaled", i, j);
        assertElementEquals(v[1][i], scale * w[i] * s[i][j], weighted[i], "addScaledWeighted",
            i, j);
        assertElementEquals(v[2][i], scale * v[3][i] * v[4][i] * s[i][j], products[i],
            "addScaledProducts", i, j);
      }
    }
  }

  /**
   * addScaledMany over all rows and over the range [fromRow, toRow) (often empty or a single
   * row): each target gains scale_k times the column in the range and is unchanged outside.
   * Scales are sometimes exactly zero (the dense kernel skips them).
   */
  @Property(tries = 100)
  void addScaledManyMatchesPlainLoopsOnItsRows(@ForAll("cases") Case c,
      @ForAll("scaleLists") double[] scales) {
    cover(c);
    Statistics.label("range").collect(c.fromRow() == c.toRow() ? "empty"
        : c.fromRow() == 0 && c.toRow() == c.rows() ? "all rows" : "part");
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    int count = scales.length;
    for (int j = 0; j < c.columns(); j++) {
      double[][] all = new double[count][];
      double[][] ranged = new double[count][];
      for (int k = 0; k < count; k++) {
        all[k] = c.vectors()[k].clone();
        ranged[k] = c.vectors()[k].clone();
      }
      m.addScaledMany(j, scales, all);
      m.addScaledMany(j, scales, ranged, c.fromRow(), c.toRow());
      for (int k = 0; k < count; k++) {
        double[] before = c.vectors()[k];
        for (int i = 0; i < c.rows(); i++) {
          double term = scales[k] * s[i][j];
          assertElementEquals(before[i], term, all[k][i], "addScaledMany", i, j);
          boolean inRange = i >= c.fromRow() && i < c.toRow();
          if (inRange) {
            assertElementEquals(before[i], term, ranged[k][i], "ranged addScaledMany", i, j);
          } else {
            assertEquals(before[i], ranged[k][i], "row " + i + " outside the range changed");
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<double[]> scaleLists() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(3, Generators.coefficients(3)))
        .array(double[].class).ofMinSize(1).ofMaxSize(4);
  }

  private static void assertElementEquals(double before, double term, double actual,
      String kernel, int row, int column) {
    // three roundings in the term, one in the sum
    double tolerance = 2 * ULP * (Math.abs(before) + 2 * Math.abs(term));
    assertEquals(before + term, actual, tolerance, kernel + " at row " + row + ", column "
        + column);
  }

  /**
   * copyRows writes rows [fromRow, toRow) row-major with zeros included, exactly the stored
   * values, and nothing beyond (toRow - fromRow) * p.
   */
  @Property(tries = 100)
  void copyRowsWritesTheStoredRowsRowMajor(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    double[][] s = stored(c, m);
    int p = c.columns();
    int length = (c.toRow() - c.fromRow()) * p;
    double[] out = filled(length + 3, Double.NaN);
    // stale values where zeros must be written
    Arrays.fill(out, 0, length, 7.0);
    m.copyRows(c.fromRow(), c.toRow(), out);
    for (int i = c.fromRow(); i < c.toRow(); i++) {
      for (int j = 0; j < p; j++) {
        assertEquals(s[i][j], out[(i - c.fromRow()) * p + j], "row " + i + ", column " + j);
      }
    }
    for (int e = length; e < out.length; e++) {
      assertTrue(Double.isNaN(out[e]), "copyRows wrote past its rows at " + e);
    }
  }

  /**
   * uncentred() stores the data themselves with zero offsets (x - offset + offset rounds
   * twice), and is the same matrix when nothing is shifted.
   */
  @Property(tries = 100)
  void uncentredStoresTheDataWithZeroOffsets(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    DesignMatrix plain = m.uncentred();
    boolean shifted = false;
    for (int j = 0; j < c.columns(); j++) {
      shifted |= m.columnOffset(j) != 0;
    }
    Statistics.label("shifted").collect(shifted);
    if (!shifted) {
      assertSame(m, plain);
    }
    assertSame(plain, plain.uncentred(), "an unshifted matrix is its own uncentred form");
    assertEquals(c.rows(), plain.rows());
    assertEquals(c.columns(), plain.columns());
    for (int j = 0; j < c.columns(); j++) {
      assertEquals(0.0, plain.columnOffset(j));
      for (int i = 0; i < c.rows(); i++) {
        double x = c.x()[i][j];
        assertEquals(x, plain.stored(i, j), ULP * (Math.abs(x) + 2 * Math.abs(m.columnOffset(j))),
            "row " + i + ", column " + j);
      }
    }
  }

  /**
   * selectRows keeps the offsets and gives row r the stored values of row rowIndices[r];
   * repeated rows are repeated, and a sparse selection counts only its non-zeros.
   */
  @Property(tries = 100)
  void selectRowsPicksTheStoredRowsInOrder(@ForAll("cases") Case c) {
    cover(c);
    DesignMatrix m = c.design();
    int[] selection = c.rowSelection();
    DesignMatrix selected = m.selectRows(selection);
    assertEquals(selection.length, selected.rows());
    assertEquals(c.columns(), selected.columns());
    long nonZeros = 0;
    for (int j = 0; j < c.columns(); j++) {
      assertEquals(m.columnOffset(j), selected.columnOffset(j));
      for (int r = 0; r < selection.length; r++) {
        assertEquals(m.stored(selection[r], j), selected.stored(r, j), "row " + r + ", column "
            + j);
        nonZeros += m.stored(selection[r], j) != 0 ? 1 : 0;
      }
    }
    assertEquals(c.sparse() ? nonZeros : (long) selection.length * c.columns(),
        selected.storedEntries());
  }

  /** A sparse matrix built from entries in any order equals the one built row by row. */
  @Property(tries = 100)
  void sparseBuilderSortsEntriesAddedInAnyOrder(@ForAll("cases") Case c) {
    Statistics.label("weights").collect(c.weighting());
    int n = c.rows();
    int p = c.columns();
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(n, p);
    // the reverse of row order, so that every column needs sorting
    for (int i = n - 1; i >= 0; i--) {
      for (int j = p - 1; j >= 0; j--) {
        builder.add(i, j, c.x()[i][j]);
      }
    }
    SparseDesignMatrix reversed = builder.build();
    double[] v = c.vectors()[0];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        assertEquals(c.x()[i][j], reversed.stored(i, j));
      }
      double[] out = new double[1];
      reversed.dotMany(j, new double[][] {v}, out);
      double dot = 0;
      double absoluteSum = 0;
      for (int i = 0; i < n; i++) {
        dot += c.x()[i][j] * v[i];
        absoluteSum += Math.abs(c.x()[i][j] * v[i]);
      }
      assertArrayEquals(new double[] {dot}, out, sumTolerance(n, absoluteSum));
    }
  }
}
