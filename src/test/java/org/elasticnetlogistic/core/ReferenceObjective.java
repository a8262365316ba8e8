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

  /** The loss of the intercept-only optimum (all slopes zero). */
  double nullLoss() {
    return loss(nullIntercepts(), new double[coefficientRows()][columns()]);
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

  /**
   * glmnet's options as the objective sees them.
   *
   * @param factors penalty factors before rescaling, or null for all one
   * @param lower lower limits of the original-scale coefficients (&lt;= 0), or null
   * @param upper upper limits (&gt;= 0), or null
   * @param grouped the grouped multinomial penalty
   * @param intercept whether the model has intercepts
   * @param standardize whether the penalty sees b_j s_j (else b_j)
   */
  record Options(double alpha, double[] factors, double[] lower, double[] upper,
      boolean grouped, boolean intercept, boolean standardize) {

    static Options plain(double alpha) {
      return new Options(alpha, null, null, null, false, true, true);
    }

    /** The settings of a fit with these options. */
    FitSettings.Builder settings() {
      return FitSettings.builder().alpha(alpha).penaltyFactors(factors).lowerLimits(lower)
          .upperLimits(upper).grouped(grouped).intercept(intercept).standardize(standardize);
    }
  }

  /** The penalty factor v_j: the given factors rescaled to sum to the number of columns. */
  private double factor(Options options, int column) {
    if (options.factors() == null) {
      return 1;
    }
    double sum = 0;
    for (double v : options.factors()) {
      sum += v;
    }
    return sum > 0 ? options.factors()[column] * columns() / sum : 0;
  }

  /** The scale s_j of the penalised coefficient bt_j = b_j s_j. */
  private double scale(Options options, int column) {
    return options.standardize() ? sd[column] : 1.0;
  }

  /**
   * The largest KKT violation of ALGORITHM.md under glmnet's options, in the penalised
   * parameters: bt_j = b_j s_j and, with an intercept, the intercept of the model in the
   * centred columns (x_j - m_j); without one, the columns as they are and no intercept.
   * With v_j the factor, l1 = lambda alpha v_j, l2 = lambda (1 - alpha) v_j and d the
   * smooth derivative g_j + l2 bt_j: |d + l1 sign(bt)| where bt != 0 and inside its limits;
   * only the part pointing out of the box where bt sits on a limit; and at bt = 0 the part
   * of |d| beyond l1 in the directions the limits allow. Grouped: the same with norms over
   * the classes.
   */
  double kktViolation(double[] intercepts, double[][] slopes, double lambda, Options options) {
    double[][] p = probabilities(intercepts, slopes);
    int rows = intercepts.length;
    double worst = 0;
    double[][] g = new double[rows][columns()];
    for (int r = 0; r < rows; r++) {
      int target = rows == 1 ? 1 : r;
      double interceptGradient = 0;
      for (int i = 0; i < x.length; i++) {
        double residual = w[i] * (p[i][target] - (y[i] == target ? 1 : 0));
        interceptGradient += residual;
        for (int j = 0; j < columns(); j++) {
          if (sd[j] > 0) {
            double centred = options.intercept() ? x[i][j] - mean[j] : x[i][j];
            g[r][j] += residual * centred / scale(options, j);
          }
        }
      }
      if (options.intercept()) {
        worst = Math.max(worst, Math.abs(interceptGradient));
      }
    }
    for (int j = 0; j < columns(); j++) {
      if (!(sd[j] > 0)) {
        continue;
      }
      double v = factor(options, j);
      double l1 = lambda * options.alpha() * v;
      double l2 = lambda * (1 - options.alpha()) * v;
      double s = scale(options, j);
      if (options.grouped() && rows > 1) {
        double norm = 0;
        double gradientNorm = 0;
        for (int r = 0; r < rows; r++) {
          norm += Math.pow(slopes[r][j] * s, 2);
          gradientNorm += g[r][j] * g[r][j];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
          worst = Math.max(worst, Math.sqrt(gradientNorm) - l1);
          continue;
        }
        double sum = 0;
        for (int r = 0; r < rows; r++) {
          double bt = slopes[r][j] * s;
          sum += Math.pow(g[r][j] + l2 * bt + l1 * bt / norm, 2);
        }
        worst = Math.max(worst, Math.sqrt(sum));
        continue;
      }
      double lower = options.lower() == null ? Double.NEGATIVE_INFINITY : options.lower()[j];
      double upper = options.upper() == null ? Double.POSITIVE_INFINITY : options.upper()[j];
      for (int r = 0; r < rows; r++) {
        double b = slopes[r][j];
        double d = g[r][j] + l2 * b * s;
        double violation;
        if (b > 0) {
          violation = b < upper ? Math.abs(d + l1) : Math.max(0, d + l1);
        } else if (b < 0) {
          violation = b > lower ? Math.abs(d - l1) : Math.max(0, -(d - l1));
        } else {
          violation = Math.max(upper > 0 ? -(d + l1) : 0, lower < 0 ? d - l1 : 0);
        }
        worst = Math.max(worst, violation);
      }
    }
    return worst;
  }

  /** The largest KKT violation of ALGORITHM.md (unit penalty factors, no limits). */
  double kktViolation(double[] intercepts, double[][] slopes, double lambda, double alpha) {
    return kktViolation(intercepts, slopes, lambda, Options.plain(alpha));
  }

}
