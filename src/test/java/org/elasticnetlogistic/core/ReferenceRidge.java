package org.elasticnetlogistic.core;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The ridge (alpha = 0) solution by plain exact Newton, an oracle that shares nothing with
 * the solvers: a dense Hessian in the standardised parameters (intercepts and bt), a
 * Cholesky solve (commons-math), a halving line search, and a gradient tolerance near
 * rounding. The multinomial model's intercepts are made unique by adding
 * (sum_k a_k)^2 / 2, which is zero at the centred optimum and leaves the probabilities
 * alone.
 *
 * <p>Objective: (1/W) sum_i w_i l_i + lambda/2 sum bt^2, eta_ir = a_r + sum_j bt_rj z_ij with
 * z_ij = (x_ij - m_j) / s_j (zero for a constant column, whose bt the ridge holds at zero).
 */
final class ReferenceRidge {

  private final ReferenceObjective reference;
  private final double lambda;
  private final int rows;
  private final int width;
  private final double[][] z;

  ReferenceRidge(ReferenceObjective reference, double lambda) {
    this.reference = reference;
    this.lambda = lambda;
    this.rows = reference.coefficientRows();
    this.width = reference.columns() + 1;
    this.z = new double[reference.x.length][reference.columns()];
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < reference.columns(); j++) {
        z[i][j] = reference.sd[j] > 0
            ? (reference.x[i][j] - reference.mean[j]) / reference.sd[j] : 0.0;
      }
    }
  }

  int dimension() {
    return rows * width;
  }

  /** theta[r * width]: intercept of row r; theta[r * width + 1 + j]: bt_rj. */
  private double[][] probabilities(double[] theta) {
    int n = z.length;
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] eta = new double[rows];
      for (int r = 0; r < rows; r++) {
        double s = theta[r * width];
        for (int j = 0; j < width - 1; j++) {
          s += theta[r * width + 1 + j] * z[i][j];
        }
        eta[r] = s;
      }
      p[i] = rows == 1 ? new double[] {Numerics.sigmoid(eta[0])} : Numerics.softmax(eta);
    }
    return p;
  }

  private double target(int row, int i) {
    int cls = rows == 1 ? 1 : row;
    return reference.y[i] == cls ? 1.0 : 0.0;
  }

  double objective(double[] theta) {
    double sum = 0;
    int n = z.length;
    for (int i = 0; i < n; i++) {
      double[] eta = new double[rows];
      for (int r = 0; r < rows; r++) {
        double s = theta[r * width];
        for (int j = 0; j < width - 1; j++) {
          s += theta[r * width + 1 + j] * z[i][j];
        }
        eta[r] = s;
      }
      double l = rows == 1
          ? Numerics.log1pExp(reference.y[i] == 1 ? -eta[0] : eta[0])
          : Numerics.logSumExp(eta) - eta[reference.y[i]];
      sum += reference.w[i] * l;
    }
    double interceptSum = 0;
    for (int r = 0; r < rows; r++) {
      interceptSum += theta[r * width];
      for (int j = 1; j < width; j++) {
        sum += lambda / 2 * theta[r * width + j] * theta[r * width + j];
      }
    }
    return rows == 1 ? sum : sum + interceptSum * interceptSum / 2;
  }

  double[] gradient(double[] theta) {
    double[][] p = probabilities(theta);
    double[] g = new double[dimension()];
    double interceptSum = 0;
    for (int r = 0; r < rows; r++) {
      interceptSum += theta[r * width];
      for (int i = 0; i < z.length; i++) {
        double residual = reference.w[i] * (p[i][rows == 1 ? 0 : r] - target(r, i));
        g[r * width] += residual;
        for (int j = 0; j < width - 1; j++) {
          g[r * width + 1 + j] += residual * z[i][j];
        }
      }
      for (int j = 1; j < width; j++) {
        g[r * width + j] += lambda * theta[r * width + j];
      }
    }
    if (rows > 1) {
      for (int r = 0; r < rows; r++) {
        g[r * width] += interceptSum;
      }
    }
    return g;
  }

  double[][] hessian(double[] theta) {
    double[][] p = probabilities(theta);
    int d = dimension();
    double[][] h = new double[d][d];
    for (int i = 0; i < z.length; i++) {
      double[] features = new double[width];
      features[0] = 1;
      System.arraycopy(z[i], 0, features, 1, width - 1);
      for (int r = 0; r < rows; r++) {
        for (int s = 0; s < rows; s++) {
          double c;
          if (rows == 1) {
            c = p[i][0] * (1 - p[i][0]);
          } else {
            c = (r == s ? p[i][r] : 0) - p[i][r] * p[i][s];
          }
          c *= reference.w[i];
          for (int a = 0; a < width; a++) {
            for (int b = 0; b < width; b++) {
              h[r * width + a][s * width + b] += c * features[a] * features[b];
            }
          }
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 1; j < width; j++) {
        h[r * width + j][r * width + j] += lambda;
      }
      if (rows > 1) {
        for (int s = 0; s < rows; s++) {
          h[r * width][s * width] += 1;
        }
      }
    }
    // (c x_a) x_b and (c x_b) x_a round differently; the Cholesky wants exact symmetry
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        double mean = 0.5 * (h[a][b] + h[b][a]);
        h[a][b] = mean;
        h[b][a] = mean;
      }
    }
    return h;
  }

  /**
   * The optimum by damped Newton from zero; fails loudly if it does not converge. Stops
   * when the Newton decrement g' H^-1 g (twice the predicted decrease, about mu times the
   * squared distance to the optimum) is below 1e-28, or the gradient vanishes. Steps are
   * halved until the objective falls, except near the optimum, where the decrease is
   * below the objective's rounding and full steps are taken.
   */
  double[] solve() {
    double[] theta = new double[dimension()];
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] g = gradient(theta);
      double largest = Arrays.stream(g).map(Math::abs).max().orElse(0);
      double[] direction = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian(theta)),
          1e-9, 0.0).getSolver().solve(new ArrayRealVector(g)).mapMultiply(-1).toArray();
      double slope = 0;
      for (int v = 0; v < g.length; v++) {
        slope += g[v] * direction[v];
      }
      if (-slope <= 1e-28 || largest == 0) {
        return theta;
      }
      double current = objective(theta);
      if (-slope <= 1e-10 * (1 + Math.abs(current))) {
        // the decrease is lost in the objective's rounding, where a line search can only
        // stall; this close the full Newton step converges quadratically
        for (int v = 0; v < theta.length; v++) {
          theta[v] += direction[v];
        }
        continue;
      }
      double t = 1;
      double[] next = null;
      for (int halving = 0; halving < 50 && next == null; halving++) {
        double[] candidate = theta.clone();
        for (int v = 0; v < candidate.length; v++) {
          candidate[v] += t * direction[v];
        }
        if (objective(candidate) <= current + 1e-4 * t * slope) {
          next = candidate;
        }
        t /= 2;
      }
      if (next == null) {
        // no decrease visible in the objective's rounding: optimal if the gradient says so
        if (largest <= 1e-12) {
          return theta;
        }
        break;
      }
      theta = next;
    }
    throw new AssertionError("the reference Newton solver did not converge");
  }

  /** The smallest eigenvalue of the Hessian at theta: the local strong convexity. */
  double smallestCurvature(double[] theta) {
    return Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(hessian(theta)))
        .getRealEigenvalues()).min().orElseThrow();
  }

  /** Original-scale coefficients as standardised parameters (intercepts of the centred model). */
  double[] standardise(Coefficients c) {
    double[] theta = new double[dimension()];
    for (int r = 0; r < rows; r++) {
      double intercept = c.intercept(r);
      for (int j = 0; j < width - 1; j++) {
        intercept += c.coefficient(r, j) * reference.mean[j];
        theta[r * width + 1 + j] = reference.sd[j] > 0 ? c.coefficient(r, j) * reference.sd[j]
            : 0.0;
      }
      theta[r * width] = intercept;
    }
    return theta;
  }
}
