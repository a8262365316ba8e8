package org.elasticnetlogistic.core;

/**
 * Everything fixed for one fit: the data, its standardisation, the penalty and the model
 * form. Built once per fit; read-only afterwards, so that folds fitted in parallel share
 * nothing mutable.
 *
 * <p>The linear predictors are organised in blocks. The binomial model has one block, the
 * log-odds of class 1 against class 0 (class 0's predictor is fixed at zero). The symmetric
 * multinomial model has one block per class.
 */
final class FitContext {

  final LogisticProblem problem;
  final DesignMatrix design;
  final Standardization standardization;
  final ElasticNetPenalty penalty;
  final boolean intercept;
  final boolean binomial;
  final int rows;
  final int columns;
  final int numClasses;
  final int blocks;
  /** Columns that take part in the fit: not constant. */
  final int[] included;
  final boolean[] isIncluded;
  /** Normalised row weights (sum one). */
  final double[] weights;
  /** The class of each row. */
  final int[] classes;
  /**
   * Each block's 0/1 response, row by row: the hot loops read it instead of comparing
   * classes, whose unpredictable branch cost ten times the loop's arithmetic.
   */
  final double[][] responses;

  /** Who runs the heavy passes of this fit; results do not depend on it. */
  final Parallelism parallel;

  FitContext(LogisticProblem problem, ElasticNetPenalty penalty, boolean standardize,
      boolean intercept) {
    this(problem, penalty, standardize, intercept, Parallelism.SERIAL);
  }

  FitContext(LogisticProblem problem, ElasticNetPenalty penalty, boolean standardize,
      boolean intercept, Parallelism parallel) {
    this.parallel = parallel;
    if (penalty.columns() != problem.columns()) {
      throw new IllegalArgumentException("the penalty has " + penalty.columns()
          + " columns but the data has " + problem.columns());
    }
    this.problem = problem;
    // without an intercept nothing absorbs a stored shift of the columns
    this.design = intercept ? problem.design() : problem.design().uncentred();
    this.penalty = penalty;
    this.intercept = intercept;
    this.rows = problem.rows();
    this.columns = problem.columns();
    this.numClasses = problem.numClasses();
    this.binomial = numClasses == 2;
    this.blocks = binomial ? 1 : numClasses;
    this.weights = problem.weightsView();
    this.classes = problem.classesView();
    this.responses = new double[blocks][rows];
    for (int i = 0; i < rows; i++) {
      if (binomial) {
        responses[0][i] = classes[i] == 1 ? 1.0 : 0.0;
      } else {
        responses[classes[i]][i] = 1.0;
      }
    }
    this.standardization = Standardization.compute(this.design, weights, standardize,
        intercept);
    int count = 0;
    boolean[] in = new boolean[columns];
    for (int j = 0; j < columns; j++) {
      in[j] = !standardization.isConstant(j);
      if (in[j]) {
        count++;
      }
    }
    int[] list = new int[count];
    for (int j = 0, c = 0; j < columns; j++) {
      if (in[j]) {
        list[c++] = j;
      }
    }
    this.included = list;
    this.isIncluded = in;
  }

  /** The class whose probability block b models: class 1 for binomial, class b otherwise. */
  int classOfBlock(int block) {
    return binomial ? 1 : block;
  }

  /** Whether row i belongs to the class of block b (the 0/1 response of that block). */
  double response(int block, int row) {
    return responses[block][row];
  }
}
