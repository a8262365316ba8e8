package org.elasticnetlogistic.core;

/**
 * The mutable point of one running fit: coefficients on the stored scale, the linear
 * predictors and the class probabilities they give. Owned by a single solver at a time and
 * never shared between fits or threads; results leave it only as immutable copies.
 */
final class ModelState {

  /**
   * glmnet floors p(1 - p) in the IRLS weights at 1e-5; so does the first Newton step here.
   * The objective itself is never floored.
   */
  static final double CURVATURE_FLOOR = 1e-5;
  /**
   * The floor relaxes towards this while full Newton steps are accepted, so that the last
   * steps use the true curvature and converge quadratically even on nearly separable data,
   * where the fixed floor makes Newton crawl.
   */
  static final double SMALLEST_CURVATURE_FLOOR = 1e-12;

  final FitContext context;
  /** [block][column], stored scale. */
  final double[][] coef;
  /** [block]. */
  final double[] intercept;
  /** [block][row]. */
  final double[][] eta;
  /** [class][row]. */
  final double[][] prob;

  private ModelState(FitContext context) {
    this.context = context;
    this.coef = new double[context.blocks][context.columns];
    this.intercept = new double[context.blocks];
    this.eta = new double[context.blocks][context.rows];
    this.prob = new double[context.numClasses][context.rows];
  }

  /**
   * The intercept-only optimum (all coefficients zero). Every class must have positive
   * weight when there is an intercept.
   */
  static ModelState nullModel(FitContext context) {
    ModelState state = new ModelState(context);
    if (context.intercept) {
      double[] proportion = context.problem.classProportions();
      if (context.binomial) {
        state.intercept[0] = Numerics.logit(proportion[1]);
      } else {
        double meanLog = 0;
        for (double pk : proportion) {
          meanLog += Math.log(pk) / proportion.length;
        }
        for (int k = 0; k < context.blocks; k++) {
          state.intercept[k] = Math.log(proportion[k]) - meanLog;
        }
      }
    }
    for (int b = 0; b < context.blocks; b++) {
      java.util.Arrays.fill(state.eta[b], state.intercept[b]);
    }
    state.refreshProbabilities();
    return state;
  }

  /** A state at the given coefficients (stored scale), its predictors computed afresh. */
  static ModelState at(FitContext context, double[] intercepts, double[][] coefficients) {
    ModelState state = new ModelState(context);
    for (int b = 0; b < context.blocks; b++) {
      state.intercept[b] = intercepts[b];
      System.arraycopy(coefficients[b], 0, state.coef[b], 0, context.columns);
    }
    state.recomputePredictors();
    return state;
  }

  /** Recomputes eta from the coefficients (removing drift), then the probabilities. */
  void recomputePredictors() {
    DesignMatrix x = context.design;
    for (int b = 0; b < context.blocks; b++) {
      double[] e = eta[b];
      java.util.Arrays.fill(e, intercept[b]);
      for (int j : context.included) {
        double c = coef[b][j];
        if (c != 0) {
          x.addScaled(j, c, e);
        }
      }
    }
    refreshProbabilities();
  }

  /** Recomputes all class probabilities from eta. */
  void refreshProbabilities() {
    int n = context.rows;
    context.parallel.forEachPiece(n, Parallelism.ROW_CHUNK, (long) n * context.numClasses * 8,
        this::refreshProbabilities);
  }

