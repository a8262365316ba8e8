package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * Cyclic coordinate descent on one block's penalised weighted least-squares problem
 *
 * <pre>
 *   minimise over d, d0:  -sum_i g_i e_i + 1/2 sum_i q_i e_i^2 + sum_j P_j(b_j + d_j),
 *   e_i = d0 + sum_j x_ij d_j,
 * </pre>
 *
 * <p>the quadratic model of the loss at the current point (g the negative gradient with
 * respect to eta, q the IRLS curvature). The intercept is never penalised, so it is
 * profiled out exactly: each column is centred on its q-weighted mean, which keeps the
 * weighted residual summing to zero and lets a column update leave the intercept optimal.
 * The centring is implicit (a scalar shift of the residual), so sparse columns stay sparse.
 *
 * <p>Active-set strategy (Friedman, Hastie and Tibshirani 2010): a sweep over all candidate
 * columns, then sweeps over the active columns until they settle, then a full sweep again
 * as the check; stop when a full sweep moves nothing by more than the tolerance. When the
 * sweeps crawl (ill-conditioned problems, such as the near-interpolating end of a sparse
 * path), a small active set is solved exactly on its support, and a large one takes
 * conjugate-gradient steps there or an extrapolation of the last sweeps; each such move is
 * kept only if it lowers the model. Should a large set still crawl for long, it is solved
 * exactly after all.
 *
 * <p>One instance holds per-fit scratch space. It must not be shared between threads.
 */
final class CoordinateDescent {

  private final DesignMatrix x;
  private final int rows;
  private final boolean intercept;
  private final Parallelism parallel;

  /** The residual and its scalars, which the sweeps update (see {@link Lane}). */
  private final Lane main;
  /** The second block's lane of a two-block sweep, and the residual both start from. */
  private Lane second;
  private double[] sweepStart;
  private final double[] delta;
  private final double[] columnWeightedSum;
  private final double[] columnCurvature;
  private final ActiveColumns activeSet;
  /** Row scratch of the support steps' moves, allocated on first use. */
  private double[] changeScratch;
  /** The preconditioner's weighted predictions, one row vector per block. */
  private double[][] blockPredictions;
  /** The second block's sums of {@link #addColumns}, allocated on first use. */
  private double[] blockSum;

  // per-solve values, set by solve()
  private double totalCurvature;

  /**
   * What a run of coordinate updates changes besides the coefficients: the weighted
   * residual g - q e of the model (less the implicit centring shift times q), the shift, the
   * profiled intercept's change, and how many coefficients became zero or left zero.
   */
  private static final class Lane {
    final double[] residual;
    double shift;
    double interceptChange;
    int supportChanges;

    Lane(int rows) {
      this.residual = new double[rows];
    }
  }

  /**
   * Which accelerations of the sweeps run. The fit runs them all; the tests switch them so
   * that each meets small problems, where the default would solve exactly instead.
   *
   * @param exactLimit the largest active set solved exactly ({@link #reducedSolve})
   * @param supportSteps conjugate-gradient steps on larger active sets
   * @param extrapolation Anderson extrapolation of the sweeps on larger active sets
   * @param twoBlockMinimum the smallest active set of a sparse design whose active sweeps
   *     run as two blocks ({@link #twoBlockSweep})
   */
  record Accelerations(int exactLimit, boolean supportSteps, boolean extrapolation,
      int twoBlockMinimum) {
    static final Accelerations ALL = new Accelerations(MAX_REDUCED, true, true,
        TWO_BLOCK_MINIMUM);

    /** Sweeps in one block always. */
    Accelerations(int exactLimit, boolean supportSteps, boolean extrapolation) {
      this(exactLimit, supportSteps, extrapolation, Integer.MAX_VALUE);
    }
  }

  private final Accelerations accelerations;

  CoordinateDescent(FitContext context) {
    this(context, Accelerations.ALL);
  }

  CoordinateDescent(FitContext context, Accelerations accelerations) {
    this.accelerations = accelerations;
    this.x = context.design;
    this.rows = context.rows;
    this.intercept = context.intercept;
    this.parallel = context.parallel;
    this.main = new Lane(rows);
    this.delta = new double[context.columns];
    this.columnWeightedSum = new double[context.columns];
    this.columnCurvature = new double[context.columns];
    this.activeSet = new ActiveColumns(context.columns);
  }

