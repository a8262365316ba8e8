package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The solver at one lambda: proximal Newton (IRLS) with coordinate descent for the
 * subproblems and a backtracking line search on the true penalised objective.
 *
 * <p>Each iteration builds the quadratic model of the loss at the current point, for all
 * classes at once (the multinomial model's full Newton model, with cross-class curvature),
 * solves it with coordinate descent, and treats the solution as a search direction: the
 * step is halved until the objective falls by at least a fraction of the model's predicted
 * decrease (Armijo), so no accepted step increases the objective. glmnet takes unit steps
 * and can fail on multinomial problems; the line search makes this solver safe there.
 *
 * <p>The subproblem is solved in one of two ways. When the working set is small enough, in
 * the space of its variables, on a dense curvature matrix ({@link GramModel}) that is kept
 * between iterations and refreshed when it goes stale: glmnet's covariance updates carried
 * to the logistic model, so that a sweep no longer touches the rows. Otherwise by
 * coordinate descent on the data ({@link CoordinateDescent},
 * {@link MultinomialCoordinateDescent}).
 *
 * <p>The loop stops on optimality: the largest KKT violation, first over the strong set and
 * then over every column, must be within the tolerance. The subproblem tolerance tightens
 * with the outer violation (an inexact Newton method).
 *
 * <p>Instances hold per-fit state (the cached model) and must not be shared between
 * threads.
 */
final class ProximalNewton {

  /** Armijo fraction of the predicted decrease that a step must achieve. */
  private static final double SUFFICIENT_DECREASE = 1e-4;
  private static final int MAX_HALVINGS = 60;
  /**
   * The subproblem tolerance never goes below this fraction of the outer tolerance. The
   * outer check decides convergence; a subproblem solved past it buys nothing. At half of
   * it J5 took 4,452 passes, at the whole 4,095, both in 285 Newton steps.
   */
  private static final double INNER_FLOOR = 1.0;
  /** Far from the optimum the subproblem is solved to this fraction of the violation. */
  private static final double INNER_FORCING = 0.3;
  /**
   * A Newton step that leaves more than this fraction of the violation has stalled; each
   * such step shrinks the subproblem's floor by {@link #STALLED_FLOOR_SHRINK}, down to
   * {@link #SMALLEST_FLOOR_SCALE} of the tolerance. The subproblem's sweeps stop when no
   * coordinate moves by more than the floor, each judged when it moves; the moves after it
   * can push it back. On columns in near-duplicate pairs each twin undid the other's last
   * move: the subproblem stopped after one sweep, the loss's violation stayed at 1.04e-8
   * against a tolerance of 1e-8, and the point ended unconverged after 100 Newton steps
   * (NearDuplicateSparseLassoTest). J1, J2 and J5 keep their bits: their steps do not stall.
   */
  private static final double STALLED_STEP = 0.5;
  private static final double STALLED_FLOOR_SHRINK = 0.1;
  private static final double SMALLEST_FLOOR_SCALE = 1e-3;
  /** Near the optimum it is solved to violation^INNER_EXPONENT (superlinear). */
  private static final double INNER_EXPONENT = 1.25;
  /** The subproblem tolerance of the dense model, as a fraction of the violation. */
  private static final double MODEL_FORCING = 1e-3;
  /** The largest dense model: variables = (columns + 1) * blocks. */
  static final int MAX_MODEL_VARIABLES = 1500;
  /** Models up to this many variables are always solved in their own space. */
  private static final int ALWAYS_MODEL_VARIABLES = 200;
  /**
   * The cost of one model entry (a weighted cross product, compute bound in the tiled
   * kernel) relative to one element of a pass over the data (memory bound): measured on
   * the benchmark machine, about a third.
   */
  private static final double ENTRY_COST = 0.35;

  private final FitContext context;
  private final CoordinateDescent coordinateDescent;
  private final MultinomialCoordinateDescent blockDescent;
  private final GramModel model;
  private boolean modelStale = true;
  /**
   * The IRLS curvature floor. It starts at glmnet's 1e-5 and relaxes while full Newton steps
   * are accepted, along the whole path, so that nearly separable fits get their true
   * curvature; a cut step restores it.
   */
  private double floor = ModelState.CURVATURE_FLOOR;
  /** The lambdas a model refreshed in the current solve is expected to serve. */
  private int reuse = 1;
  /**
   * The following lambdas counted as served by a refreshed model: a cached model goes stale
   * as the path moves on, and counting about three of them minimised the time of the
   * benchmark's dense paths (binomial and multinomial), measured on one thread.
   */
  private static final int MODEL_REUSE_LAMBDAS = 3;
  /** How many times the dense model was built (a test seam: the cost model's work). */
  private int refreshes;
  /** How many Newton steps were solved in the model's space (a test seam, as above). */
  private int modelSteps;
  /** The last point where every column's gradient was computed (binomial fits). */
  private final GradientAnchor anchor;
  /** How many excluded columns' checks the anchor settled (a test seam, as above). */
  private long certified;

  ProximalNewton(FitContext context) {
    this.context = context;
    this.coordinateDescent = context.binomial ? new CoordinateDescent(context) : null;
    this.blockDescent = context.binomial ? null : new MultinomialCoordinateDescent(context);
    this.model = new GramModel(context);
    this.anchor = new GradientAnchor(context);
  }

  /**
   * Moves {@code state} to the optimum at {@code penalty.lambda}.
   *
   * @param state the warm start; updated in place
   * @param penalty the penalty at this lambda
   * @param working the strong set to start from, updated with any KKT violators; its
   *     gradients are refreshed at the end for every included column except the excluded
   *     ones the gradient anchor certifies, which keep their gradients at the anchor
   */
  PointResult solve(ModelState state, ScaledPenalty penalty, WorkingSet working,
      SolverControl control) {
    return solve(state, penalty, working, control, true, 0);
  }

  /**
   * As {@link #solve(ModelState, ScaledPenalty, WorkingSet, SolverControl)}; with
   * {@code checkExcluded} false the columns outside the strong set stay fixed (used to fit
   * the unpenalised columns alone).
   *
   * @param followingLambdas how many lambdas of the path come after this one: a model
   *     refreshed now serves them too, which makes a refresh pay sooner
   */
  PointResult solve(ModelState state, ScaledPenalty penalty, WorkingSet working,
      SolverControl control, boolean checkExcluded, int followingLambdas) {
    reuse = 1 + Math.min(followingLambdas, MODEL_REUSE_LAMBDAS);
    double tolerance = control.tolerance();
    int iterations = 0;
    int sweeps = 0;
    // shrinks with each Newton step that fails to halve the violation (see STALLED_STEP)
    double innerFloorScale = 1;
    double violation = kktViolation(state, penalty, working.strongColumns(), working);
    boolean converged = false;
    while (true) {
      if (violation <= tolerance && !checkExcluded) {
        converged = true;
        break;
      }
      if (violation <= tolerance) {
        // the strong set is optimal; check the columns the strong rule left out
        int[] others = working.excludedColumns();
        double outside = excludedViolation(state, penalty, others, working);
        if (outside <= tolerance) {
          violation = Math.max(violation, outside);
          converged = true;
          break;
        }
        working.admitViolators(others, penalty, tolerance);
        violation = Math.max(violation, outside);
        // the admitted columns need their gradients
        violation = Math.max(violation,
            kktViolation(state, penalty, working.strongColumns(), working));
      }
      if (iterations >= control.maxIterations()) {
        break;
      }
      double innerTolerance = Math.max(INNER_FLOOR * tolerance * innerFloorScale,
          Math.min(INNER_FORCING * violation, Math.pow(violation, INNER_EXPONENT)));
      int[] candidates = working.movableColumns(state);
      // in the model's own space a precise solve costs no pass over the data
      boolean inModel = control.space() == SolverControl.SubproblemSpace.BY_COST
          && fitsModel(candidates);
      modelSteps += inModel ? 1 : 0;
      NewtonStep step = inModel
          ? modelStep(state, penalty, working, candidates,
              Math.max(0.1 * tolerance, MODEL_FORCING * violation), control, floor)
          : dataStep(state, penalty, candidates, innerTolerance, control, floor);
      sweeps += step.sweeps();
      double t = lineSearch(state, step, penalty);
      iterations++;
      // relax the IRLS floor while full steps are accepted; restore it when they are not
      floor = t == 1 ? Math.max(floor * 0.01, ModelState.SMALLEST_CURVATURE_FLOOR)
          : ModelState.CURVATURE_FLOOR;
      if (t == 0) {
        // no decrease possible: the point is optimal up to rounding, or the cached model
        // misled the step; a fresh model gets one more chance
        violation = kktViolation(state, penalty, working.strongColumns(), working);
        if (modelStale || !model.hasSnapshot() || violation <= tolerance) {
          break;
        }
        modelStale = true;
        continue;
      }
      double previous = violation;
      violation = kktViolation(state, penalty, working.strongColumns(), working);
      if (violation > STALLED_STEP * previous) {
        innerFloorScale = Math.max(innerFloorScale * STALLED_FLOOR_SHRINK, SMALLEST_FLOOR_SCALE);
      }
      if (t < 1 || refreshPays(previous, violation, tolerance, working)) {
        modelStale = true;
      }
    }
    if (!converged && checkExcluded) {
      violation = Math.max(violation,
          kktViolation(state, penalty, working.excludedColumns(), working));
    }
    converged = violation <= tolerance;
    return new PointResult(penalty.lambda, iterations, sweeps, violation, converged);
  }

  /**
   * Whether rebuilding the cached model is cheaper than the extra iterations its staleness
   * costs: at the contraction the last step showed, reaching the tolerance takes
   * log(tolerance / violation) / log(contraction) more iterations, against about one with
   * fresh curvature, at this lambda and at each following one that reuses the model. An
   * iteration is a pass over the strong columns and the model's columns; a rebuild is
   * rows * (columns)^2 / 2 entries per block pair.
   */
  private boolean refreshPays(double previous, double violation, double tolerance,
      WorkingSet working) {
    if (!model.hasSnapshot() || violation <= tolerance) {
      return false;
    }
    double contraction = violation / previous;
    if (!(contraction < 1)) {
      return true;
    }
    double staleIterations = Math.log(tolerance / violation) / Math.log(contraction);
    double rows = context.rows;
    int blocks = context.blocks;
    int columns = model.columns().length + 1;
    double iteration = rows * blocks * (working.strongColumns().length + columns);
    double rebuild = ENTRY_COST * rows * 0.5 * columns * columns * blocks * (blocks + 1) / 2;
    return reuse * (staleIterations - 1) * iteration > rebuild;
  }

  /**
   * Whether the model over the candidates (and the columns it holds) fits in memory and a
   * sweep over it (variables^2) costs no more than a sweep over their data (their stored
   * entries, per block): on sparse data the data are often the cheaper space.
   */
  private boolean fitsModel(int[] candidates) {
    int columns = 0;
    long entries = 0;
    if (model.hasSnapshot()) {
      for (int j : model.columns()) {
        columns++;
        entries += context.design.columnEntries(j);
      }
    }
    for (int j : candidates) {
      if (!model.hasSnapshot() || !model.contains(j)) {
        columns++;
        entries += context.design.columnEntries(j);
      }
    }
    long variables = (long) (columns + 1) * context.blocks;
    if (variables > MAX_MODEL_VARIABLES) {
      return false;
    }
    // small models, and the grouped penalty, stay in the model's space, where the solver is
    // the more robust; the cost comparison decides only for large sparse models
    return variables <= ALWAYS_MODEL_VARIABLES || context.penalty.grouped()
        || variables * variables <= (entries + context.rows) * context.blocks;
  }

  /** How many Newton steps this solver has taken in the model's space, over all solves. */
  int modelSteps() {
    return modelSteps;
  }

  /** How many times this solver has built its dense model, over all its solves. */
  int refreshes() {
    return refreshes;
  }

  long certifiedChecks() {
    return certified;
  }

  /** A Newton step from the dense model, refreshed when stale. */
  private NewtonStep modelStep(ModelState state, ScaledPenalty penalty, WorkingSet working,
      int[] candidates, double innerTolerance, SolverControl control, double floor) {
    if (modelStale || !model.hasSnapshot()) {
      model.refresh(state, floor, union(model.hasSnapshot() ? model.columns() : new int[0],
          candidates));
      refreshes++;
      modelStale = false;
    } else {
      model.ensure(candidates);
    }
    int blocks = context.blocks;
    int[] columns = model.columns();
    int size = model.size();
    double[] rhs = new double[size];
    double[] current = new double[size];
    double[] l1 = new double[size];
    double[] l2 = new double[size];
    double[] lower = new double[size];
    double[] upper = new double[size];
    double[] scale = new double[size];
    boolean[] penalised = new boolean[size];
    boolean[] frozen = new boolean[size];
    for (int k = 0; k < blocks; k++) {
      int v = model.variable(-1, k);
      rhs[v] = -working.interceptGradient[k];
      current[v] = state.intercept[k];
      lower[v] = Double.NEGATIVE_INFINITY;
      upper[v] = Double.POSITIVE_INFINITY;
      scale[v] = 1;
      frozen[v] = !context.intercept;
      for (int j : columns) {
        v = model.variable(j, k);
        rhs[v] = -working.columnGradient[k][j];
        current[v] = state.coef[k][j];
        l1[v] = penalty.l1[j];
        l2[v] = penalty.l2[j];
        lower[v] = penalty.lower[j];
        upper[v] = penalty.upper[j];
        scale[v] = penalty.scale[j];
        penalised[v] = true;
      }
    }
    int[][] groups = null;
    if (penalty.grouped) {
      groups = new int[columns.length][blocks];
      for (int c = 0; c < columns.length; c++) {
        for (int k = 0; k < blocks; k++) {
          groups[c][k] = model.variable(columns[c], k);
        }
      }
    }
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(model.matrix(), size, rhs,
        current, new ModelSpaceSolver.VariablePenalty(l1, l2, lower, upper, scale, penalised,
            frozen, groups), innerTolerance, control.maxSweeps());
    double[] move = solution.move();
    DesignMatrix x = context.design;
    double[][] changes = new double[blocks][context.columns];
    double[] interceptChange = new double[blocks];
    double[][] etaChange = new double[blocks][context.rows];
    boolean[] changed = new boolean[context.columns];
    double decrease = 0;
    for (int k = 0; k < blocks; k++) {
      int v = model.variable(-1, k);
      interceptChange[k] = move[v];
      decrease -= rhs[v] * move[v];
      Arrays.fill(etaChange[k], move[v]);
    }
    for (int j : columns) {
      boolean any = false;
      for (int k = 0; k < blocks; k++) {
        int v = model.variable(j, k);
        double d = move[v];
        if (d == 0) {
          continue;
        }
        any = true;
        changes[k][j] = d;
        decrease -= rhs[v] * d;
      }
      if (any) {
        changed[j] = true;
        decrease += penalty.columnValue(j, state.coef, changes, 1)
            - penalty.columnValue(j, state.coef, null, 0);
      }
    }
    int[] moved = indices(changed);
    addPredictorChange(moved, changes, etaChange);
    return new NewtonStep(changes, interceptChange, etaChange, decrease, indices(changed),
        solution.sweeps(), solution.converged());
  }

  /** A Newton step by coordinate descent on the data. */
  private NewtonStep dataStep(ModelState state, ScaledPenalty penalty, int[] candidates,
      double innerTolerance, SolverControl control, double floor) {
    if (!context.binomial) {
      return blockDescent.solve(state, penalty, candidates,
          nonZeroInAnyBlock(state.coef, candidates), innerTolerance, control.maxSweeps(),
          floor);
    }
    QuadraticStep step = coordinateDescent.solve(negate(state.etaGradient(0)),
        state.curvature(0, floor), state.coef[0], penalty, candidates,
        nonZeroInAnyBlock(state.coef, candidates), innerTolerance, control.maxSweeps());
    double[][] changes = new double[1][context.columns];
    int[] columns = step.changedColumns();
    for (int c = 0; c < columns.length; c++) {
      changes[0][columns[c]] = step.changes()[c];
    }
    return new NewtonStep(changes, new double[] {step.interceptChange()},
        new double[][] {step.etaChange()}, step.modelDecrease(), columns, step.sweeps(),
        step.converged());
  }

  /**
   * Backtracks along the step until the penalised objective decreases by at least
   * SUFFICIENT_DECREASE times the predicted decrease; applies the accepted step.
   *
   * @return the accepted step length, 0 when no step was taken
   */
  double lineSearch(ModelState state, NewtonStep step, ScaledPenalty penalty) {
    double predicted = step.modelDecrease();
    if (!(predicted < 0)) {
      return 0;
    }
    double[][] changes = step.changes();
    int[] columns = step.changedColumns();
    double t = 1.0;
    for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
      if (applyIfChangeAtMost(state, changes, columns, step.interceptChange(),
          step.etaChange(), t, SUFFICIENT_DECREASE * t * predicted, penalty)) {
        return t;
      }
      t *= 0.5;
    }
    return 0;
  }

  /**
   * Moves the state by t times the given changes when the penalised objective changes by at
   * most {@code limit} (negative: a decrease) on the way.
   *
   * @return whether the state moved
   */
  private boolean applyIfChangeAtMost(ModelState state, double[][] changes, int[] columns,
      double[] interceptChange, double[][] etaChange, double t, double limit,
      ScaledPenalty penalty) {
    double penaltyChange = 0;
    for (int j : columns) {
      penaltyChange += penalty.columnValue(j, state.coef, changes, t)
          - penalty.columnValue(j, state.coef, null, 0);
    }
    // the cheap bound settles most steps; the exact change is needed only near the edge
    if (state.lossChangeBound(etaChange, t) + penaltyChange <= limit
        || state.lossChangeAllBlocks(etaChange, t) + penaltyChange <= limit) {
      apply(state, changes, columns, interceptChange, etaChange, t);
      return true;
    }
    return false;
  }

  /** Moves the state by t times the given changes. */
  private void apply(ModelState state, double[][] changes, int[] columns,
      double[] interceptChange, double[][] etaChanges, double t) {
    for (int k = 0; k < context.blocks; k++) {
      for (int j : columns) {
        // a full step lands exactly on the target (exact zeros stay exact)
        state.coef[k][j] += t * changes[k][j];
      }
      state.intercept[k] += t * interceptChange[k];
      double[] eta = state.eta[k];
      double[] etaChange = etaChanges[k];
      context.parallel.forEachPiece(eta.length, Parallelism.ROW_CHUNK, eta.length,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              eta[i] += t * etaChange[i];
            }
          });
    }
    state.refreshProbabilities();
  }

  /**
   * Moves the state to the target coefficients and intercepts when that lowers the
   * penalised objective at this lambda, and otherwise leaves it as it is: a candidate start
   * (the path's prediction) is taken only if it is better than the warm start.
   *
   * @return whether the state moved
   */
  boolean moveIfLower(ModelState state, double[][] target, double[] targetIntercept,
      ScaledPenalty penalty) {
    int blocks = context.blocks;
    double[][] changes = new double[blocks][context.columns];
    boolean[] changed = new boolean[context.columns];
    double[] interceptChange = new double[blocks];
    double[][] etaChange = new double[blocks][context.rows];
    boolean any = false;
    for (int k = 0; k < blocks; k++) {
      interceptChange[k] = targetIntercept[k] - state.intercept[k];
      any |= interceptChange[k] != 0;
      Arrays.fill(etaChange[k], interceptChange[k]);
      for (int j = 0; j < context.columns; j++) {
        double d = target[k][j] - state.coef[k][j];
        if (d != 0) {
          changes[k][j] = d;
          changed[j] = true;
        }
      }
    }
    int[] moved = indices(changed);
    if (moved.length == 0 && !any) {
      return false;
    }
    addPredictorChange(moved, changes, etaChange);
    // strictly lower: the largest double below zero is -MIN_VALUE
    return applyIfChangeAtMost(state, changes, moved, interceptChange, etaChange, 1,
        -Double.MIN_VALUE, penalty);
  }

  /**
   * The largest KKT violation over the given columns (and the intercepts), on the
   * standardised scale; records each column's gradient, violation and gradient norm in the
   * working set.
   */
  double kktViolation(ModelState state, ScaledPenalty penalty, int[] columns,
      WorkingSet working) {
    double violation = 0;
    int blocks = context.blocks;
    double[][] gradients = new double[blocks][];
    double[] totals = new double[blocks];
    for (int block = 0; block < blocks; block++) {
      double[] gradient = state.etaGradient(block);
      gradients[block] = gradient;
      totals[block] = context.parallel.sumRows(context.rows, 1,
          (from, to) -> Numerics.sum(gradient, from, to));
      working.interceptGradient[block] = totals[block];
      if (context.intercept) {
        violation = Math.max(violation, Math.abs(totals[block]));
      }
    }
    // columns in pieces; each column's numbers are the same whoever computes them
    int pieces = (columns.length + COLUMN_PIECE - 1) / COLUMN_PIECE;
    double[] pieceViolation = new double[Math.max(pieces, 1)];
    long work = (long) columns.length * blocks * Math.max(1,
        context.design.storedEntries() / Math.max(1, context.columns));
    context.parallel.forEachPiece(columns.length, COLUMN_PIECE, work, (from, to) ->
        pieceViolation[from / COLUMN_PIECE] = kktColumns(state, penalty, columns, from, to,
            gradients, totals, working));
    for (double v : pieceViolation) {
      violation = Math.max(violation, v);
    }
    return violation;
  }

  /**
   * The KKT violation of the columns the strong rule left out, at a point where the strong
   * columns' gradients are current. Those the anchor certifies cost no pass; when more than
   * half would still need one, all are computed and the point becomes the anchor.
   */
  private double excludedViolation(ModelState state, ScaledPenalty penalty, int[] others,
      WorkingSet working) {
    int[] uncertified = anchor.uncertified(state, penalty, others, working);
    if (uncertified != null && 2 * uncertified.length <= others.length) {
      certified += others.length - uncertified.length;
      // with none left, a pass would only recompute the intercepts' gradients, which the
      // strong set's check has just computed at this point
      return uncertified.length == 0 ? 0
          : kktViolation(state, penalty, uncertified, working);
    }
    double violation = kktViolation(state, penalty, others, working);
    anchor.reset(state, working);
    return violation;
  }

  /** Columns per piece of the parallel KKT pass. */
  private static final int COLUMN_PIECE = 8;

  private double kktColumns(ModelState state, ScaledPenalty penalty, int[] columns, int from,
      int to, double[][] gradients, double[] totals, WorkingSet working) {
    DesignMatrix x = context.design;
    Standardization standardization = context.standardization;
    int blocks = context.blocks;
    double violation = 0;
    double[] dots = new double[blocks];
    double[] raws = new double[blocks];
    double[] group = new double[blocks];
    for (int c = from; c < to; c++) {
      int j = columns[c];
      x.dotMany(j, gradients, dots);
      double centre = standardization.centre(j);
      double scale = standardization.scale(j);
      if (penalty.grouped) {
        double squares = 0;
        for (int block = 0; block < blocks; block++) {
          working.columnGradient[block][j] = dots[block];
          raws[block] = dots[block] - centre * totals[block];
          group[block] = state.coef[block][j];
          squares += (raws[block] / scale) * (raws[block] / scale);
        }
        double columnViolation = penalty.groupViolation(j, raws, group);
        violation = Math.max(violation, columnViolation);
        working.violation[j] = columnViolation;
        working.gradientNorm[j] = Math.sqrt(squares);
        continue;
      }
      double columnViolation = 0;
      double norm = 0;
      for (int block = 0; block < blocks; block++) {
        working.columnGradient[block][j] = dots[block];
        double raw = dots[block] - centre * totals[block];
        columnViolation = Math.max(columnViolation,
            penalty.violation(j, raw, state.coef[block][j]));
        norm = Math.max(norm, Math.abs(raw) / scale);
      }
      working.violation[j] = columnViolation;
      working.gradientNorm[j] = norm;
      violation = Math.max(violation, columnViolation);
    }
    return violation;
  }


  /**
   * etaChange[k] += sum over the moved columns of changes[k][j] x_j, by row ranges (each
   * row sums its columns in the same order whoever computes it), or for many sparse columns
   * by two runs of columns of equal entries ({@link ColumnRuns#addInTwoRuns}).
   */
  private void addPredictorChange(int[] moved, double[][] changes, double[][] etaChange) {
    int blocks = context.blocks;
    DesignMatrix x = context.design;
    if (x instanceof SparseDesignMatrix
        && moved.length >= CoordinateDescent.TWO_BLOCK_MINIMUM) {
      ColumnRuns.addInTwoRuns(x, context.parallel, moved, moved.length, 0,
          (k, m) -> changes[k][moved[m]], etaChange, new double[blocks][context.rows]);
      return;
    }
    long work = (long) moved.length * blocks * Math.max(1,
        x.storedEntries() / Math.max(1, context.columns));
    context.parallel.forEachPiece(context.rows, Parallelism.ROW_CHUNK, work, (from, to) -> {
      double[] scales = new double[blocks];
      for (int j : moved) {
        for (int k = 0; k < blocks; k++) {
          scales[k] = changes[k][j];
        }
        x.addScaledMany(j, scales, etaChange, from, to);
      }
    });
  }

  private static int[] union(int[] a, int[] b) {
    boolean[] seen = new boolean[0];
    int max = 0;
    for (int j : a) {
      max = Math.max(max, j + 1);
    }
    for (int j : b) {
      max = Math.max(max, j + 1);
    }
    seen = new boolean[max];
    int[] out = new int[a.length + b.length];
    int count = 0;
    for (int j : a) {
      if (!seen[j]) {
        seen[j] = true;
        out[count++] = j;
      }
    }
    for (int j : b) {
      if (!seen[j]) {
        seen[j] = true;
        out[count++] = j;
      }
    }
    return Arrays.copyOf(out, count);
  }

  private static int[] indices(boolean[] flags) {
    int count = 0;
    for (boolean f : flags) {
      if (f) {
        count++;
      }
    }
    int[] out = new int[count];
    for (int j = 0, c = 0; j < flags.length; j++) {
      if (flags[j]) {
        out[c++] = j;
      }
    }
    return out;
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  private static int[] nonZeroInAnyBlock(double[][] coef, int[] candidates) {
    int[] out = new int[candidates.length];
    int count = 0;
    for (int j : candidates) {
      for (double[] row : coef) {
        if (row[j] != 0) {
          out[count++] = j;
          break;
        }
      }
    }
    return Arrays.copyOf(out, count);
  }
}
