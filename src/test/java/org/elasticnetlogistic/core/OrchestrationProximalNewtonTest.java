package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The proximal Newton solver at one lambda, called directly on fixed dense problems: its
 * KKT measurement against the independent {@link ReferenceObjective}, the candidate-start
 * test {@code moveIfLower}, the iteration limit, the reported violation of an unfinished
 * solve, and the restricted solve ({@code checkExcluded} false).
 */
class OrchestrationProximalNewtonTest {

  /** Columns with mean about 1 (so that centring matters), K classes from a random model. */
  private static GeneratedProblem problem(int n, int p, int classes, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double[] eta = new double[classes];
      for (int j = 0; j < p; j++) {
        x[i][j] = 1 + random.nextGaussian();
      }
      for (int k = 0; k < classes; k++) {
        eta[k] = (k == 0 ? 1.5 : -0.7 * k) * (x[i][0] - 1) + (k == 1 ? 1.0 : 0.0) * x[i][1];
      }
      double[] prob = Numerics.softmax(eta);
      double u = random.nextDouble();
      int c = 0;
      while (c < classes - 1 && u > prob[c]) {
        u -= prob[c];
        c++;
      }
      y[i] = c;
    }
    for (int k = 0; k < classes; k++) {
      y[k] = k;
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + random.nextDouble();
    }
    return new GeneratedProblem(x, y, w, classes, false);
  }

  private static FitContext context(GeneratedProblem generated, ElasticNetPenalty penalty) {
    return new FitContext(generated.problem(), penalty, true, true);
  }

  /**
   * The state's intercepts from original-scale ones: the stored design may hold its columns
   * shifted (by columnOffset), which the stored intercepts absorb.
   */
  private static double[] storedIntercepts(FitContext context, double[] intercepts,
      double[][] slopes) {
    double[] out = intercepts.clone();
    for (int k = 0; k < out.length; k++) {
      for (int j = 0; j < context.columns; j++) {
        out[k] += slopes[k][j] * context.design.columnOffset(j);
      }
    }
    return out;
  }

  private static ModelState at(FitContext context, double[] intercepts, double[][] slopes) {
    return ModelState.at(context, storedIntercepts(context, intercepts, slopes), slopes);
  }

  private static double objective(ModelState state, ScaledPenalty penalty) {
    double value = state.loss();
    for (int j = 0; j < state.context.columns; j++) {
      value += penalty.columnValue(j, state.coef, null, 0);
    }
    return value;
  }

  private static ModelState copy(ModelState state) {
    return ModelState.at(state.context, state.intercept, state.coef);
  }

  /** The optimum at lambda, from the null model with every column in the working set. */
  private static ModelState optimum(FitContext context, double lambda) {
    ModelState state = ModelState.nullModel(context);
    WorkingSet working = new WorkingSet(context);
    working.admitAll();
    PointResult result = new ProximalNewton(context).solve(state,
        new ScaledPenalty(context, lambda), working, SolverControl.defaults());
    assertTrue(result.converged());
    return state;
  }

  private static double lambdaMax(FitContext context) {
    return LambdaPath.lambdaMax(context, ModelState.nullModel(context),
        new WorkingSet(context));
  }

  // ---- the KKT measurement -------------------------------------------------------------

  /**
   * Away from the optimum (the intercept too), the violation and the recorded gradients are
   * those of the reference: the gradient of the centred, standardised model.
   */
  @Test
  void kktViolationAndGradientsMatchTheReferenceForTheBinomialModel() {
    GeneratedProblem generated = problem(30, 4, 2, 1);
    FitContext context = context(generated, ElasticNetPenalty.of(0.5, 4));
    double[] intercepts = {0.4};
    double[][] slopes = {{0.3, 0, -0.2, 0}};
    ModelState state = at(context, intercepts, slopes);
    WorkingSet working = new WorkingSet(context);
    double lambda = 0.05;
    double violation = new ProximalNewton(context).kktViolation(state,
        new ScaledPenalty(context, lambda), context.included, working);
    ReferenceObjective reference = generated.reference();
    double[][] g = reference.standardisedGradient(intercepts, slopes);
    assertTrue(Math.abs(g[0][0]) > 1e-3, "the intercept is not optimal");
    assertEquals(g[0][0], working.interceptGradient[0], 1e-12);
    for (int j = 0; j < 4; j++) {
      assertEquals(Math.abs(g[0][j + 1]), working.gradientNorm[j], 1e-12, "column " + j);
    }
    assertEquals(reference.kktViolation(intercepts, slopes, lambda, 0.5), violation, 1e-12);
  }

  @Test
  void kktViolationAndGradientNormsMatchTheReferenceForTheGroupedMultinomialModel() {
    GeneratedProblem generated = problem(36, 3, 3, 2);
    ElasticNetPenalty penalty = ElasticNetPenalty.create(0.8, null, null, null, true, 3);
    FitContext context = context(generated, penalty);
    double[] intercepts = {0.2, -0.5, 0.1};
    double[][] slopes = {{0.3, 0, 0}, {-0.1, 0, 0.05}, {0.2, 0, 0}};
    ModelState state = at(context, intercepts, slopes);
    WorkingSet working = new WorkingSet(context);
    double lambda = 0.02;
    double violation = new ProximalNewton(context).kktViolation(state,
        new ScaledPenalty(context, lambda), context.included, working);
    ReferenceObjective reference = generated.reference();
    double[][] g = reference.standardisedGradient(intercepts, slopes);
    for (int j = 0; j < 3; j++) {
      double squares = 0;
      for (int k = 0; k < 3; k++) {
        squares += g[k][j + 1] * g[k][j + 1];
      }
      assertEquals(Math.sqrt(squares), working.gradientNorm[j], 1e-12, "column " + j);
    }
    ReferenceObjective.Options options = new ReferenceObjective.Options(0.8, null, null, null,
        true, true, true);
    assertEquals(reference.kktViolation(intercepts, slopes, lambda, options), violation, 1e-12);
  }

  @Test
  void kktViolationRecordsTheLargestGradientOverClassesUngrouped() {
    GeneratedProblem generated = problem(36, 3, 3, 3);
    FitContext context = context(generated, ElasticNetPenalty.of(1.0, 3));
    double[] intercepts = {0.5, 0.0, -0.5};
    double[][] slopes = {{0.3, 0, 0}, {0, 0, 0.05}, {0, -0.2, 0}};
    ModelState state = at(context, intercepts, slopes);
    WorkingSet working = new WorkingSet(context);
    double violation = new ProximalNewton(context).kktViolation(state,
        new ScaledPenalty(context, 0.03), context.included, working);
    ReferenceObjective reference = generated.reference();
    double[][] g = reference.standardisedGradient(intercepts, slopes);
    for (int j = 0; j < 3; j++) {
      double largest = 0;
      for (int k = 0; k < 3; k++) {
        largest = Math.max(largest, Math.abs(g[k][j + 1]));
      }
      assertEquals(largest, working.gradientNorm[j], 1e-12, "column " + j);
    }
    assertEquals(reference.kktViolation(intercepts, slopes, 0.03, 1.0), violation, 1e-12);
  }

  // ---- lineSearch ------------------------------------------------------------------------

  /**
   * A move of one column along the loss's descent direction, so long that the loss falls but
   * the L1 penalty rises by more: the line search must cut it until the objective, measured
   * exactly, falls by the Armijo fraction of the predicted decrease. The cheap bound that
   * prices steps must count the penalty's rise as the exact change does.
   */
  @Test
  void aStepWhosePenaltyRisesMoreThanItsLossFallsIsCut() {
    FitContext context = context(problem(40, 4, 2, 7), ElasticNetPenalty.of(1.0, 4));
    ScaledPenalty penalty = new ScaledPenalty(context, 0.5 * lambdaMax(context));
    ModelState start = ModelState.nullModel(context);
    double before = objective(start, penalty);
    // the loss's slope along column 0 at the start, by a central difference
    double slope = (objective(moved(start, 1e-6), penalty) - objective(moved(start, -1e-6),
        penalty)) / 2e-6;
    double direction = slope > 0 ? -1 : 1;
    double length = 0;
    for (double c = 0.01; c < 100 && length == 0; c *= 1.2) {
      ModelState end = moved(start, direction * c);
      double lossChange = end.loss() - start.loss();
      if (lossChange < 0 && objective(end, penalty) > before) {
        length = c;
      }
    }
    assertTrue(length > 0, "no move whose loss falls and whose objective rises");
    double move = direction * length;
    double predicted = -1e-6;
    NewtonStep step = columnZeroStep(context, move, predicted);
    ModelState state = copy(start);
    double t = new ProximalNewton(context).lineSearch(state, step, penalty);
    assertTrue(t > 0 && t < 1, "the step was not cut: t = " + t);
    assertEquals(start.coef[0][0] + t * move, state.coef[0][0], 1e-15);
    assertTrue(objective(copy(state), penalty) - before <= 1e-4 * t * predicted,
        "the accepted step misses the Armijo decrease");
  }

  /**
   * Above lambda_max every move of a single column raises the objective, even a short one
   * along which the loss falls: the line search takes no step, however the step's predicted
   * decrease reads. A short move keeps the cheap bound within a few per cent of the exact
   * change, so the bound must count the penalty's rise too.
   */
  @Test
  void aShortStepWhosePenaltyRisesMoreThanItsLossFallsIsRefused() {
    FitContext context = context(problem(40, 4, 2, 7), ElasticNetPenalty.of(1.0, 4));
    ScaledPenalty penalty = new ScaledPenalty(context, 2 * lambdaMax(context));
    ModelState start = ModelState.nullModel(context);
    double slope = (moved(start, 1e-6).loss() - moved(start, -1e-6).loss()) / 2e-6;
    double move = slope > 0 ? -0.01 : 0.01;
    assertTrue(moved(start, move).loss() < start.loss(), "the loss does not fall");
    NewtonStep step = columnZeroStep(context, move, -1e-6);
    double largest = 0;
    for (double d : step.etaChange()[0]) {
      largest = Math.max(largest, Math.abs(d));
    }
    assertTrue(largest < 0.1, "not a short move: " + largest);
    ModelState state = copy(start);
    assertEquals(0.0, new ProximalNewton(context).lineSearch(state, step, penalty));
    assertEquals(0.0, state.coef[0][0]);
  }

  /** A binomial Newton step that moves column 0's coefficient by {@code move} alone. */
  private static NewtonStep columnZeroStep(FitContext context, double move, double predicted) {
    double[][] changes = new double[1][context.columns];
    changes[0][0] = move;
    double[][] etaChange = new double[1][context.rows];
    context.design.addScaled(0, move, etaChange[0]);
    return new NewtonStep(changes, new double[1], etaChange, predicted, new int[] {0}, 0,
        true);
  }

  /** The start with column 0's coefficient moved by {@code move}. */
  private static ModelState moved(ModelState start, double move) {
    double[][] coef = {start.coef[0].clone()};
    coef[0][0] += move;
    return ModelState.at(start.context, start.intercept, coef);
  }

  // ---- moveIfLower -----------------------------------------------------------------------

  @Test
  void aTargetWithLowerObjectiveIsTakenExactly() {
    FitContext context = context(problem(40, 4, 2, 4), ElasticNetPenalty.of(1.0, 4));
    double lambda = 0.2 * lambdaMax(context);
    ModelState best = optimum(context, lambda);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    ModelState state = ModelState.nullModel(context);
    double before = objective(state, penalty);
    assertTrue(new ProximalNewton(context).moveIfLower(state, best.coef, best.intercept,
        penalty));
    assertArrayEquals(best.coef[0], state.coef[0]);
    assertEquals(best.intercept[0], state.intercept[0], 1e-14);
    // the predictors moved with the coefficients
    assertEquals(objective(copy(state), penalty), objective(state, penalty), 1e-14);
    assertTrue(objective(state, penalty) < before);
  }

  /**
   * A sparse target that moves more columns than the two-block sweeps' minimum: the
   * predictors' change is then summed by two runs of columns on their own rows (see
   * ColumnRuns.addInTwoRuns), and must still move the predictors exactly
   * with the coefficients, for one block and for three.
   */
  @Test
  void aWideSparseTargetMovesThePredictorsWithTheCoefficients() {
    int columns = CoordinateDescent.TWO_BLOCK_MINIMUM + 200;
    for (int classes : new int[] {2, 3}) {
      Random random = new Random(11 + classes);
      double[][] x = new double[150][columns];
      int[] y = new int[150];
      double[] w = new double[150];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < columns; j++) {
          x[i][j] = random.nextDouble() < 0.05 ? 1 + random.nextInt(3) : 0;
        }
        y[i] = i % classes;
        w[i] = 0.5 + random.nextDouble();
      }
      FitContext context = context(new GeneratedProblem(x, y, w, classes, true),
          ElasticNetPenalty.of(0.0, columns));
      assertTrue(context.design instanceof SparseDesignMatrix);
      double lambda = 0.05;
      ScaledPenalty penalty = new ScaledPenalty(context, lambda);
      int blocks = context.blocks;
      // halfway from the null model to the ridge optimum: lower, by convexity, and every
      // coefficient moves
      ModelState best = optimum(context, lambda);
      ModelState state = ModelState.nullModel(context);
      double[][] target = new double[blocks][columns];
      double[] intercept = new double[blocks];
      for (int k = 0; k < blocks; k++) {
        intercept[k] = 0.5 * (state.intercept[k] + best.intercept[k]);
        for (int j = 0; j < columns; j++) {
          target[k][j] = 0.5 * best.coef[k][j];
        }
      }
      assertTrue(new ProximalNewton(context).moveIfLower(state, target, intercept, penalty),
          "the move halfway to the optimum is refused (" + classes + " classes)");
      ModelState fresh = copy(state);
      for (int k = 0; k < blocks; k++) {
        assertArrayEquals(target[k], state.coef[k]);
        for (int i = 0; i < x.length; i++) {
          assertEquals(fresh.eta[k][i], state.eta[k][i], 1e-12,
              "row " + i + " of block " + k + " (" + classes + " classes)");
        }
      }
    }
  }

  @Test
  void aTargetAtTheCurrentPointIsNoMove() {
    FitContext context = context(problem(40, 4, 2, 5), ElasticNetPenalty.of(1.0, 4));
    ScaledPenalty penalty = new ScaledPenalty(context, 0.01);
    ModelState state = optimum(context, 0.01);
    double[][] coef = {state.coef[0].clone()};
    double[] intercept = state.intercept.clone();
    assertFalse(new ProximalNewton(context).moveIfLower(state, coef, intercept, penalty));
    assertArrayEquals(coef[0], state.coef[0]);
  }

  /** A worse target (here: the null model, from the optimum) leaves the state as it is. */
  @Test
  void aTargetWithHigherObjectiveIsRefused() {
    FitContext context = context(problem(40, 4, 3, 6), ElasticNetPenalty.of(0.5, 4));
    double lambda = 0.1 * lambdaMax(context);
    ModelState state = optimum(context, lambda);
    double[][] coef = state.coef.clone();
    double[][] eta = state.eta.clone();
    for (int k = 0; k < 3; k++) {
      coef[k] = coef[k].clone();
      eta[k] = eta[k].clone();
    }
    double[] intercept = state.intercept.clone();
    ModelState worse = ModelState.nullModel(context);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    assertFalse(new ProximalNewton(context).moveIfLower(state, worse.coef, worse.intercept,
        penalty));
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(coef[k], state.coef[k]);
      assertEquals(intercept[k], state.intercept[k]);
      assertArrayEquals(eta[k], state.eta[k]);
    }
  }

  /**
   * The test is on the penalised objective, not the loss: a nearly unpenalised solution
   * fits better, but at a large lambda its penalty outweighs that.
   */
  @Test
  void aTargetWithLowerLossButHigherPenalisedObjectiveIsRefused() {
    FitContext context = context(problem(40, 4, 2, 7), ElasticNetPenalty.of(1.0, 4));
    double lambdaMax = lambdaMax(context);
    ModelState loose = optimum(context, 1e-3 * lambdaMax);
    double lambda = 0.5 * lambdaMax;
    ModelState state = optimum(context, lambda);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    assertTrue(loose.loss() < state.loss());
    assertTrue(objective(loose, penalty) > objective(state, penalty));
    double[] coef = state.coef[0].clone();
    assertFalse(new ProximalNewton(context).moveIfLower(state, loose.coef, loose.intercept,
        penalty));
    assertArrayEquals(coef, state.coef[0]);
  }

  /** A change of the intercepts alone is a move too. */
  @Test
  void aBetterInterceptAloneIsTaken() {
    FitContext context = context(problem(40, 4, 2, 8), ElasticNetPenalty.of(1.0, 4));
    ModelState nullModel = ModelState.nullModel(context);
    ModelState state = ModelState.at(context, new double[] {nullModel.intercept[0] + 1},
        new double[1][4]);
    ScaledPenalty penalty = new ScaledPenalty(context, 0.1);
    assertTrue(new ProximalNewton(context).moveIfLower(state, nullModel.coef,
        nullModel.intercept, penalty));
    assertEquals(nullModel.intercept[0], state.intercept[0], 1e-14);
    assertEquals(nullModel.loss(), state.loss(), 1e-14);
  }

  /** A move of the coefficients alone (the intercepts as they are) is a move too. */
  @Test
  void betterCoefficientsWithTheSameInterceptsAreTaken() {
    FitContext context = context(problem(40, 4, 2, 12), ElasticNetPenalty.of(1.0, 4));
    double lambda = 0.1 * lambdaMax(context);
    ModelState best = optimum(context, lambda);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    ModelState state = ModelState.nullModel(context);
    ModelState target = ModelState.at(context, state.intercept, best.coef);
    assertTrue(objective(target, penalty) < objective(state, penalty));
    assertTrue(new ProximalNewton(context).moveIfLower(state, best.coef,
        state.intercept.clone(), penalty));
    assertArrayEquals(best.coef[0], state.coef[0]);
  }

  /**
   * As along a path: the optimum at the next lambda is taken from the previous optimum,
   * whose own penalty counts as what the move saves.
   */
  @Test
  void theNextOptimumIsTakenFromThePreviousOne() {
    FitContext context = context(problem(40, 4, 3, 13), ElasticNetPenalty.of(0.8, 4));
    double lambdaMax = lambdaMax(context);
    ModelState state = optimum(context, 0.3 * lambdaMax);
    ModelState next = optimum(context, 0.25 * lambdaMax);
    ScaledPenalty penalty = new ScaledPenalty(context, 0.25 * lambdaMax);
    assertTrue(objective(next, penalty) < objective(state, penalty));
    assertTrue(new ProximalNewton(context).moveIfLower(state, next.coef, next.intercept,
        penalty));
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(next.coef[k], state.coef[k], 1e-12);
    }
  }

  // ---- solve ---------------------------------------------------------------------------

  /**
   * An unfinished solve stops at the iteration limit, counts at least one sweep per
   * iteration, and reports the true largest violation at the point it returns, the columns
   * left out of the strong set included.
   */
  @Test
  void anUnfinishedSolveReportsTheLargestViolationOverAllColumns() {
    GeneratedProblem generated = problem(40, 4, 2, 9);
    FitContext context = context(generated, ElasticNetPenalty.of(1.0, 4));
    double lambda = 0.02 * lambdaMax(context);
    ModelState state = ModelState.nullModel(context);
    WorkingSet working = new WorkingSet(context);
    working.admit(new int[] {3}); // a noise column; the signal columns 0 and 1 stay out
    SolverControl control = new SolverControl(1e-10, 1, 10_000);
    PointResult result = new ProximalNewton(context).solve(state,
        new ScaledPenalty(context, lambda), working, control);
    assertEquals(1, result.iterations());
    // column 3 violated, so the iteration ran before any check of the excluded columns
    assertArrayEquals(new int[] {3}, working.strongColumns());
    assertTrue(result.sweeps() >= 1, result.sweeps() + " sweeps");
    assertFalse(result.converged());
    double[][] slopes = {state.coef[0].clone()};
    double[] intercepts = {state.intercept[0] - storedIntercepts(context, new double[1],
        slopes)[0]};
    double all = generated.reference().kktViolation(intercepts, slopes, lambda, 1.0);
    assertEquals(all, result.kktViolation(), 1e-9 * all);
    assertEquals(0.0, state.coef[0][0]);
  }

  @Test
  void theIterationLimitHoldsOnAWholePath() {
    GeneratedProblem generated = problem(50, 5, 3, 10);
    for (SolverControl.SubproblemSpace space : SolverControl.SubproblemSpace.values()) {
      ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(), FitSettings.builder()
          .alpha(0.7).folds(0).threads(1).numLambdas(10).maxIterations(2).tolerance(1e-12)
          .subproblemSpace(space).build(), ProgressListener.NONE);
      boolean limited = false;
      for (PathPoint point : fit.path().points()) {
        assertTrue(point.iterations() <= 2, point.iterations() + " iterations");
        assertTrue(point.sweeps() >= point.iterations(), "each iteration sweeps");
        limited |= !point.converged();
      }
      assertTrue(limited, "some lambda needs more than two iterations");
    }
  }

  /**
   * A tolerance below rounding cannot be met. Solving on the data, once no step decreases
   * the objective the solver stops instead of running to the iteration limit, at a point
   * optimal to rounding.
   */
  @Test
  void anUnreachableToleranceEndsWhenNoStepDecreasesTheObjective() {
    for (int classes = 2; classes <= 3; classes++) {
      GeneratedProblem generated = problem(60, 4, classes, 14 + classes);
      FitContext context = context(generated, ElasticNetPenalty.of(0.5, 4));
      double lambda = 0.05 * lambdaMax(context);
      ModelState state = ModelState.nullModel(context);
      WorkingSet working = new WorkingSet(context);
      working.admitAll();
      PointResult result = new ProximalNewton(context).solve(state,
          new ScaledPenalty(context, lambda), working,
          new SolverControl(1e-30, 100, 10_000, SolverControl.SubproblemSpace.DATA));
      assertFalse(result.converged());
      assertTrue(result.iterations() < 20, "K = " + classes + ": " + result.iterations()
          + " iterations");
      assertTrue(result.kktViolation() < 1e-11, "K = " + classes + ": violation "
          + result.kktViolation());
    }
  }

  /**
   * With checkExcluded false the columns outside the strong set are fixed: they stay zero,
   * their violation is not the solve's concern, and the solve converges on the others.
   */
  @Test
  void aRestrictedSolveLeavesTheExcludedColumnsAlone() {
    GeneratedProblem generated = problem(40, 4, 2, 11);
    FitContext context = context(generated, ElasticNetPenalty.of(1.0, 4));
    double lambda = 0.02 * lambdaMax(context);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    for (int limit : new int[] {1, 100}) {
      ModelState state = ModelState.nullModel(context);
      WorkingSet working = new WorkingSet(context);
      working.admit(new int[] {2, 3});
      ProximalNewton newton = new ProximalNewton(context);
      PointResult result = newton.solve(state, penalty, working,
          new SolverControl(1e-9, limit, 10_000), false, 0);
      assertEquals(0.0, state.coef[0][0]);
      assertEquals(0.0, state.coef[0][1]);
      assertArrayEquals(new int[] {2, 3}, working.strongColumns());
      double strong = newton.kktViolation(state, penalty, new int[] {2, 3},
          new WorkingSet(context));
      double excluded = newton.kktViolation(state, penalty, new int[] {0, 1},
          new WorkingSet(context));
      assertTrue(excluded > 1e-3, "the excluded columns violate: " + excluded);
      assertEquals(strong, result.kktViolation(), 1e-12);
      assertEquals(limit == 100, result.converged());
    }
  }
}