  /**
   * @param g negative gradient of the loss in eta, w_i (y_i - p_i)
   * @param q IRLS curvature, w_i p_i (1 - p_i) floored
   * @param coef the block's current coefficients (read only)
   * @param penalty the penalty at this lambda
   * @param candidates the columns allowed to move (the strong set)
   * @param initialActive columns to sweep first (non-zero coefficients), a subset of
   *     candidates
   * @param tolerance stop when no coordinate's violation, (curvature + l2)|move| on the
   *     standardised scale, exceeds this in a full sweep
   * @param maxSweeps the sweep budget
   */
  QuadraticStep solve(double[] g, double[] q, double[] coef, ScaledPenalty penalty,
      int[] candidates, int[] initialActive, double tolerance, int maxSweeps) {
    totalCurvature = Numerics.sum(q, rows);
    columnCurvatures(candidates, q);
    main.shift = 0;
    main.interceptChange = 0;
    System.arraycopy(g, 0, main.residual, 0, rows);
    if (intercept) {
      main.interceptChange = Numerics.sum(g, rows) / totalCurvature;
      for (int i = 0; i < rows; i++) {
        main.residual[i] -= q[i] * main.interceptChange;
      }
    }
    activeSet.start(initialActive);

    int sweeps = 0;
    int lastResortSweeps = 0;
    boolean twoBlocks = x instanceof SparseDesignMatrix;
    int twoBlockSweeps = 0;
    boolean converged = false;
    while (sweeps < maxSweeps) {
      double violation = fullSweep(candidates, twoBlocks, q, coef, penalty);
      sweeps++;
      if (violation <= tolerance) {
        converged = true;
        break;
      }
      int[] active = activeSet.columns();
      int activeCount = activeSet.count();
      // the two blocks, cut once for the phase's fixed active set
      long blockWork = 0;
      int[] blockStarts = null;
      int phaseSweeps = 0;
      double previousViolation = Double.NaN;
      int exactLimit = accelerations.exactLimit();
      Extrapolation extrapolation = activeCount > exactLimit && accelerations.extrapolation()
          ? new Extrapolation(active, activeCount) : null;
      while (sweeps < maxSweeps) {
        double activeViolation = 0;
        boolean blocksStalled = false;
        main.supportChanges = 0;
        if (twoBlocks && activeCount >= accelerations.twoBlockMinimum()) {
          if (blockStarts == null) {
            blockWork = ColumnRuns.cost(x, active, activeCount, COLUMN_COST);
            blockStarts = ColumnRuns.runs(x, active, activeCount, 2, COLUMN_COST,
                blockWork);
          }
          activeViolation = twoBlockSweep(active, blockStarts, blockWork, q, coef, penalty);
          // a stall of the blocks, unless the sweep is the first after a jump or changed
          // the support: either can raise the largest move without any coupling
          blocksStalled = activeViolation >= previousViolation && phaseSweeps > 0
              && main.supportChanges == 0;
          twoBlocks = ++twoBlockSweeps < MAX_TWO_BLOCK_SWEEPS;
        } else {
          for (int a = 0; a < activeCount; a++) {
            activeViolation = Math.max(activeViolation,
                update(main, active[a], q, coef, penalty));
          }
        }
        sweeps++;
        phaseSweeps++;
        if (activeViolation <= tolerance) {
          break;
        }
        if (activeCount <= exactLimit && exactSolvePays(phaseSweeps, previousViolation,
            activeViolation, tolerance, activeCount / 4.0)) {
          reducedSolve(active, activeCount, q, coef, penalty);
          phaseSweeps = 0;
        } else if (activeCount > exactLimit && accelerations.supportSteps()
            && main.supportChanges == 0
            && exactSolvePays(phaseSweeps, previousViolation, activeViolation, tolerance,
                SUPPORT_STEP_PARITY)) {
          int cgSweeps = supportStep(active, activeCount, q, coef, penalty, tolerance);
          sweeps += cgSweeps;
          phaseSweeps = 0;
        } else if (activeCount > exactLimit && activeCount <= MAX_LAST_RESORT
            && accelerations.supportSteps() && accelerations.extrapolation()
            && sweeps - lastResortSweeps >= lastResortAfter(activeCount)) {
          // the fit's large-set accelerations have crawled (support steps that run into
          // limits on collinear columns are all rejected) for twice what the exact solve,
          // whose active-set stages respect the limits, would cost: solve exactly after all
          reducedSolve(active, activeCount, q, coef, penalty);
          sweeps += (activeCount + 1) / 2;
          lastResortSweeps = sweeps;
          phaseSweeps = 0;
        }
        // block Jacobi can stall where the blocks are strongly coupled; plain sweeps, which
        // always descend, then take over for the rest of the solve. A sweep that did not
        // contract but led to an exact solve or a support step is no such stall: the sweeps
        // start afresh from the jump. (On J5, when every sweep that did not contract handed
        // over, 138 sweeps of 1,000 or more columns a path ran on one thread; now 34 do,
        // after the cap)
        if (blocksStalled && phaseSweeps > 0) {
          twoBlocks = false;
        }
        if (extrapolation != null && extrapolation.record(coef, delta)) {
          tryExtrapolation(extrapolation, q, coef, penalty);
        }
        previousViolation = activeViolation;
      }
    }

    // collect the moves, the predictor change and the predicted decrease
    int[] finalActive = activeSet.finish();
    int changedCount = 0;
    for (int j : finalActive) {
      if (delta[j] != 0) {
        changedCount++;
      }
    }
    int[] changedColumns = new int[changedCount];
    double[] changes = new double[changedCount];
    double penaltyChange = 0;
    int c = 0;
    for (int j : finalActive) {
      double d = delta[j];
      if (d != 0) {
        changedColumns[c] = j;
        changes[c] = d;
        c++;
        penaltyChange += penalty.value(j, coef[j] + d) - penalty.value(j, coef[j]);
      }
      delta[j] = 0;
    }
    double[] etaChange = predictorChange(changedColumns, changes, main.interceptChange);
    double gradientTerm = -Numerics.dot(g, etaChange, rows);
    return new QuadraticStep(changedColumns, changes, main.interceptChange, etaChange,
        gradientTerm + penaltyChange, finalActive, sweeps, converged);
  }

