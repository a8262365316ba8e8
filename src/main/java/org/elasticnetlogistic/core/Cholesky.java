package org.elasticnetlogistic.core;

/**
 * The Cholesky factorisation A = L L' of a symmetric positive definite matrix, for the
 * exact Newton solvers. Immutable.
 */
final class Cholesky {

  private final double[][] lower;
  /**
   * The smallest pivot over its diagonal entry: how little of a variable's curvature is its
   * own, given the earlier ones (as {@link #aliasedColumns} measures it). Near zero, the
   * matrix is nearly singular although the factorisation went through.
   */
  private final double smallestPivotRatio;

  private Cholesky(double[][] lower, double smallestPivotRatio) {
    this.lower = lower;
    this.smallestPivotRatio = smallestPivotRatio;
  }

  /**
   * Factorises a symmetric matrix (only its lower triangle is read).
   *
   * @return the factor, or null when the matrix is not numerically positive definite
   */
  static Cholesky factor(double[][] a) {
    return factor(a, 0);
  }

  /**
   * Factorises a symmetric matrix, or, when it is singular, the matrix plus a ridge of 1e-10
   * of its largest diagonal entry (and the smallest normal number): the factor of the nearly
   * least-norm solution of a semi-definite system. Only the lower triangle is read.
   *
   * @return the factor, or null when even the ridged matrix is not positive definite
   */
  static Cholesky factorWithRidgeIfSingular(double[][] a) {
    Cholesky factor = factor(a, 0);
    return factor != null ? factor : factorWithRidge(a);
  }

  /** Factorises a plus the ridge of a singular matrix; null when even that fails. */
  private static Cholesky factorWithRidge(double[][] a) {
    double largest = 0;
    for (int i = 0; i < a.length; i++) {
      largest = Math.max(largest, a[i][i]);
    }
    return factor(a, SINGULAR_RIDGE * largest + Double.MIN_NORMAL);
  }

  /** The ridge of a singular matrix, as a fraction of its largest diagonal entry. */
  private static final double SINGULAR_RIDGE = 1e-10;

  /** Factorises a + ridge I. */
  private static Cholesky factor(double[][] a, double ridge) {
    int d = a.length;
    double[][] l = new double[d][d];
    double smallestRatio = 1;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = i == j ? a[i][j] + ridge : a[i][j];
        double[] li = l[i];
        double[] lj = l[j];
        for (int k = 0; k < j; k++) {
          sum -= li[k] * lj[k];
        }
        if (i == j) {
          if (!(sum > 0) || !Double.isFinite(sum)) {
            return null;
          }
          smallestRatio = Math.min(smallestRatio, sum / (a[i][i] + ridge));
          li[i] = Math.sqrt(sum);
        } else {
          li[j] = sum / lj[j];
        }
      }
    }
    return new Cholesky(l, smallestRatio);
  }

  /** A variable depends on earlier ones when at most this fraction of its curvature is its own. */
  static final double DEPENDENCE = 1e-10;

  /**
   * Solves a z = b for a symmetric positive semi-definite a. When a is singular or nearly so
   * (a pivot at most {@link #DEPENDENCE} of its diagonal entry), the holdable variables that
   * depend on earlier ones keep z = 0 and the rest are solved, with the tiny ridge of
   * {@link #factorWithRidgeIfSingular} if still singular. Along a flat direction the right-hand
   * side is rounding, which a ridge or a tiny pivot would blow up into a long move; holding
   * a dependent variable loses nothing, as the others reach every value it could.
   *
   * @param holdable which variables may be held (null: every one)
   * @return z, or null when even the damped system cannot be factored
   */
  static double[] solveHoldingDependent(double[][] a, double[] b, boolean[] holdable) {
    Cholesky factor = factor(a);
    if (factor != null && factor.smallestPivotRatio > DEPENDENCE) {
      return factor.solve(b);
    }
    int d = a.length;
    boolean[] dependent = aliasedColumns(a, DEPENDENCE);
    int[] kept = new int[d];
    int count = 0;
    for (int i = 0; i < d; i++) {
      if (!dependent[i] || (holdable != null && !holdable[i])) {
        kept[count++] = i;
      }
    }
    if (count == d) {
      // nothing to hold: the plain factor if there is one, else the ridge (a plain
      // factorisation has already failed)
      Cholesky whole = factor != null ? factor : factorWithRidge(a);
      return whole == null ? null : whole.solve(b);
    }
    double[][] sub = new double[count][count];
    double[] right = new double[count];
    for (int i = 0; i < count; i++) {
      right[i] = b[kept[i]];
      for (int j = 0; j < count; j++) {
        sub[i][j] = a[kept[i]][kept[j]];
      }
    }
    Cholesky reduced = factorWithRidgeIfSingular(sub);
    if (reduced == null) {
      return null;
    }
    double[] keptZ = reduced.solve(right);
    double[] z = new double[d];
    for (int i = 0; i < count; i++) {
      z[kept[i]] = keptZ[i];
    }
    return z;
  }

  /** Solves A x = b. */
  double[] solve(double[] b) {
    int d = lower.length;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= lower[i][k] * y[k];
      }
      y[i] = sum / lower[i][i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < d; k++) {
        sum -= lower[k][i] * x[k];
      }
      x[i] = sum / lower[i][i];
    }
    return x;
  }

  /** The inverse of A. */
  double[][] inverse() {
    int d = lower.length;
    double[][] inverse = new double[d][];
    for (int c = 0; c < d; c++) {
      double[] unit = new double[d];
      unit[c] = 1;
      inverse[c] = solve(unit);
    }
    // symmetric: columns equal rows
    return inverse;
  }

  /**
   * The columns of a symmetric positive semi-definite matrix that are linearly dependent on
   * earlier columns: a column is aliased when its squared residual after projection on the
   * earlier kept columns is below {@code relativeTolerance} times its squared norm. This is
   * the in-order rule of R's QR in glm.
   */
  static boolean[] aliasedColumns(double[][] gram, double relativeTolerance) {
    int d = gram.length;
    boolean[] aliased = new boolean[d];
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      double diagonal = gram[i][i];
      if (!(diagonal > 0)) {
        aliased[i] = true;
        continue;
      }
      for (int j = 0; j < i; j++) {
        if (aliased[j]) {
          continue;
        }
        double sum = gram[i][j];
        for (int k = 0; k < j; k++) {
          if (!aliased[k]) {
            sum -= l[i][k] * l[j][k];
          }
        }
        l[i][j] = sum / l[j][j];
      }
      double residual = diagonal;
      for (int k = 0; k < i; k++) {
        if (!aliased[k]) {
          residual -= l[i][k] * l[i][k];
        }
      }
      if (residual <= relativeTolerance * diagonal) {
        aliased[i] = true;
      } else {
        l[i][i] = Math.sqrt(residual);
      }
    }
    return aliased;
  }
}
