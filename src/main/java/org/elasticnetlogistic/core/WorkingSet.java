package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The columns a path solve works on (the strong set) and the latest gradient norm of every
 * column, max over classes, on the standardised scale. Mutable working state of one path
 * run; never shared.
 */
final class WorkingSet {

  private final FitContext context;
  private final boolean[] strong;
  /** |gradient of the loss in bt_j|, max over blocks, at the last KKT check. */
  final double[] gradientNorm;
  /** The KKT violation of every column, max over blocks, at the last KKT check. */
  final double[] violation;
  /** d loss / d b_kj at the last KKT check, uncentred, [block][column]. */
  final double[][] columnGradient;
  /** d loss / d intercept_k at the last KKT check. */
  final double[] interceptGradient;
  private int[] strongList;
  private int[] excludedList;

  WorkingSet(FitContext context) {
    this.context = context;
    this.strong = new boolean[context.columns];
    this.gradientNorm = new double[context.columns];
    this.violation = new double[context.columns];
    this.columnGradient = new double[context.blocks][context.columns];
    this.interceptGradient = new double[context.blocks];
    rebuildLists();
  }

  /** Makes the given columns strong. */
  void admit(int[] columns) {
    for (int j : columns) {
      strong[j] = true;
    }
    rebuildLists();
  }

  /** Makes every included column strong (for ridge, or when screening is off). */
  void admitAll() {
    for (int j : context.included) {
      strong[j] = true;
    }
    rebuildLists();
  }

  /**
   * The sequential strong rule (Tibshirani et al. 2012): keep column j when
   * |g_j| &gt; alpha (2 lambda - previousLambda) v_j, plus every column that is non-zero
   * now. Columns once strong stay strong along the path.
   */
  void applyStrongRule(ModelState state, double lambda, double previousLambda) {
    double alpha = context.penalty.alpha();
    double threshold = alpha * (2 * lambda - previousLambda);
    for (int j : context.included) {
      if (strong[j]) {
        continue;
      }
      boolean nonZero = false;
      for (int b = 0; b < context.blocks && !nonZero; b++) {
        nonZero = state.coef[b][j] != 0;
      }
      if (nonZero || gradientNorm[j] > threshold * context.penalty.factor(j)) {
        strong[j] = true;
      }
    }
    rebuildLists();
  }

  /** Adds the columns among {@code columns} whose zero coefficient violates the KKT test. */
  void admitViolators(int[] columns, ScaledPenalty penalty, double tolerance) {
    for (int j : columns) {
      double threshold = penalty.l1[j] / penalty.scale[j];
      if (gradientNorm[j] - threshold > tolerance) {
        strong[j] = true;
      }
    }
    rebuildLists();
  }

  /**
   * The strong columns a Newton step may move: those non-zero in some class and those whose
   * zero violates the KKT conditions at the last check. The others would not move in the
   * first sweep, and the next KKT check catches any that should.
   */
  int[] movableColumns(ModelState state) {
    int[] out = new int[strongList.length];
    int count = 0;
    for (int j : strongList) {
      boolean movable = violation[j] > 0;
      for (int b = 0; b < context.blocks && !movable; b++) {
        movable = state.coef[b][j] != 0;
      }
      if (movable) {
        out[count++] = j;
      }
    }
    return Arrays.copyOf(out, count);
  }

  int[] strongColumns() {
    return strongList;
  }

  int[] excludedColumns() {
    return excludedList;
  }

  private void rebuildLists() {
    int[] in = new int[context.included.length];
    int[] out = new int[context.included.length];
    int inCount = 0;
    int outCount = 0;
    for (int j : context.included) {
      if (strong[j]) {
        in[inCount++] = j;
      } else {
        out[outCount++] = j;
      }
    }
    strongList = Arrays.copyOf(in, inCount);
    excludedList = Arrays.copyOf(out, outCount);
  }
}