  /**
   * A sweep over every candidate; the columns it moves join the active set. Once nearly
   * every candidate is active (the warm solves of a large sparse path), it runs in two
   * blocks like the active sweeps ({@link #twoBlockSweep}): on J5 the full sweeps hold
   * about 8,400 candidates, of which about 40 are not active, and in two blocks they took
   * 242 ms of a path instead of 353. From a cold start, where most candidates are not
   * active yet, it stays in one block (see {@link #TWO_BLOCK_MINIMUM}).
   *
   * @param twoBlocks whether the solve's sweeps still run in two blocks
   * @return the largest violation met
   */
  private double fullSweep(int[] candidates, boolean twoBlocks, double[] q, double[] coef,
      ScaledPenalty penalty) {
    if (twoBlocks && candidates.length >= accelerations.twoBlockMinimum()
        && mostlyActive(candidates)) {
      long work = ColumnRuns.cost(x, candidates, candidates.length, COLUMN_COST);
      int[] starts = ColumnRuns.runs(x, candidates, candidates.length, 2, COLUMN_COST, work);
      double violation = twoBlockSweep(candidates, starts, work, q, coef, penalty);
      // a column that moves from zero stays non-zero within one sweep
      for (int j : candidates) {
        if (coef[j] + delta[j] != 0) {
          activeSet.add(j);
        }
      }
      return violation;
    }
    double violation = 0;
    for (int j : candidates) {
      double v = update(main, j, q, coef, penalty);
      if (v > 0) {
        activeSet.add(j);
      }
      violation = Math.max(violation, v);
    }
    return violation;
  }

  /** Whether at most a tenth of the candidates are outside the active set. */
  private boolean mostlyActive(int[] candidates) {
    int outside = 0;
    for (int j : candidates) {
      if (!activeSet.contains(j)) {
        outside++;
      }
    }
    return outside * 10 <= candidates.length;
  }

  /** interceptChange + sum over the columns of changes x_j ({@link #addColumns}). */
  private double[] predictorChange(int[] columns, double[] changes, double interceptChange) {
    double[] etaChange = new double[rows];
    addColumns(columns, changes, columns.length, interceptChange, etaChange);
    return etaChange;
  }

  /**
   * out = base + sum over the first count columns of scales x_j. Many columns are cut into
   * two runs of about equal cost, each summed into its own rows on its own thread, and the
   * second run's sums are then added: the runs depend only on the data, so the sums are the
   * same for any thread count. (By row ranges instead, each piece would search every
   * column for its first row.)
   */
  private void addColumns(int[] columns, double[] scales, int count, double base,
      double[] out) {
    Arrays.fill(out, base);
    if (count < accelerations.twoBlockMinimum()) {
      for (int c = 0; c < count; c++) {
        x.addScaled(columns[c], scales[c], out);
      }
      return;
    }
    if (blockSum == null) {
      blockSum = new double[rows];
    }
    ColumnRuns.addInTwoRuns(x, parallel, columns, count, COLUMN_COST,
        (block, c) -> scales[c], new double[][] {out}, new double[][] {blockSum});
  }

  /**
   * Whether to stop sweeping and solve the active subproblem exactly: when, at the rate the
   * last two sweeps show, reaching the tolerance would take more sweeps than the exact
   * solve costs (its Hessian, in sweeps, is {@code parity}).
   */
  static boolean exactSolvePays(int phaseSweeps, double previous, double current,
      double tolerance, double parity) {
    if (phaseSweeps < 2 || !(previous > 0)) {
      return false;
    }
    double rate = current / previous;
    if (rate >= 1) {
      return true;
    }
    double remaining = Math.log(tolerance / current) / Math.log(rate);
    return remaining > Math.max(parity, 1);
  }

  /**
   * The sweeps after which an active set above the exact limit is solved exactly anyway:
   * at least {@link #LAST_RESORT_SWEEPS}, and twice the passes its curvature matrix takes
   * (one for every two columns), so that the exact solve adds at most half to the work
   * already spent.
   */
  private static int lastResortAfter(int activeCount) {
    return Math.max(LAST_RESORT_SWEEPS, activeCount);
  }

  /** The fewest sweeps of crawling before the last-resort exact solve. */
  static final int LAST_RESORT_SWEEPS = 1000;

  /** The largest active set given the last-resort exact solve (a 32 MB matrix). */
  private static final int MAX_LAST_RESORT = 2000;

  /** The largest active set that is solved exactly by a Cholesky step. */
  static final int MAX_REDUCED = 400;

