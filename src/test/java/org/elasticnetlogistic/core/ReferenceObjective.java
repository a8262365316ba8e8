package org.elasticnetlogistic.core;

/**
 * An independent, deliberately plain implementation of the ALGORITHM.md objective on dense
 * data, used as the oracle of the property tests: loss, gradient in the standardised
 * coefficients and the KKT violation. It shares no code with the solvers beyond the
 * sigmoid/softmax kernels, which have their own properties.
 */
final class ReferenceObjective {

  final double[][] x;
  final int[] y;
  final double[] w;
  final int classes;
  final double[] mean;
  final double[] sd;

  /** @param weights raw weights; normalised here */
  ReferenceObjective(double[][] x, int[] y, double[] weights, int classes) {
    this.x = x;
    this.y = y;
    this.classes = classes;
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    double total = 0;
    for (double v : weights) {
      total += v;
    }
    this.w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = weights[i] / total;
    }
    mean = new double[p];
    sd = new double[p];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        mean[j] += w[i] * x[i][j];
      }
      if (isConstant(j)) {
        // sd would be rounding noise; ALGORITHM.md gives a constant column coefficient 0
        continue;
      }
      double var = 0;
      for (int i = 0; i < n; i++) {
        var += w[i] * (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
      }
      sd[j] = Math.sqrt(var);
    }
  }

  /** Whether column j holds one value on every row of positive weight. */
  private boolean isConstant(int column) {
    double first = Double.NaN;
    for (int i = 0; i < x.length; i++) {
      if (w[i] > 0) {
        if (Double.isNaN(first)) {
          first = x[i][column];
        } else if (x[i][column] != first) {
          return false;
        }
      }
    }
    return true;
  }

  int columns() {
    return mean.length;
  }

  /** Coefficient rows: one for the binomial model, one per class otherwise. */
  int coefficientRows() {
    return classes == 2 ? 1 : classes;
  }

  /**
   * The intercepts of the intercept-only optimum: the log-odds of class 1 (binomial), or
   * log-proportions centred to sum to zero (multinomial).
   */
  double[] nullIntercepts() {
    double[] proportion = new double[classes];
    for (int i = 0; i < x.length; i++) {
      proportion[y[i]] += w[i];
    }
    if (classes == 2) {
      return new double[] {Math.log(proportion[1] / proportion[0])};
    }
    double[] out = new double[classes];
    double mean = 0;
    for (int k = 0; k < classes; k++) {
      out[k] = Math.log(proportion[k]);
      mean += out[k] / classes;
    }
    for (int k = 0; k < classes; k++) {
      out[k] -= mean;
    }
    return out;
  }

  /**
   * lambda_max of ALGORITHM.md: max over columns and classes of |g_j| / max(alpha, 1e-3),
   * with g the gradient in bt at the intercept-only fit.
   */
  double lambdaMax(double alpha) {
    double[][] g = standardisedGradient(nullIntercepts(), new double[coefficientRows()][
        columns()]);
    double largest = 0;
    for (double[] row : g) {
      for (int j = 1; j < row.length; j++) {
        largest = Math.max(largest, Math.abs(row[j]));
      }
    }
    return largest / Math.max(alpha, 1e-3);
  }

  /** Linear predictors [row][coefficient row] of original-scale coefficients. */
  double[][] eta(double[] intercepts, double[][] slopes) {
    double[][] out = new double[x.length][intercepts.length];
    for (int i = 0; i < x.length; i++) {
      for (int r = 0; r < intercepts.length; r++) {
        double s = intercepts[r];
        for (int j = 0; j < columns(); j++) {
          s += slopes[r][j] * x[i][j];
        }
        out[i][r] = s;
      }
    }
    return out;
  }

  /** Class probabilities [row][class]; one coefficient row means the binomial model. */
  double[][] probabilities(double[] intercepts, double[][] slopes) {
    double[][] eta = eta(intercepts, slopes);
    double[][] p = new double[x.length][classes];
    for (int i = 0; i < x.length; i++) {
      if (intercepts.length == 1) {
        p[i][1] = Numerics.sigmoid(eta[i][0]);
        p[i][0] = Numerics.sigmoid(-eta[i][0]);
      } else {
        p[i] = Numerics.softmax(eta[i]);
      }
    }
    return p;
  }

  /** (1/W) sum_i w_i (-log p(y_i)). */
  double loss(double[] intercepts, double[][] slopes) {
    double[][] eta = eta(intercepts, slopes);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double l;
      if (intercepts.length == 1) {
        l = y[i] == 1 ? Numerics.log1pExp(-eta[i][0]) : Numerics.log1pExp(eta[i][0]);
      } else {
        l = Numerics.logSumExp(eta[i]) - eta[i][y[i]];
      }
      sum += w[i] * l;
    }
    return sum;
  }

  /** The penalty lambda sum [(1-alpha)/2 bt^2 + alpha |bt|] with unit penalty factors. */
  double penalty(double[][] slopes, double lambda, double alpha) {
    double sum = 0;
    for (double[] row : slopes) {
      for (int j = 0; j < columns(); j++) {
        double bt = row[j] * sd[j];
        sum += (1 - alpha) / 2 * bt * bt + alpha * Math.abs(bt);
      }
    }
    return lambda * sum;
  }

  /**
   * Gradient of the loss [row][0 = intercept, then columns] in the standardised
   * parameterisation (intercept of the centred model, bt_j = b_j sd_j).
   */
  double[][] standardisedGradient(double[] intercepts, double[][] slopes) {
    double[][] p = probabilities(intercepts, slopes);
    int rows = intercepts.length;
    double[][] g = new double[rows][columns() + 1];
    for (int r = 0; r < rows; r++) {
      int target = rows == 1 ? 1 : r;
      for (int i = 0; i < x.length; i++) {
        double residual = w[i] * (p[i][target] - (y[i] == target ? 1 : 0));
        g[r][0] += residual;
        for (int j = 0; j < columns(); j++) {
          if (sd[j] > 0) {
            g[r][j + 1] += residual * (x[i][j] - mean[j]) / sd[j];
          }
        }
      }
    }
    return g;
  }

  /** The largest KKT violation of ALGORITHM.md (unit penalty factors, no limits). */
  double kktViolation(double[] intercepts, double[][] slopes, double lambda, double alpha) {
    double[][] g = standardisedGradient(intercepts, slopes);
    double worst = 0;
    for (int r = 0; r < intercepts.length; r++) {
      worst = Math.max(worst, Math.abs(g[r][0]));
      for (int j = 0; j < columns(); j++) {
        if (!(sd[j] > 0)) {
          continue;
        }
        double bt = slopes[r][j] * sd[j];
        double gj = g[r][j + 1];
        double v;
        if (bt != 0) {
          v = Math.abs(gj + lambda * (1 - alpha) * bt + lambda * alpha * Math.signum(bt));
        } else {
          v = Math.max(0, Math.abs(gj) - lambda * alpha);
        }
        worst = Math.max(worst, v);
      }
    }
    return worst;
  }
}
