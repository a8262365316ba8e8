package org.elasticnetlogistic.core;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Maximum-likelihood logistic regression (lambda = 0) by exact Newton with a Cholesky solve
 * and a backtracking line search, in the reference-class form. Works on standardised
 * columns for conditioning and reports the original scale.
 *
 * <p>Aliased columns (dependent on the intercept and earlier columns) are found first and
 * left out, as R's glm does. Separation is detected after the fit: when some rows are
 * fitted with probability one, the direction in which the coefficients were still moving is
 * tested; if it separates the classes (improves every row's fit, some strictly) the
 * likelihood has no finite maximum and the fit says so.
 */
public final class UnpenalizedFitter {

  /** Squared relative residual under which a column counts as aliased (R's QR uses 1e-7). */
  static final double ALIAS_TOLERANCE = 1e-11;
  /** Gradient tolerance of the Newton iterations; Newton converges quadratically. */
  static final double GRADIENT_TOLERANCE = 1e-10;
  /** A row is fitted perfectly when its class probability is within this of one. */
  static final double PERFECT_FIT = 1e-10;
  /**
   * A fit with a row this close to probability one is tested for separation: the gradient
   * tolerance allows class probabilities about 1e-10 times the row count from one.
   */
  static final double NEARLY_PERFECT_FIT = 1e-6;
  private static final int ROW_BLOCK = 256;
  private static final int MAX_HALVINGS = 60;

  private UnpenalizedFitter() {
  }

  /**
   * @param problem the data; at least two classes must have weight
   * @param maxIterations the Newton iteration limit
   */
  public static UnpenalizedFit fit(LogisticProblem problem, int maxIterations) {
    ElasticNetFitter.ClassSubset subset = ElasticNetFitter.ClassSubset.of(problem);
    if (subset.modelled.length < 2) {
      throw new IllegalArgumentException("only one class (index " + subset.modelled[0]
          + ") has training weight; a classifier needs at least two");
    }
    return new Run(subset.reduced, subset.modelled, problem.numClasses(), maxIterations)
        .fit();
  }

  /** The state of one fit (package-private as a seam for tests of its steps). */
  static final class Run {
    final LogisticProblem problem;
    final int[] modelled;
    final int numClasses;
    final int maxIterations;
    final DesignMatrix x;
    final int n;
    final int p;
    final int classes;
    final int blocks;
    final Standardization standardization;
    final double[] weights;
    final int[] kept;
    final boolean[] aliased;
    final int width;
    final int dimension;
    /** [block][0 = intercept, then kept columns], standardised scale. */
    final double[][] theta;
    /** [row][class], class 0 the reference with eta 0. */
    final double[][] eta;
    final double[][] prob;

    Run(LogisticProblem problem, int[] modelled, int numClasses, int maxIterations) {
      this.problem = problem;
      this.modelled = modelled;
      this.numClasses = numClasses;
      this.maxIterations = maxIterations;
      this.x = problem.design();
      this.n = problem.rows();
      this.p = problem.columns();
      this.classes = problem.numClasses();
      this.blocks = classes - 1;
      this.weights = problem.weightsView();
      this.standardization = Standardization.compute(x, weights, true, true);
      this.aliased = findAliased();
      int count = 0;
      for (boolean a : aliased) {
        if (!a) {
          count++;
        }
      }
      this.kept = new int[count];
      for (int j = 0, c = 0; j < p; j++) {
        if (!aliased[j]) {
          kept[c++] = j;
        }
      }
      this.width = count + 1;
      this.dimension = blocks * width;
      this.theta = new double[blocks][width];
      this.eta = new double[n][classes];
      this.prob = new double[n][classes];
    }

    /** Standardised values of the kept columns for rows [from, to), with a leading 1. */
    double[] standardisedRows(int from, int to, int[] columns) {
      double[] raw = new double[(to - from) * p];
      x.copyRows(from, to, raw);
      int w = columns.length + 1;
      double[] out = new double[(to - from) * w];
      for (int r = 0; r < to - from; r++) {
        out[r * w] = 1.0;
        for (int c = 0; c < columns.length; c++) {
          int j = columns[c];
          out[r * w + c + 1] = (raw[r * p + j] - standardization.centre(j))
              / standardization.scale(j);
        }
      }
      return out;
    }

    boolean[] findAliased() {
      int[] all = new int[p];
      for (int j = 0; j < p; j++) {
        all[j] = j;
      }
      double[][] gram = new double[p + 1][p + 1];
      for (int from = 0; from < n; from += ROW_BLOCK) {
        int to = Math.min(n, from + ROW_BLOCK);
        double[] z = standardisedRows(from, to, all);
        for (int r = 0; r < to - from; r++) {
          double w = weights[from + r];
          if (w == 0) {
            continue;
          }
          int base = r * (p + 1);
          for (int a = 0; a <= p; a++) {
            double wa = w * z[base + a];
            if (wa == 0) {
              continue;
            }
            for (int b = 0; b <= a; b++) {
              gram[a][b] += wa * z[base + b];
            }
          }
        }
      }
      for (int a = 0; a <= p; a++) {
        for (int b = 0; b < a; b++) {
          gram[b][a] = gram[a][b];
        }
      }
      boolean[] dependent = Cholesky.aliasedColumns(gram, ALIAS_TOLERANCE);
      boolean[] out = new boolean[p];
      for (int j = 0; j < p; j++) {
        out[j] = dependent[j + 1] || standardization.isConstant(j);
      }
      return out;
    }

    UnpenalizedFit fit() {
      double[] proportion = problem.classProportions();
      for (int k = 1; k < classes; k++) {
        theta[k - 1][0] = Math.log(proportion[k] / proportion[0]);
      }
      refresh();
      double nullLoss = loss();
      double[] start = flatten();
      int iterations = 0;
      double gradientNorm;
      boolean converged = false;
      Deque<double[]> history = new ArrayDeque<>();
      while (true) {
        Derivatives derivatives = derivatives();
        gradientNorm = maxAbs(derivatives.gradient);
        if (gradientNorm <= GRADIENT_TOLERANCE) {
          converged = true;
          break;
        }
        if (iterations >= maxIterations) {
          break;
        }
        double[] step = newtonStep(derivatives);
        if (step == null || !lineSearch(step, derivatives.gradient)) {
          break;
        }
        iterations++;
        history.addLast(flatten());
        if (history.size() > 6) {
          history.removeFirst();
        }
      }
      // any direction that raises some row's margin and lowers none certifies separation;
      // the last steps' direction can miss it once the fit saturates (its gradient can even
      // fall below the tolerance), so the whole way from the start is tried too. It is
      // looked for once some row is nearly fitted perfectly: the gradient tolerance can stop
      // a saturating fit before any row's probability is within PERFECT_FIT of one.
      int separatedRows = 0;
      if (rowsFittedWithin(NEARLY_PERFECT_FIT) > 0 && history.size() >= 2) {
        separatedRows = separates(difference(history.getLast(), history.getFirst()));
        if (separatedRows == 0) {
          separatedRows = separates(difference(history.getLast(), start));
        }
      }
      boolean separated = separatedRows > 0;
      // in a separated fit the rows the direction drives to probability one are the ones
      // fitted perfectly in the limit, however far the iterations got
      int perfect = separated ? separatedRows : rowsFittedWithin(PERFECT_FIT);
      if (separated) {
        converged = false;
      }
      Derivatives last = derivatives();
      double[][] covariance = covariance(last.hessian);
      double totalWeight = problem.totalWeight();
      return new UnpenalizedFit(numClasses, modelled, originalCoefficients(),
          originalStandardErrors(covariance, totalWeight), aliased,
          2 * totalWeight * loss(), 2 * totalWeight * nullLoss, problem.rowsWithWeight(),
          iterations, gradientNorm, converged, separated, perfect);
    }

    void refresh() {
      double[] row = new double[width];
      for (int from = 0; from < n; from += ROW_BLOCK) {
        int to = Math.min(n, from + ROW_BLOCK);
        double[] z = standardisedRows(from, to, kept);
        for (int r = 0; r < to - from; r++) {
          System.arraycopy(z, r * width, row, 0, width);
          int i = from + r;
          eta[i][0] = 0;
          for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int a = 0; a < width; a++) {
              sum += theta[b][a] * row[a];
            }
            eta[i][b + 1] = sum;
          }
          Numerics.softmax(eta[i], 0, classes, prob[i], 0);
        }
      }
    }

    double loss() {
      double sum = 0;
      int[] y = problem.classesView();
      for (int i = 0; i < n; i++) {
        if (weights[i] > 0) {
          sum += weights[i] * (Numerics.logSumExp(eta[i], 0, classes) - eta[i][y[i]]);
        }
      }
      return sum;
    }

    record Derivatives(double[] gradient, double[][] hessian) {
    }

    /**
     * Gradient and Hessian of the normalised loss in theta, flattened block by block; the
     * Hessian's lower triangle (diagonal included) only.
     */
    Derivatives derivatives() {
      double[] gradient = new double[dimension];
      double[][] hessian = new double[dimension][dimension];
      int[] y = problem.classesView();
      double[] a = new double[blocks * blocks];
      for (int from = 0; from < n; from += ROW_BLOCK) {
        int to = Math.min(n, from + ROW_BLOCK);
        double[] z = standardisedRows(from, to, kept);
        for (int r = 0; r < to - from; r++) {
          int i = from + r;
          double w = weights[i];
          if (w == 0) {
            continue;
          }
          int base = r * width;
          for (int k = 0; k < blocks; k++) {
            double pk = prob[i][k + 1];
            double residual = w * (pk - (y[i] == k + 1 ? 1 : 0));
            for (int c = 0; c < width; c++) {
              gradient[k * width + c] += residual * z[base + c];
            }
            for (int l = 0; l <= k; l++) {
              double pl = prob[i][l + 1];
              a[k * blocks + l] = w * ((k == l ? pk : 0) - pk * pl);
            }
          }
          for (int k = 0; k < blocks; k++) {
            for (int l = 0; l <= k; l++) {
              double akl = a[k * blocks + l];
              for (int c = 0; c < width; c++) {
                double zc = akl * z[base + c];
                double[] hRow = hessian[k * width + c];
                int lastColumn = k == l ? c : width - 1;
                for (int e = 0; e <= lastColumn; e++) {
                  hRow[l * width + e] += zc * z[base + e];
                }
              }
            }
          }
        }
      }
      // only the lower triangle is filled: Cholesky.factor, the Hessian's only reader (the
      // Newton step and the covariance), reads no other part
      return new Derivatives(gradient, hessian);
    }

    double[] newtonStep(Derivatives derivatives) {
      Cholesky factor = Cholesky.factor(derivatives.hessian);
      if (factor == null) {
        // numerically singular (typically separation): a tiny ridge keeps the step finite
        double[][] damped = new double[dimension][];
        double trace = 0;
        for (int s = 0; s < dimension; s++) {
          trace += derivatives.hessian[s][s];
        }
        for (int s = 0; s < dimension; s++) {
          damped[s] = derivatives.hessian[s].clone();
          damped[s][s] += 1e-10 * trace / dimension + Double.MIN_NORMAL;
        }
        factor = Cholesky.factor(damped);
        if (factor == null) {
          return null;
        }
      }
      double[] step = factor.solve(derivatives.gradient);
      for (int s = 0; s < dimension; s++) {
        step[s] = -step[s];
      }
      return step;
    }

    /** Backtracks until the loss decreases by 1e-4 of the predicted decrease. */
    boolean lineSearch(double[] step, double[] gradient) {
      double predicted = 0;
      for (int s = 0; s < dimension; s++) {
        predicted += gradient[s] * step[s];
      }
      if (!(predicted < 0)) {
        return false;
      }
      double[][] etaStep = new double[n][classes];
      for (int from = 0; from < n; from += ROW_BLOCK) {
        int to = Math.min(n, from + ROW_BLOCK);
        double[] z = standardisedRows(from, to, kept);
        for (int r = 0; r < to - from; r++) {
          for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int c = 0; c < width; c++) {
              sum += step[b * width + c] * z[r * width + c];
            }
            etaStep[from + r][b + 1] = sum;
          }
        }
      }
      int[] y = problem.classesView();
      double[] scaled = new double[classes];
      double t = 1;
      for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
        double change = 0;
        for (int i = 0; i < n; i++) {
          if (weights[i] == 0) {
            continue;
          }
          for (int k = 0; k < classes; k++) {
            scaled[k] = t * etaStep[i][k];
          }
          change += weights[i] * (Numerics.logSumExpChange(eta[i], prob[i], scaled, classes)
              - scaled[y[i]]);
        }
        if (change <= 1e-4 * t * predicted) {
          for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < width; c++) {
              theta[b][c] += t * step[b * width + c];
            }
          }
          refresh();
          return true;
        }
        t *= 0.5;
      }
      return false;
    }

    double[] flatten() {
      double[] out = new double[dimension];
      for (int b = 0; b < blocks; b++) {
        System.arraycopy(theta[b], 0, out, b * width, width);
      }
      return out;
    }

    /** Rows with weight whose observed class has probability above 1 - gap. */
    int rowsFittedWithin(double gap) {
      int[] y = problem.classesView();
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (weights[i] > 0 && prob[i][y[i]] > 1 - gap) {
          count++;
        }
      }
      return count;
    }

    /**
     * Whether moving along the direction (flattened theta) never lowers any row's margin
     * of its class over the others, and raises some: the classes are then separable and
     * the likelihood grows without bound along it.
     *
     * @return the number of rows whose margin the direction raises, 0 when it does not
     *     separate
     */
    int separates(double[] direction) {
      double[] row = new double[width];
      double[] move = new double[classes];
      // rows without weight keep margin 0: they neither block nor count
      double[] margins = new double[n];
      double largest = 0;
      int[] y = problem.classesView();
      for (int from = 0; from < n; from += ROW_BLOCK) {
        int to = Math.min(n, from + ROW_BLOCK);
        double[] z = standardisedRows(from, to, kept);
        for (int r = 0; r < to - from; r++) {
          int i = from + r;
          if (weights[i] == 0) {
            continue;
          }
          System.arraycopy(z, r * width, row, 0, width);
          move[0] = 0;
          for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int c = 0; c < width; c++) {
              sum += direction[b * width + c] * row[c];
            }
            move[b + 1] = sum;
          }
          double margin = Double.POSITIVE_INFINITY;
          for (int k = 0; k < classes; k++) {
            largest = Math.max(largest, Math.abs(move[k]));
            if (k != y[i]) {
              margin = Math.min(margin, move[y[i]] - move[k]);
            }
          }
          margins[i] = margin;
        }
      }
      double tolerance = 1e-6 * largest;
      int raised = 0;
      for (int i = 0; i < n; i++) {
        if (margins[i] < -tolerance) {
          return 0;
        }
        if (weights[i] > 0 && margins[i] > tolerance) {
          raised++;
        }
      }
      return largest > 0 ? raised : 0;
    }

    double[][] covariance(double[][] hessian) {
      Cholesky factor = Cholesky.factor(hessian);
      if (factor == null) {
        double[][] nan = new double[dimension][dimension];
        for (double[] row : nan) {
          Arrays.fill(row, Double.NaN);
        }
        return nan;
      }
      return factor.inverse();
    }

    /** Original-scale intercept and coefficients, NaN for aliased columns. */
    double[][] originalCoefficients() {
      double[][] out = new double[blocks][p + 1];
      for (int b = 0; b < blocks; b++) {
        Arrays.fill(out[b], Double.NaN);
        double intercept = theta[b][0];
        for (int c = 0; c < kept.length; c++) {
          int j = kept[c];
          double slope = theta[b][c + 1] / standardization.scale(j);
          out[b][j + 1] = slope;
          intercept -= slope * (standardization.centre(j) + x.columnOffset(j));
        }
        out[b][0] = intercept;
      }
      return out;
    }

    /**
     * Standard errors on the original scale: the covariance (W H)^-1 of the standardised
     * parameters, mapped by the Jacobian of the change of scale.
     */
    double[][] originalStandardErrors(double[][] covariance, double totalWeight) {
      double[][] out = new double[blocks][p + 1];
      // jacobian row of the intercept: d intercept / d theta_c
      double[] interceptRow = new double[width];
      interceptRow[0] = 1;
      for (int c = 0; c < kept.length; c++) {
        int j = kept[c];
        interceptRow[c + 1] = -(standardization.centre(j) + x.columnOffset(j))
            / standardization.scale(j);
      }
      for (int b = 0; b < blocks; b++) {
        Arrays.fill(out[b], Double.NaN);
        int base = b * width;
        double variance = 0;
        for (int c = 0; c < width; c++) {
          for (int e = 0; e < width; e++) {
            variance += interceptRow[c] * covariance[base + c][base + e] * interceptRow[e];
          }
        }
        out[b][0] = Math.sqrt(variance / totalWeight);
        for (int c = 0; c < kept.length; c++) {
          int j = kept[c];
          double s = standardization.scale(j);
          out[b][j + 1] = Math.sqrt(covariance[base + c + 1][base + c + 1] / totalWeight) / s;
        }
      }
      return out;
    }
  }

  private static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  private static double[] difference(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int s = 0; s < a.length; s++) {
      out[s] = a[s] - b[s];
    }
    return out;
  }
}