  /**
   * Solves the model exactly over the intercept and the non-zero active coefficients, signs
   * held fixed (see {@link ReducedNewtonStep}), and moves there, stopping where the first
   * coefficient reaches zero.
   */
  private void reducedSolve(int[] active, int activeCount, double[] q, double[] coef,
      ScaledPenalty penalty) {
    int[] variables = new int[activeCount];
    int count = 0;
    for (int a = 0; a < activeCount; a++) {
      int j = active[a];
      if (coef[j] + delta[j] != 0) {
        variables[count++] = j;
      }
    }
    int offset = intercept ? 1 : 0;
    int d = count + offset;
    if (d == 0) {
      return;
    }
    double[][] hessian = new double[d][d];
    double[] rhs = new double[d];
    double[] current = new double[d];
    boolean[] signFixed = new boolean[d];
    double[] lower = new double[d];
    double[] upper = new double[d];
    if (intercept) {
      hessian[0][0] = totalCurvature;
      rhs[0] = 0; // the profiled intercept keeps the residual summing to zero
      lower[0] = Double.NEGATIVE_INFINITY;
      upper[0] = Double.POSITIVE_INFINITY;
    }
    for (int c = 0; c < count; c++) {
      int j = variables[c];
      int s = c + offset;
      double value = coef[j] + delta[j];
      current[s] = value;
      signFixed[s] = true;
      lower[s] = penalty.lower[j];
      upper[s] = penalty.upper[j];
      double gradient = x.dot(j, main.residual) + main.shift * columnWeightedSum[j];
      rhs[s] = gradient - penalty.l1[j] * Math.signum(value) - penalty.l2[j] * value;
      if (intercept) {
        hessian[s][0] = columnWeightedSum[j];
        hessian[0][s] = columnWeightedSum[j];
      }
      for (int e = 0; e <= c; e++) {
        double h = x.weightedCrossProduct(j, variables[e], q);
        hessian[s][e + offset] = h;
        hessian[e + offset][s] = h;
      }
      hessian[s][s] += penalty.l2[j];
    }
    ReducedNewtonStep step = ReducedNewtonStep.solve(hessian, rhs, current, signFixed, lower,
        upper);
    if (step == null) {
      return;
    }
    double[] target = step.target();
    double[] change = new double[rows];
    // the intercept's variable starts at zero: its target is its move
    double interceptMove = intercept ? target[0] : 0;
    java.util.Arrays.fill(change, interceptMove);
    for (int c = 0; c < count; c++) {
      int j = variables[c];
      int s = c + offset;
      delta[j] = target[s] - coef[j];
      x.addScaled(j, target[s] - current[s], change);
    }
    main.interceptChange += interceptMove;
    for (int i = 0; i < rows; i++) {
      main.residual[i] -= q[i] * change[i];
    }
  }

  /**
   * Moves the active coefficients to the Anderson extrapolation of the last sweeps when that
   * lowers the penalised model (Bertrand and Massias 2021): on ill-conditioned problems,
   * where cyclic sweeps crawl along a few slow directions, the extrapolation jumps along
   * them. The intercept is re-profiled; a rejected point changes nothing.
   */
  private void tryExtrapolation(Extrapolation extrapolation, double[] q, double[] coef,
      ScaledPenalty penalty) {
    double[] target = extrapolation.target();
    if (target == null) {
      return;
    }
    moveIfLower(extrapolation.columns, target, q, coef, penalty);
  }

  /**
   * Moves the given columns' coefficients to {@code target} (clamped to their limits, and
   * the intercept re-profiled) when that lowers the penalised model; otherwise changes
   * nothing.
   *
   * @return whether the move was taken
   */
  private boolean moveIfLower(int[] columns, double[] target, double[] q, double[] coef,
      ScaledPenalty penalty) {
    double penaltyChange = 0;
    int[] moved = new int[columns.length];
    double[] moves = new double[columns.length];
    int count = 0;
    for (int a = 0; a < columns.length; a++) {
      int j = columns[a];
      double current = coef[j] + delta[j];
      double updated = Math.min(Math.max(target[a], penalty.lower[j]), penalty.upper[j]);
      target[a] = updated;
      if (updated != current) {
        moved[count] = j;
        moves[count] = updated - current;
        count++;
        penaltyChange += penalty.value(j, updated) - penalty.value(j, current);
      }
    }
    if (changeScratch == null) {
      changeScratch = new double[rows];
    }
    double[] change = changeScratch;
    addColumns(moved, moves, count, 0.0, change);
    // the true residual is residual + shift * q; re-profile the intercept over the change
    double interceptMove = 0;
    if (intercept) {
      double weighted = 0;
      for (int i = 0; i < rows; i++) {
        weighted += q[i] * change[i];
      }
      interceptMove = -weighted / totalCurvature;
    }
    double modelChange = penaltyChange;
    for (int i = 0; i < rows; i++) {
      double e = change[i] + interceptMove;
      modelChange += e * (0.5 * q[i] * e - (main.residual[i] + main.shift * q[i]));
    }
    // no move at all changes the model by exactly zero, and is not taken either
    if (!(modelChange < 0)) {
      return false;
    }
    for (int i = 0; i < rows; i++) {
      main.residual[i] += main.shift * q[i] - q[i] * (change[i] + interceptMove);
    }
    main.shift = 0;
    main.interceptChange += interceptMove;
    for (int a = 0; a < columns.length; a++) {
      int j = columns[a];
      delta[j] = target[a] - coef[j];
    }
    return true;
  }

  /**
   * Below this many predicted sweeps to the tolerance, a support step does not pay: it
   * costs about one sweep per conjugate-gradient iteration (a sweep in two blocks, on two
   * threads, and a gather). With the Gauss-Seidel preconditioner 5 and 20 took J5 no
   * faster.
   */
  private static final double SUPPORT_STEP_PARITY = 10;
  /** The most conjugate-gradient iterations of one support step. */
  private static final int SUPPORT_STEP_ITERATIONS = 50;