  private void refreshProbabilities(int from, int to) {
    if (context.binomial) {
      double[] e = eta[0];
      double[] p0 = prob[0];
      double[] p1 = prob[1];
      for (int i = from; i < to; i++) {
        // both probabilities from one exp, each as Numerics.sigmoid forms it; the sign of
        // eta picks which is which through a bit mask, as a branch on it would be
        // mispredicted about every other row (7.7 against 4.3 ns a row, measured)
        double u = Math.exp(-Math.abs(e[i]));
        long larger = Double.doubleToRawLongBits(1.0 / (1.0 + u));
        long smaller = Double.doubleToRawLongBits(u / (1.0 + u));
        // all ones when eta is negative (for -0.0 too, whose two probabilities are both 1/2)
        long negative = Double.doubleToRawLongBits(e[i]) >> 63;
        p1[i] = Double.longBitsToDouble((larger & ~negative) | (smaller & negative));
        p0[i] = Double.longBitsToDouble((smaller & ~negative) | (larger & negative));
      }
      return;
    }
    int classes = context.numClasses;
    for (int i = from; i < to; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, eta[k][i]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        double v = Math.exp(eta[k][i] - max);
        prob[k][i] = v;
        sum += v;
      }
      double inverse = 1.0 / sum;
      for (int k = 0; k < classes; k++) {
        prob[k][i] *= inverse;
      }
    }
  }

  /** The weighted mean negative log-likelihood (1/W) sum_i w_i l_i, computed exactly. */
  double loss() {
    return context.parallel.sumRows(context.rows, 8L * context.numClasses, this::loss);
  }

  private double loss(int from, int to) {
    double[] w = context.weights;
    int[] y = context.classes;
    double sum = 0;
    if (context.binomial) {
      double[] e = eta[0];
      for (int i = from; i < to; i++) {
        if (w[i] > 0) {
          sum += w[i] * Numerics.log1pExp(y[i] == 1 ? -e[i] : e[i]);
        }
      }
      return sum;
    }
    int classes = context.numClasses;
    double[] column = new double[classes];
    for (int i = from; i < to; i++) {
      if (w[i] > 0) {
        for (int k = 0; k < classes; k++) {
          column[k] = eta[k][i];
        }
        sum += w[i] * (Numerics.logSumExp(column, 0, classes) - column[y[i]]);
      }
    }
    return sum;
  }

  /** The gradient of the loss with respect to block b's predictors: w_i (p_i - y_i). */
  double[] etaGradient(int block) {
    int n = context.rows;
    double[] w = context.weights;
    double[] response = context.responses[block];
    double[] p = prob[context.classOfBlock(block)];
    double[] g = new double[n];
    context.parallel.forEachPiece(n, Parallelism.ROW_CHUNK, n, (from, to) -> {
      for (int i = from; i < to; i++) {
        g[i] = w[i] * (p[i] - response[i]);
      }
    });
    return g;
  }

  /**
   * The multinomial IRLS floor of each row, added to the Newton model's curvature as
   * {@code c_i (I - 11'/K)} over the K classes rather than on the diagonal alone:
   * {@code c_i = w_i max_k (floor - p_ik (1 - p_ik))_+ K / (K - 1)}, so that each class's
   * own curvature is at least the floored one while "all classes up by one", which the
   * softmax does not see, stays as flat as in the loss. A diagonal floor curved that
   * direction so slightly that the model's minimum lay far along it, and the descent crept
   * there without end. Null when the floor is nowhere above the variance.
   */
  double[] multinomialFloorExcess(double floor) {
    int classes = context.numClasses;
    double[] w = context.weights;
    double[] excess = null;
    for (int i = 0; i < context.rows; i++) {
      double deficit = 0;
      for (int k = 0; k < classes; k++) {
        double p = prob[k][i];
        deficit = Math.max(deficit, floor - p * (1 - p));
      }
      if (deficit > 0 && w[i] > 0) {
        if (excess == null) {
          excess = new double[context.rows];
        }
        excess[i] = w[i] * deficit * classes / (classes - 1);
      }
    }
    return excess;
  }

  /** The floored IRLS curvature of block b: w_i max(p_i (1 - p_i), floor). */
  double[] curvature(int block, double floor) {
    int n = context.rows;
    double[] w = context.weights;
    double[] p = prob[context.classOfBlock(block)];
    double[] q = new double[n];
    context.parallel.forEachPiece(n, Parallelism.ROW_CHUNK, n, (from, to) -> {
      for (int i = from; i < to; i++) {
        q[i] = w[i] * Math.max(p[i] * (1 - p[i]), floor);
      }
    });
    return q;
  }

  /**
   * The exact change of the loss when block b's predictors move by step * direction.
   * Summed row by row from log1p forms, so it is accurate even when far below the rounding
   * error of the loss itself.
   */
  double lossChange(int block, double[] direction, double step) {
    return context.parallel.sumRows(context.rows, 8L * context.numClasses,
        (from, to) -> lossChange(block, direction, step, from, to));
  }

  private double lossChange(int block, double[] direction, double step, int from, int to) {
    double[] w = context.weights;
    double[] response = context.responses[block];
    int target = context.classOfBlock(block);
    double[] p = prob[target];
    double sum = 0;
    if (context.binomial) {
      double[] q = prob[0];
      for (int i = from; i < to; i++) {
        double d = step * direction[i];
        if (w[i] > 0 && d != 0) {
          sum += w[i] * (Numerics.logNormalizerChange(p[i], q[i], d) - response[i] * d);
        }
      }
      return sum;
    }
    int classes = context.numClasses;
    for (int i = from; i < to; i++) {
      double d = step * direction[i];
      if (w[i] > 0 && d != 0) {
        double others = 0;
        for (int k = 0; k < classes; k++) {
          if (k != target) {
            others += prob[k][i];
          }
        }
        sum += w[i] * (Numerics.logNormalizerChange(p[i], others, d) - response[i] * d);
      }
    }
    return sum;
  }

  /**
   * The exact change of the loss when every block's predictors move by
   * step * direction[block]: {@link #lossChange} for the binomial model's one block,
   * {@link #lossChangeAllClasses} for the multinomial one.
   */
  double lossChangeAllBlocks(double[][] direction, double step) {
    return context.binomial ? lossChange(0, direction[0], step)
        : lossChangeAllClasses(direction, step);
  }

  /**
   * An upper bound on {@link #lossChangeAllBlocks}, with at most one exp per row instead of
   * log1p and expm1 (none for moves up to 1, {@link Numerics#expUpperBound}), and a margin
   * for its own rounding. Along a row's move d the loss's
   * curvature is the variance of d under the moved probabilities, and a shift s changes each
   * probability by a factor within exp(+-2 |s|_inf) (for the binomial sigmoid, p(1 - p) by
   * one within exp(+-|s|)); so the change is at most the first-order term plus
   * exp(2 |d|_inf) / 2 times the variance of d under the current probabilities. A line
   * search that accepts on the bound accepts only what the exact change would.
   */
  double lossChangeBound(double[][] direction, double step) {
    int rows = context.rows;
    double[] absolute = new double[(rows + Parallelism.ROW_CHUNK - 1) / Parallelism.ROW_CHUNK];
    double bound = context.parallel.sumRows(rows, 4L * context.numClasses,
        (from, to) -> lossChangeBound(direction, step, from, to, absolute));
    double absoluteSum = 0;
    for (double a : absolute) {
      absoluteSum += a;
    }
    // a sum of n rounded terms, each a few roundings from its exact value
    return bound + (rows + 16) * 0x1p-53 * absoluteSum;
  }

  private double lossChangeBound(double[][] direction, double step, int from, int to,
      double[] absolute) {
    double[] w = context.weights;
    int[] y = context.classes;
    double sum = 0;
    double absoluteSum = 0;
    if (context.binomial) {
      double[] p = prob[1];
      double[] q = prob[0];
      double[] response = context.responses[0];
      double[] move = direction[0];
      for (int i = from; i < to; i++) {
        double d = step * move[i];
        if (w[i] > 0 && d != 0) {
          double first = (p[i] - response[i]) * d;
          double second = 0.5 * p[i] * q[i] * Numerics.expUpperBound(Math.abs(d)) * d * d;
          sum += w[i] * (first + second);
          absoluteSum += w[i] * (Math.abs(first) + second);
        }
      }
    } else {
      int classes = context.numClasses;
      for (int i = from; i < to; i++) {
        if (w[i] == 0) {
          continue;
        }
        double mean = 0;
        double largest = 0;
        for (int k = 0; k < classes; k++) {
          double d = step * direction[k][i];
          mean += prob[k][i] * d;
          largest = Math.max(largest, Math.abs(d));
        }
        if (largest == 0) {
          continue;
        }
        double variance = 0;
        for (int k = 0; k < classes; k++) {
          double centred = step * direction[k][i] - mean;
          variance += prob[k][i] * centred * centred;
        }
        double first = mean - step * direction[y[i]][i];
        double second = 0.5 * Numerics.expUpperBound(2 * largest) * variance;
        sum += w[i] * (first + second);
        absoluteSum += w[i] * (Math.abs(first) + second);
      }
    }
    absolute[from / Parallelism.ROW_CHUNK] = absoluteSum;
    return sum;
  }

  /**
   * The exact change of the multinomial loss when every class's predictors move by
   * step * direction[class], summed row by row from log1p forms.
   */
  double lossChangeAllClasses(double[][] direction, double step) {
    return context.parallel.sumRows(context.rows, 8L * context.numClasses,
        (from, to) -> lossChangeAllClasses(direction, step, from, to));
  }

  private double lossChangeAllClasses(double[][] direction, double step, int from, int to) {
    int classes = context.numClasses;
    double[] w = context.weights;
    int[] y = context.classes;
    double[] rowEta = new double[classes];
    double[] rowProb = new double[classes];
    double[] rowStep = new double[classes];
    double sum = 0;
    for (int i = from; i < to; i++) {
      if (w[i] == 0) {
        continue;
      }
      boolean moves = false;
      for (int k = 0; k < classes; k++) {
        rowEta[k] = eta[k][i];
        rowProb[k] = prob[k][i];
        rowStep[k] = step * direction[k][i];
        moves |= rowStep[k] != 0;
      }
      if (moves) {
        sum += w[i] * (Numerics.logSumExpChange(rowEta, rowProb, rowStep, classes)
            - rowStep[y[i]]);
      }
    }
    return sum;
  }

  /** Number of columns with a non-zero coefficient in some block. */
  int nonZeroColumns() {
    int count = 0;
    for (int j = 0; j < context.columns; j++) {
      for (int b = 0; b < context.blocks; b++) {
        if (coef[b][j] != 0) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}
