package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The dense Cholesky solver: it solves A x = b for symmetric positive definite A to within
 * its backward error, reads only the lower triangle, refuses a matrix that is not positive
 * definite, and finds exactly the planted linear dependencies of a Gram matrix.
 */
class CholeskyProperties {

  private static final double ULP = Math.ulp(1.0);

  /** Factors B (d x (d + 2)), right-hand sides and a pivot index, for d in 1..8. */
  record Spd(double[][] factor, double[] rhs, int pivot, double shift) {

    int size() {
      return factor.length;
    }

    /** A = B B' + shift I: positive definite. */
    double[][] matrix() {
      int d = size();
      double[][] a = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double sum = i == j ? shift : 0;
          for (int k = 0; k < factor[0].length; k++) {
            sum += factor[i][k] * factor[j][k];
          }
          a[i][j] = sum;
        }
      }
      return a;
    }
  }

  @Provide
  Arbitrary<Spd> spdMatrices() {
    return Arbitraries.integers().between(1, 8).flatMap(d -> Combinators.combine(
        Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(d + 2)
            .array(double[][].class).ofSize(d),
        Arbitraries.doubles().between(-5, 5).ofScale(3).array(double[].class).ofSize(d),
        Arbitraries.integers().between(0, d - 1),
        Arbitraries.of(1e-3, 0.1, 1.0)).as(Spd::new));
  }

  /**
   * Backward stability of Cholesky with two triangular solves: (A + E) x = b with
   * |E| &lt;= gamma_(3d+1) |L| |L'|, and |L| |L'| is bounded entrywise by the largest
   * diagonal of A; the residual's own evaluation adds gamma_(d+1) of sum |a_ij x_j| + |b|.
   */
  private static void assertSolves(double[][] a, double[] x, double[] b, String what) {
    int d = a.length;
    double largestDiagonal = 0;
    double xNorm = 0;
    for (int i = 0; i < d; i++) {
      largestDiagonal = Math.max(largestDiagonal, a[i][i]);
      xNorm += Math.abs(x[i]);
    }
    for (int i = 0; i < d; i++) {
      double residual = -b[i];
      double absoluteSum = Math.abs(b[i]);
      for (int j = 0; j < d; j++) {
        residual += a[i][j] * x[j];
        absoluteSum += Math.abs(a[i][j] * x[j]);
      }
      double tolerance = (3 * d + 1) * ULP * largestDiagonal * xNorm
          + (d + 1) * ULP * absoluteSum;
      assertEquals(0.0, residual, tolerance, what + ", row " + i);
    }
  }

  @Property(tries = 300)
  void factorSolvesPositiveDefiniteSystemsFromTheLowerTriangle(
      @ForAll("spdMatrices") Spd spd) {
    Statistics.label("size").collect(spd.size());
    double[][] a = spd.matrix();
    double[][] lowerOnly = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      lowerOnly[i] = a[i].clone();
      // the factor must never read the upper triangle
      for (int j = i + 1; j < a.length; j++) {
        lowerOnly[i][j] = Double.NaN;
      }
    }
    Cholesky cholesky = Cholesky.factor(lowerOnly);
    assertNotNull(cholesky, "a positive definite matrix was refused");
    assertSolves(a, cholesky.solve(spd.rhs()), spd.rhs(), "A x = b");
    double[][] inverse = cholesky.inverse();
    for (int c = 0; c < a.length; c++) {
      double[] unit = new double[a.length];
      unit[c] = 1;
      assertSolves(a, inverse[c], unit, "column " + c + " of the inverse");
    }
  }

  /**
   * A symmetric matrix with a negative or zero diagonal entry is not positive definite, and
   * neither is one with a NaN: factor returns null.
   */
  @Property(tries = 200)
  void factorRefusesMatricesThatAreNotPositiveDefinite(@ForAll("spdMatrices") Spd spd,
      @ForAll("badDiagonals") double diagonal) {
    Statistics.label("diagonal").collect(Double.isNaN(diagonal) ? "NaN"
        : diagonal == 0 ? "zero" : "negative");
    double[][] a = spd.matrix();
    a[spd.pivot()][spd.pivot()] = diagonal;
    assertNull(Cholesky.factor(a));
  }

  @Provide
  Arbitrary<Double> badDiagonals() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, Double.NaN),
        Arbitraries.doubles().between(-5, -1e-3).ofScale(3));
  }

  /** A design whose columns are independent but for the planted ones. */
  record Planted(double[][] columns, boolean[] dependent) {
  }

  /**
   * n = d + 4 rows of random values in [-2, 2] and d columns, column j plus 20 at row j: on
   * the rows 0..d-1 the kept columns are then strictly diagonally dominant (20 - 2 &gt; 7 * 2),
   * so independent. Then one column is replaced by a random combination of the earlier ones
   * (coefficients may all be zero: a zero column) and,
   * sometimes, a later one by a copy of an earlier column.
   */
  @Provide
  Arbitrary<Planted> plantedDependencies() {
    return Arbitraries.integers().between(2, 8).flatMap(d -> Combinators.combine(
        Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(d + 4)
            .array(double[][].class).ofSize(d).withoutEdgeCases(),
        Arbitraries.integers().between(1, d - 1),
        Arbitraries.of(-1.5, -1.0, 0.0, 0.5, 2.0).array(double[].class).ofSize(d),
        Arbitraries.integers().between(-1, d - 1)).as((x, target, coefficients, copy) -> {
          boolean[] dependent = new boolean[d];
          int n = x[0].length;
          for (int j = 0; j < d; j++) {
            x[j][j] += 20;
          }
          for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < target; j++) {
              sum += coefficients[j] * x[j][i];
            }
            x[target][i] = sum;
          }
          dependent[target] = true;
          if (copy > target) {
            x[copy] = x[copy - target - 1].clone();
            dependent[copy] = true;
          }
          return new Planted(x, dependent);
        }));
  }

  /**
   * aliasedColumns marks exactly the planted columns (the rounding of a dependent column's
   * Gram entries leaves a relative residual near 1e-15, far below 1e-9; random independent
   * columns leave one near 1), and the Gram matrix without them factorises.
   */
  @Property(tries = 300)
  void aliasedColumnsAreExactlyThePlantedDependencies(
      @ForAll("plantedDependencies") Planted planted) {
    double[][] x = planted.columns();
    int d = x.length;
    double[][] gram = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        for (int i = 0; i < x[0].length; i++) {
          gram[a][b] += x[a][i] * x[b][i];
        }
      }
    }
    int count = 0;
    for (boolean dependent : planted.dependent()) {
      count += dependent ? 1 : 0;
    }
    Statistics.label("dependent columns").collect(count);
    boolean[] aliased = Cholesky.aliasedColumns(gram, 1e-9);
    assertArrayEquals(planted.dependent(), aliased);
    int kept = d - count;
    double[][] reduced = new double[kept][kept];
    for (int a = 0, r = 0; a < d; a++) {
      if (aliased[a]) {
        continue;
      }
      for (int b = 0, s = 0; b < d; b++) {
        if (!aliased[b]) {
          reduced[r][s++] = gram[a][b];
        }
      }
      r++;
    }
    assertTrue(Cholesky.factor(reduced) != null, "the kept columns are not independent");
  }
}