  /**
   * A step on the support, for active sets too large for the exact solve: with the non-zero
   * coefficients' signs held, the model is a smooth quadratic there, and preconditioned
   * conjugate gradients (block Gauss-Seidel, see {@link #precondition}) cross its slow
   * directions in far fewer passes over the data than cyclic sweeps. Coefficients that
   * would change sign stop at zero; the move is taken only if it lowers the penalised
   * model, so the sweeps that follow keep their guarantees.
   *
   * @return the passes over the support's data spent, in sweeps
   */
  private int supportStep(int[] active, int activeCount, double[] q, double[] coef,
      ScaledPenalty penalty, double tolerance) {
    int[] support = new int[activeCount];
    int size = 0;
    for (int a = 0; a < activeCount; a++) {
      int j = active[a];
      double value = coef[j] + delta[j];
      if (value != 0 && value > penalty.lower[j] && value < penalty.upper[j]) {
        support[size++] = j;
      }
    }
    if (size == 0) {
      return 0;
    }
    support = Arrays.copyOf(support, size);
    double[] start = new double[size];
    double[] gradient = new double[size];
    double[] diagonal = new double[size];
    int[] columns = support;
    parallel.forEachPiece(size, SUPPORT_PIECE, storedEntries(support), (from, to) -> {
      for (int s = from; s < to; s++) {
        int j = columns[s];
        start[s] = coef[j] + delta[j];
        gradient[s] = x.dot(j, main.residual) + main.shift * columnWeightedSum[j]
            - penalty.l1[j] * Math.signum(start[s]) - penalty.l2[j] * start[s];
        diagonal[s] = columnCurvature[j] + penalty.l2[j];
      }
    });
    // the sweeps that follow finish what is left, and clear single coordinates' remainders
    // in far fewer passes than the conjugate gradients' slow directions
    double[] move = conjugateGradients(support, gradient, diagonal, q, penalty, tolerance);
    int passes = (int) move[size];
    move = Arrays.copyOf(move, size);
    // first with the sign changes cut to zero; if that does not lower the model, on a large
    // support the step again with the crossing coefficients held at zero, then the segment
    // up to the first sign change (on which the model is convex and falling)
    double[] projected = new double[size];
    double firstCrossing = 1;
    for (int s = 0; s < size; s++) {
      double target = start[s] + move[s];
      if (target * start[s] < 0) {
        projected[s] = 0;
        firstCrossing = Math.min(firstCrossing, -start[s] / move[s]);
      } else {
        projected[s] = target;
      }
    }
    if (moveIfLower(support, projected, q, coef, penalty) || firstCrossing >= 1) {
      return passes + 1;
    }
    if (size > SUPPORT_STEP_ITERATIONS) {
      PinnedStep pinned = pinnedStep(support, start, move, gradient, diagonal, q, coef,
          penalty, tolerance);
      passes += pinned.passes();
      if (pinned.taken()) {
        return passes + 1;
      }
    }
    double[] truncated = new double[size];
    for (int s = 0; s < size; s++) {
      double target = start[s] + firstCrossing * move[s];
      truncated[s] = target * start[s] <= 0 ? 0 : target;
    }
    moveIfLower(support, truncated, q, coef, penalty);
    return passes + 2;
  }

  /** Whether a pinned step was taken, and the passes over the data it spent. */
  private record PinnedStep(boolean taken, int passes) {
  }

  /**
   * The support step again when its move, cut at zero, did not lower the model: the
   * coefficients whose move crossed zero are held at zero and the others solved for that,
   * Q_KK d_K = g_K - Q_KC d_C with d_C = -start_C (C the crossing coefficients, K the kept
   * ones), and the result, cut at zero where it crosses, is taken if it lowers the model.
   * On columns in near-duplicate pairs a support step's move sends one twin of many pairs
   * across zero (about 95 of 850 coefficients, the first within 4e-5 of the way), and
   * cutting those without moving their twins back raised the model: without this step the
   * 3,000-row path of 1,500 pairs took 206,757 sweeps and 55 s, with it 54,635 and 7.8 s
   * (NearDuplicateSparseLassoTest: 102,368 sweeps against 52,617). Supports of at most
   * {@link #SUPPORT_STEP_ITERATIONS} columns, whose conjugate gradients keep every direction,
   * leave it to the sweeps: on the six-column examples it cost sweeps (28 against 24).
   */
  private PinnedStep pinnedStep(int[] support, double[] start, double[] move,
      double[] gradient, double[] diagonal, double[] q, double[] coef, ScaledPenalty penalty,
      double tolerance) {
    int size = support.length;
    int keptCount = 0;
    for (int s = 0; s < size; s++) {
      if ((start[s] + move[s]) * start[s] >= 0) {
        keptCount++;
      }
    }
    if (keptCount == 0) {
      return new PinnedStep(false, 0);
    }
    int[] kept = new int[keptCount];
    int[] keptAt = new int[keptCount];
    // q X_C d_C: the held coefficients' move to zero, weighted by the curvature
    double[] pinnedChange = new double[rows];
    double pinnedWeighted = 0;
    int k = 0;
    for (int s = 0; s < size; s++) {
      int j = support[s];
      if ((start[s] + move[s]) * start[s] >= 0) {
        kept[k] = j;
        keptAt[k] = s;
        k++;
      } else {
        x.addScaledWeighted(j, -start[s], q, pinnedChange);
        pinnedWeighted -= start[s] * columnWeightedSum[j];
      }
    }
    double mean = pinnedWeighted / totalCurvature;
    double[] keptGradient = new double[keptCount];
    double[] keptDiagonal = new double[keptCount];
    parallel.forEachPiece(keptCount, SUPPORT_PIECE, storedEntries(kept), (from, to) -> {
      for (int c = from; c < to; c++) {
        int j = kept[c];
        // (Q_KC d_C)_k, centred for the profiled intercept
        double coupling = x.dot(j, pinnedChange)
            - (intercept ? columnWeightedSum[j] * mean : 0);
        keptGradient[c] = gradient[keptAt[c]] - coupling;
        keptDiagonal[c] = diagonal[keptAt[c]];
      }
    });
    double[] keptMove = conjugateGradients(kept, keptGradient, keptDiagonal, q, penalty,
        tolerance);
    int passes = (int) keptMove[keptCount] + 1;
    double[] target = new double[size];
    for (int c = 0; c < keptCount; c++) {
      int s = keptAt[c];
      double value = start[s] + keptMove[c];
      target[s] = value * start[s] < 0 ? 0 : value;
    }
    return new PinnedStep(moveIfLower(support, target, q, coef, penalty), passes + 1);
  }

  /**
   * Flexible conjugate gradients (Notay 2000) for Q d = gradient on the support, Q the
   * model's curvature over the support's columns (centred for the profiled intercept) plus
   * the ridge terms, preconditioned by block Gauss-Seidel ({@link #precondition}). That
   * preconditioner is not symmetric, so each direction is made Q-conjugate to the last
   * ones explicitly ({@link #KEPT_DIRECTIONS}), and each step minimises the model exactly
   * along its direction: the model falls at every step. Stops when every component of the
   * remaining gradient is within {@code target} on the standardised scale.
   *
   * @return d, followed by one more entry: the iterations spent
   */
  private double[] conjugateGradients(int[] support, double[] gradient, double[] diagonal,
      double[] q, ScaledPenalty penalty, double target) {
    int size = support.length;
    long entries = storedEntries(support);
    int[] blocks = ColumnRuns.runs(x, support, size, PRECONDITIONER_BLOCKS, COLUMN_COST,
        entries + (long) COLUMN_COST * size);
    double[] solution = new double[size + 1];
    double[] remaining = gradient.clone();
    // a small support keeps every direction, and so ends within its size, as plain
    // conjugate gradients do
    int kept = size <= SUPPORT_STEP_ITERATIONS ? SUPPORT_STEP_ITERATIONS : KEPT_DIRECTIONS;
    double[][] directions = new double[kept + 1][size];
    double[][] products = new double[kept + 1][size];
    double[] curvatures = new double[kept + 1];
    int iterations = 0;
    while (iterations < SUPPORT_STEP_ITERATIONS) {
      int current = iterations % (kept + 1);
      double[] direction = directions[current];
      double[] product = products[current];
      precondition(support, blocks, entries, remaining, diagonal, q, penalty, direction,
          product);
      for (int back = 1; back <= Math.min(iterations, kept); back++) {
        int old = (iterations - back) % (kept + 1);
        double[] keptDirection = directions[old];
        double[] keptProduct = products[old];
        double beta = Numerics.dot(product, keptDirection, size) / curvatures[old];
        for (int s = 0; s < size; s++) {
          direction[s] -= beta * keptDirection[s];
          product[s] -= beta * keptProduct[s];
        }
      }
      iterations++;
      double curvature = Numerics.dot(direction, product, size);
      if (!(curvature > 0)) {
        break;
      }
      curvatures[current] = curvature;
      double length = Numerics.dot(direction, remaining, size) / curvature;
      double largest = 0;
      for (int s = 0; s < size; s++) {
        solution[s] += length * direction[s];
        remaining[s] -= length * product[s];
        largest = Math.max(largest, Math.abs(remaining[s]) / penalty.scale[support[s]]);
      }
      if (largest <= target) {
        break;
      }
    }
    solution[size] = iterations;
    return solution;
  }

  /**
   * The directions each new one is made conjugate to, on supports larger than
   * {@link #SUPPORT_STEP_ITERATIONS}. On J5 keeping 1 took 3,084 passes and 2.33 s, 2 took
   * 2,901 and 2.21 s, 3 and 5 no fewer passes, and all of them (up to 50) 2,890 passes and
   * 2.48 s. On six collinear columns (the support steps' examples) two kept took 1,059
   * sweeps where Jacobi conjugate gradients had taken 218; with every direction kept, a
   * small support's solve ends within its size, and the examples' bounds hold.
   */
  private static final int KEPT_DIRECTIONS = 2;

  /**
   * z = M^-1 r and qz = Q z, M the block Gauss-Seidel preconditioner: one forward
   * Gauss-Seidel sweep from zero over Q z = r in each block of the support, each block on
   * its own thread, as if the other blocks' coefficients stayed zero. Where plain Jacobi
   * scales each column alone, the sweep takes in the couplings within a block: on J5 the
   * support steps took 2,514 iterations over three paths against 5,208 conjugate-gradient
   * products. A sweep leaves q X z in its rows, so Q z costs one gather, not a product.
   * Which columns form a block, and every sum, are the same for any thread count.
   *
   * @param work the support's stored entries, the pass's work
   */
  private void precondition(int[] support, int[] blocks, long work, double[] r,
      double[] diagonal, double[] q, ScaledPenalty penalty, double[] z, double[] qz) {
    if (blockPredictions == null) {
      blockPredictions = new double[PRECONDITIONER_BLOCKS][rows];
    }
    double[][] predictions = blockPredictions;
    double[] weightedSums = new double[PRECONDITIONER_BLOCKS];
    parallel.forEachPiece(PRECONDITIONER_BLOCKS, 1, work, (from, to) -> {
      for (int block = from; block < to; block++) {
        // q * X z over this block's columns, and its sum for the intercept's centring
        double[] prediction = predictions[block];
        Arrays.fill(prediction, 0.0);
        double weightedSum = 0;
        for (int s = blocks[block]; s < blocks[block + 1]; s++) {
          int j = support[s];
          double centred = intercept ? columnWeightedSum[j] * weightedSum / totalCurvature : 0;
          z[s] = (r[s] - (x.dot(j, prediction) - centred)) / diagonal[s];
          x.addScaledWeighted(j, z[s], q, prediction);
          weightedSum += z[s] * columnWeightedSum[j];
        }
        weightedSums[block] = weightedSum;
      }
    });
    double[] prediction = predictions[0];
    double weightedSum = weightedSums[0];
    for (int block = 1; block < PRECONDITIONER_BLOCKS; block++) {
      double[] other = predictions[block];
      for (int i = 0; i < rows; i++) {
        prediction[i] += other[i];
      }
      weightedSum += weightedSums[block];
    }
    double mean = weightedSum / totalCurvature;
    parallel.forEachPiece(support.length, SUPPORT_PIECE, work, (from, to) -> {
      for (int s = from; s < to; s++) {
        int j = support[s];
        double centred = intercept ? columnWeightedSum[j] * mean : 0;
        qz[s] = x.dot(j, prediction) - centred + penalty.l2[j] * z[s];
      }
    });
  }

  /**
   * The preconditioner's blocks. On J5 two took 2,514 iterations over three paths, one
   * (a plain sweep, on one thread) 1,734, three 4,533 and four 4,938: a block boundary
   * cuts couplings, and with three or more it cut through the popular columns.
   */
  private static final int PRECONDITIONER_BLOCKS = 2;

  /** Columns per piece of the parallel passes over the candidates or the support. */
  private static final int SUPPORT_PIECE = 256;

  /**
   * The last sweeps' active coefficients, and their Anderson extrapolation: the affine
   * combination of the iterates whose successive differences combine to the smallest
   * vector, over windows of {@link #WINDOW} + 1 sweeps.
   */
  private static final class Extrapolation {
    /** The differences used: an extrapolation is tried every WINDOW + 1 sweeps. */
    private static final int WINDOW = 5;
    final int[] columns;
    private final double[][] iterates = new double[WINDOW + 1][];
    private int recorded;

    Extrapolation(int[] active, int activeCount) {
      this.columns = Arrays.copyOf(active, activeCount);
    }

    /** Records the current point; true when the window is full (it then starts over). */
    boolean record(double[] coef, double[] delta) {
      double[] point = iterates[recorded] == null ? new double[columns.length]
          : iterates[recorded];
      for (int a = 0; a < columns.length; a++) {
        point[a] = coef[columns[a]] + delta[columns[a]];
      }
      iterates[recorded++] = point;
      if (recorded == WINDOW + 1) {
        recorded = 0;
        return true;
      }
      return false;
    }

    /** The extrapolated point, or null when the differences are degenerate. */
    double[] target() {
      int m = WINDOW;
      double[][] differences = new double[m][columns.length];
      for (int k = 0; k < m; k++) {
        double[] older = iterates[k];
        double[] newer = iterates[k + 1];
        for (int a = 0; a < columns.length; a++) {
          differences[k][a] = newer[a] - older[a];
        }
      }
      double[][] gram = new double[m][m];
      double largest = 0;
      for (int k = 0; k < m; k++) {
        for (int l = 0; l <= k; l++) {
          double dot = 0;
          for (int a = 0; a < columns.length; a++) {
            dot += differences[k][a] * differences[l][a];
          }
          gram[k][l] = dot;
          gram[l][k] = dot;
        }
        largest = Math.max(largest, gram[k][k]);
      }
      if (!(largest > 0)) {
        return null;
      }
      for (int k = 0; k < m; k++) {
        gram[k][k] += 1e-10 * largest;
      }
      Cholesky factor = Cholesky.factor(gram);
      if (factor == null) {
        return null;
      }
      double[] ones = new double[m];
      Arrays.fill(ones, 1.0);
      double[] weights = factor.solve(ones);
      double total = 0;
      for (double w : weights) {
        total += w;
      }
      if (!(Math.abs(total) > 0) || !Double.isFinite(total)) {
        return null;
      }
      double[] target = new double[columns.length];
      for (int k = 0; k < m; k++) {
        double w = weights[k] / total;
        double[] point = iterates[k + 1];
        for (int a = 0; a < columns.length; a++) {
          target[a] += w * point[a];
        }
      }
      return target;
    }
  }

  /**
   * Every candidate's q-weighted sum and its curvature (centred for the profiled intercept),
   * which the sweeps read; on all threads, each column on its own.
   */
  private void columnCurvatures(int[] candidates, double[] q) {
    long work = 2 * storedEntries(candidates);
    parallel.forEachPiece(candidates.length, SUPPORT_PIECE, work, (from, to) -> {
      for (int c = from; c < to; c++) {
        int j = candidates[c];
        double weightedSum = x.dot(j, q);
        double squares = x.weightedSquares(j, q);
        columnWeightedSum[j] = weightedSum;
        columnCurvature[j] = intercept
            ? Math.max(squares - weightedSum * weightedSum / totalCurvature, 0.0)
            : squares;
      }
    });
  }

  /** The stored entries of the given columns: the work of one pass over them. */
  private long storedEntries(int[] columns) {
    return ColumnRuns.cost(x, columns, columns.length, 0);
  }


  /**
   * One sweep over the active columns as two blocks of about equal cost, each swept on its
   * own copy of the residual, as if the other block had not moved; the moves are then added
   * (block Jacobi, Gauss-Seidel within each block). The blocks share few rows on sparse data,
   * so a sweep does about as much as one in a single block, and the two run on two threads.
   * Which columns form a block, and every sum, are the same for any thread count.
   *
   * @param starts the blocks' first positions in active, then the active count
   *     ({@link ColumnRuns#runs} with {@link #COLUMN_COST})
   * @param work the active columns' cost, the pass's work
   */
  private double twoBlockSweep(int[] active, int[] starts, long work, double[] q,
      double[] coef, ScaledPenalty penalty) {
    if (second == null) {
      second = new Lane(rows);
      sweepStart = new double[rows];
    }
    System.arraycopy(main.residual, 0, sweepStart, 0, rows);
    System.arraycopy(main.residual, 0, second.residual, 0, rows);
    second.shift = main.shift;
    second.interceptChange = main.interceptChange;
    second.supportChanges = 0;
    double startShift = main.shift;
    double startInterceptChange = main.interceptChange;
    double[] violations = new double[2];
    parallel.forEachPiece(2, 1, work, (from, to) -> {
      for (int block = from; block < to; block++) {
        Lane lane = block == 0 ? main : second;
        double violation = 0;
        for (int a = starts[block]; a < starts[block + 1]; a++) {
          violation = Math.max(violation, update(lane, active[a], q, coef, penalty));
        }
        violations[block] = violation;
      }
    });
    double[] secondResidual = second.residual;
    for (int i = 0; i < rows; i++) {
      main.residual[i] += secondResidual[i] - sweepStart[i];
    }
    main.shift += second.shift - startShift;
    main.interceptChange += second.interceptChange - startInterceptChange;
    main.supportChanges += second.supportChanges;
    return Math.max(violations[0], violations[1]);
  }

  /**
   * The smallest active set swept as two blocks. On the sparse benchmark path (J5) the
   * sweeps in two blocks took 7% more passes and 8.5% less time; the threshold barely
   * mattered between 500 and 2,000. Full sweeps stay in one block until nearly every
   * candidate is active: from a cold start, where every column moves at once, the blocks'
   * added moves overshoot on collinear columns, and one such sweep sent the large-set
   * accelerations of a six-column test problem into a crawl (2,013 sweeps against 66).
   */
  static final int TWO_BLOCK_MINIMUM = 1000;

  /**
   * The most two-block sweeps in one solve. Block Jacobi can contract more slowly than
   * plain sweeps where the blocks are correlated, without stalling; after this many the
   * plain sweeps go on. On six weakly correlated columns the cap took a two-block solve
   * from 26 to 21 sweeps (plain sweeps: 17); J5's solves take about 5 to 9 active sweeps,
   * and caps from 8 to 24 changed its sweeps by at most 1%.
   */
  private static final int MAX_TWO_BLOCK_SWEEPS = 10;

  /**
   * The cost of visiting a column, in stored entries, when the two blocks of a sweep or of
   * the preconditioner are balanced: the update's own work, measured on J5, where blocks of
   * equal entries took 0.94 and 1.91 s (the second had the many short columns) and this
   * balanced them to 1.40 and 1.27 s.
   */
  private static final int COLUMN_COST = 32;

  /**
   * One exact coordinate update on the lane's residual; returns its violation on the
   * standardised scale.
   */
  private double update(Lane lane, int j, double[] q, double[] coef, ScaledPenalty penalty) {
    double curvature = columnCurvature[j];
    double weightedSum = columnWeightedSum[j];
    double gradient = x.dot(j, lane.residual) + lane.shift * weightedSum;
    double current = coef[j] + delta[j];
    double updated = Numerics.elasticNetUpdate(curvature * current + gradient, curvature,
        penalty.l1[j], penalty.l2[j], penalty.lower[j], penalty.upper[j]);
    double move = updated - current;
    if (move == 0) {
      return 0;
    }
    if ((current == 0) != (updated == 0)) {
      lane.supportChanges++;
    }
    // set, not add: a coefficient sent to zero must land on exactly zero
    delta[j] = updated - coef[j];
    x.addScaledWeighted(j, -move, q, lane.residual);
    if (intercept) {
      double centre = weightedSum / totalCurvature;
      lane.shift += move * centre;
      lane.interceptChange -= move * centre;
    }
    return (curvature + penalty.l2[j]) * Math.abs(move) / penalty.scale[j];
  }
}
