package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The Newton subproblem solvers, called directly and judged against an independent oracle
 * of the quadratic model each claims to minimise. The outer Newton loop forgives an inner
 * solver that returns a poor step (the line search and the next iteration repair it), so
 * only here does a wrong step show.
 *
 * <p>Every model has the form
 *
 * <pre>
 *   q(d) = -r'd + 1/2 d'Md + sum_units [P_u(c_u + d_u) - P_u(c_u)]
 * </pre>
 *
 * <p>over variables d (intercept moves and coefficient moves), c the current values, P the
 * elastic-net penalty of a coordinate or of a group. For the data-space solvers r and M are
 * built here by plain loops over the rows of the raw design: r_v = sum_i x_iv g_i and
 * M_uv = sum_i x_iu H_i x_iv, with x_i0 = 1 for an intercept.
 *
 * <p>The KKT conditions are checked with the bound that the solvers' stopping rule implies:
 * a solver stops after a sweep in which every unit u (a coordinate or a group) moved by at
 * most tolerance * s_u / (c_uu + l2_u), s_u its scale and c_uu its curvature. Right after
 * its own visit a coordinate is exactly optimal (a group, whose move is one majorised
 * proximal step, within the tolerance); what later moves of the other units did to its
 * gradient is at most sum_u |C_vu| times their move bound, C the curvature coupling of the
 * units. That sum, in standardised units, is the slack; rounding adds a little.
 */
class QuadraticSubproblemProperties {

  /** The inner tolerance passed to every solver (the size of ProximalNewton's forcing). */
  private static final double INNER_TOLERANCE = 1e-7;
  private static final int MAX_SWEEPS = SolverControl.DEFAULT_MAX_SWEEPS;
  private static final double EPS = Math.ulp(1.0);

  @Provide
  Arbitrary<FitProperties.OptionDraw> glmnetOptions() {
    return new FitProperties().glmnetOptions();
  }

  @Provide
  Arbitrary<Double> fractions() {
    return new FitProperties().fractions();
  }

  /**
   * The IRLS floors the fit uses, and one above most variances p(1 - p), where the floor's
   * excess over the true curvature (rare on small problems) shapes the model everywhere.
   */
  @Provide
  Arbitrary<Double> floors() {
    return Arbitraries.of(ModelState.CURVATURE_FLOOR, ModelState.SMALLEST_CURVATURE_FLOOR,
        HIGH_FLOOR);
  }

  private static final double HIGH_FLOOR = 0.2;

  // ---------------------------------------------------------------------------------------
  // the data-space solvers

  /**
   * {@link CoordinateDescent} (the binomial block) returns the minimiser of its model:
   * KKT within the stopping rule's bound, the intercept's gradient zero, etaChange = d0 + X d,
   * modelDecrease = -g'e + P(b + d) - P(b), no rise of the model, and no move outside the
   * candidates.
   */
  @Property(tries = 100)
  void binomialCoordinateDescentSolvesItsModel(
      @ForAll @SmallProblem(maxClasses = 2) GeneratedProblem generated,
      @ForAll @Alpha double alpha, @ForAll("glmnetOptions") FitProperties.OptionDraw draw,
      @ForAll("fractions") double fraction, @ForAll("floors") double floor,
      @ForAll("accelerations") CoordinateDescent.Accelerations accelerations) {
    Subproblem sub = Subproblem.pose(generated, alpha, draw, fraction);
    cover(generated, alpha, draw, sub);
    boolean twoBlocks = accelerations.twoBlockMinimum() <= sub.initialActive.length
        && sub.context.design instanceof SparseDesignMatrix;
    Statistics.label("accelerations").collect(accelerations.exactLimit() > 0 ? "default"
        : twoBlocks ? "large-set steps, sweeps in two blocks" : "large-set steps");
    QuadraticStep step = binomialStep(sub, floor, accelerations, MAX_SWEEPS);
    assertTrue(step.converged(), "no convergence in " + step.sweeps() + " sweeps");
    FitContext context = sub.context;

    double[][] changes = new double[1][context.columns];
    Set<Integer> candidates = asSet(sub.candidates);
    Set<Integer> seen = new HashSet<>();
    for (int c = 0; c < step.changedColumns().length; c++) {
      int j = step.changedColumns()[c];
      assertTrue(candidates.contains(j), "column " + j + " moved but is no candidate");
      assertTrue(seen.add(j), "column " + j + " listed twice");
      assertTrue(step.changes()[c] != 0, "column " + j + " listed with no move");
      changes[0][j] = step.changes()[c];
    }
    for (int j : step.active()) {
      assertTrue(candidates.contains(j), "active column " + j + " is no candidate");
    }
    double[] intercepts = {step.interceptChange()};
    if (!context.intercept) {
      assertEquals(0.0, step.interceptChange(), "a model without intercept moved it");
    }
    DataModel model = DataModel.of(sub, floor);
    model.checkStep(intercepts, changes, new double[][] {step.etaChange()},
        step.modelDecrease(), step.sweeps());
    Statistics.label("step").collect(step.changedColumns().length == 0 ? "intercept only"
        : "moves columns");
  }

  /**
   * The accelerations of the binomial sweeps: the default (small active sets solved
   * exactly), and the steps meant for active sets too large for that (conjugate gradients
   * on the support, Anderson extrapolation, sweeps in two blocks on sparse designs), here
   * on small sets so that the model's oracle judges them too.
   */
  @Provide
  Arbitrary<CoordinateDescent.Accelerations> accelerations() {
    return Arbitraries.of(CoordinateDescent.Accelerations.ALL,
        new CoordinateDescent.Accelerations(0, true, true),
        new CoordinateDescent.Accelerations(0, true, true, 2),
        new CoordinateDescent.Accelerations(0, true, false),
        new CoordinateDescent.Accelerations(0, false, true));
  }

  private static QuadraticStep binomialStep(Subproblem sub, double floor,
      CoordinateDescent.Accelerations accelerations, int maxSweeps) {
    return binomialStep(sub, floor, accelerations, maxSweeps, INNER_TOLERANCE);
  }

  private static QuadraticStep binomialStep(Subproblem sub, double floor,
      CoordinateDescent.Accelerations accelerations, int maxSweeps, double tolerance) {
    ModelState state = sub.state;
    double[] g = new double[sub.context.rows];
    double[] eta = state.etaGradient(0);
    for (int i = 0; i < g.length; i++) {
      g[i] = -eta[i];
    }
    return new CoordinateDescent(sub.context, accelerations).solve(g,
        state.curvature(0, floor), state.coef[0].clone(), sub.penalty, sub.candidates,
        sub.initialActive, tolerance, maxSweeps);
  }

  /**
   * The sweep budget is kept: a solve stops after at most maxSweeps sweeps (counting a
   * support step's passes over the data), reports at least one, and reports convergence
   * only when the last full sweep was within the tolerance.
   */
  @Property(tries = 40)
  void binomialCoordinateDescentKeepsItsSweepBudget(
      @ForAll @SmallProblem(maxClasses = 2) GeneratedProblem generated,
      @ForAll @Alpha double alpha, @ForAll("fractions") double fraction,
      @ForAll("accelerations") CoordinateDescent.Accelerations accelerations,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 4) int budget) {
    Subproblem sub = Subproblem.pose(generated, alpha, noOptions(), fraction);
    QuadraticStep step = binomialStep(sub, ModelState.CURVATURE_FLOOR, accelerations, budget);
    QuadraticStep free = binomialStep(sub, ModelState.CURVATURE_FLOOR, accelerations,
        MAX_SWEEPS);
    assertTrue(step.sweeps() >= 1, "a solve reported " + step.sweeps() + " sweeps");
    // a support step spends its passes at once, so it may overshoot by its own cost
    assertTrue(step.sweeps() <= budget + 52, step.sweeps() + " sweeps on a budget of "
        + budget);
    assertEquals(free.sweeps() <= budget, step.converged(), "converged in a budget of "
        + budget + " sweeps, where the free solve needed " + free.sweeps());
  }

  /**
   * On nearly collinear columns plain cyclic sweeps crawl; each acceleration must cut that
   * crawl to a fraction, and land on the model's minimiser. Six columns sharing one factor
   * (correlation about 0.998), a lasso penalty at 1e-4 of lambda_max so that all are
   * active.
   */
  @Example
  void eachAccelerationCutsTheCrawlOnCollinearColumns() {
    Subproblem sub = Subproblem.pose(collinearColumns(80, 6, 0.05), 1.0, noOptions(), 1e-4);
    double floor = ModelState.CURVATURE_FLOOR;
    QuadraticStep plain = binomialStep(sub, floor,
        new CoordinateDescent.Accelerations(0, false, false), MAX_SWEEPS);
    // measured: 6,039 plain sweeps; exact solve 5, conjugate gradients 13, extrapolation 117
    assertTrue(plain.converged() && plain.sweeps() > 1000,
        "plain sweeps no longer crawl here (" + plain.sweeps() + "): the example tests nothing");
    Map<CoordinateDescent.Accelerations, Integer> bounds = Map.of(
        CoordinateDescent.Accelerations.ALL, 12,
        new CoordinateDescent.Accelerations(0, true, false), 30,
        new CoordinateDescent.Accelerations(0, false, true), 300);
    DataModel model = DataModel.of(sub, floor);
    bounds.forEach((accelerations, bound) -> {
      QuadraticStep step = binomialStep(sub, floor, accelerations, MAX_SWEEPS);
      assertTrue(step.converged() && step.sweeps() <= bound, accelerations + " took "
          + step.sweeps() + " sweeps (converged " + step.converged() + "), bound " + bound);
      checkBinomialStep(model, sub, step, INNER_TOLERANCE);
    });
  }

  /**
   * Each acceleration, on nearly collinear columns (where sweeps crawl and the accelerations
   * act), returns the minimiser of the model, judged by the oracle as in
   * {@link #binomialCoordinateDescentSolvesItsModel}; under glmnet's options (limits,
   * factors, no intercept), any lambda, alpha mostly ridge-like (all columns active).
   */
  @Property(tries = 100)
  void acceleratedSweepsSolveCollinearModels(@ForAll("collinear") GeneratedProblem generated,
      @ForAll("mostlyRidge") double alpha,
      @ForAll("glmnetOptions") FitProperties.OptionDraw draw,
      @ForAll("fractions") double fraction,
      @ForAll("accelerations") CoordinateDescent.Accelerations accelerations) {
    Subproblem sub = Subproblem.pose(generated, alpha, draw, fraction);
    double floor = ModelState.CURVATURE_FLOOR;
    QuadraticStep step = binomialStep(sub, floor, accelerations, MAX_SWEEPS, TIGHT);
    // the fit's own configuration must converge; one acceleration alone, which the fit
    // never uses, may crawl as plain sweeps do, and then only the move's bookkeeping and
    // descent are checked
    boolean alone = !accelerations.supportSteps() || !accelerations.extrapolation();
    assertTrue(step.converged() || alone, "no convergence in " + step.sweeps() + " sweeps");
    Statistics.label("outcome").collect(step.converged() ? "converged" : "crawled");
    checkBinomialStep(DataModel.of(sub, floor), sub, step,
        step.converged() ? TIGHT : Double.NaN);
  }

  /**
   * The crawl that the last-resort exact solve ends: seven columns sharing one factor
   * (noise 0.005), five unpenalised and three held below upper limits. Every support step
   * ran into a limit and was rejected, and the sweeps and extrapolations crawled past
   * 10,000 sweeps (a draw of the property above, seed 2638084334545418046; this generated
   * twin measured 10,002 without the last resort and 1,024 with it).
   */
  @Example
  void theLastResortEndsACrawlIntoLimits() {
    double unlimited = Double.POSITIVE_INFINITY;
    FitProperties.OptionDraw draw = new FitProperties.OptionDraw(
        new double[] {0, 0, 0, 0, 0.5, 0, 0.5}, null,
        new double[] {0.3, unlimited, 0, unlimited, 0, unlimited, unlimited}, false, true,
        true);
    Subproblem sub = Subproblem.pose(collinearColumns(50, 41, 7, 0.005), 1.0, draw, 0.0486);
    double floor = ModelState.CURVATURE_FLOOR;
    QuadraticStep step = binomialStep(sub, floor,
        new CoordinateDescent.Accelerations(0, true, true), MAX_SWEEPS, TIGHT);
    assertTrue(step.converged(), "no convergence in " + step.sweeps() + " sweeps");
    // converging only past the threshold shows that the last resort, not the sweeps, did it
    assertTrue(step.sweeps() >= CoordinateDescent.LAST_RESORT_SWEEPS
        && step.sweeps() <= CoordinateDescent.LAST_RESORT_SWEEPS + 100,
        step.sweeps() + " sweeps");
    checkBinomialStep(DataModel.of(sub, floor), sub, step, TIGHT);
  }

  /** The oracle's checks of a binomial step (tolerance NaN: all but the KKT conditions). */
  private static void checkBinomialStep(DataModel model, Subproblem sub, QuadraticStep step,
      double tolerance) {
    double[][] changes = new double[1][sub.context.columns];
    for (int c = 0; c < step.changedColumns().length; c++) {
      changes[0][step.changedColumns()[c]] = step.changes()[c];
    }
    model.checkStep(new double[] {step.interceptChange()}, changes,
        new double[][] {step.etaChange()}, step.modelDecrease(), step.sweeps(), tolerance);
  }

  /** Mostly ridge-like alphas: the lasso keeps one of a set of collinear columns. */
  @Provide
  Arbitrary<Double> mostlyRidge() {
    return Arbitraries.of(0.0, 0.0, 0.1, 0.5, 1.0);
  }

  /** A tight inner tolerance: the sweeps crawl long enough for the accelerations to act. */
  private static final double TIGHT = 1e-10;

  /** Problems of 20 to 60 rows whose 2 to 8 columns share one factor, noise 0.005 to 0.2. */
  @Provide
  Arbitrary<GeneratedProblem> collinear() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(20, 60),
        Arbitraries.integers().between(2, 8), Arbitraries.of(0.005, 0.02, 0.05, 0.2))
        .as((seed, rows, columns, noise) -> collinearColumns(seed, rows, columns, noise));
  }

  private static GeneratedProblem collinearColumns(int rows, int columns, double noise) {
    return collinearColumns(20261206, rows, columns, noise);
  }

  /** Columns x_ij = z_i + noise * e_ij for one standard normal factor z; y from z's odds. */
  private static GeneratedProblem collinearColumns(long seed, int rows, int columns,
      double noise) {
    java.util.Random random = new java.util.Random(seed);
    double[][] x = new double[rows][columns];
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      double z = random.nextGaussian();
      for (int j = 0; j < columns; j++) {
        x[i][j] = z + noise * random.nextGaussian();
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new GeneratedProblem(x, y, Generators.ones(rows), 2, false);
  }

  private static FitProperties.OptionDraw noOptions() {
    return new FitProperties.OptionDraw(null, null, null, false, true, true);
  }

  /**
   * {@link MultinomialCoordinateDescent} returns the minimiser of the full multinomial
   * Newton model, H_i = w_i (diag(p_i) - p_i p_i') + c_i (I - 11'/K) with the IRLS floor
   * c_i = w_i max_k (floor - p_ik (1 - p_ik))_+ K / (K - 1): KKT per coordinate (or per
   * column group for the grouped penalty) and per intercept within the stopping rule's
   * bound, etaChange = d0 + X d in every class, modelDecrease = -sum g'e + P(B + D) - P(B),
   * no rise of the model, no move outside the candidates.
   */
  @Property(tries = 100)
  void multinomialCoordinateDescentSolvesItsModel(
      @ForAll @SmallProblem(minClasses = 3) GeneratedProblem generated,
      @ForAll @Alpha double alpha, @ForAll("glmnetOptions") FitProperties.OptionDraw draw,
      @ForAll("fractions") double fraction, @ForAll("floors") double floor,
      @ForAll("multinomialAccelerations") MultinomialCoordinateDescent.Accelerations
          accelerations) {
    Subproblem sub = Subproblem.pose(generated, alpha, draw, fraction);
    cover(generated, alpha, draw, sub);
    FitContext context = sub.context;
    NewtonStep step = multinomialStep(sub, floor, accelerations);
    // the fit's configuration must converge; without the shifts or the exact solves the
    // sweeps may crawl (theShiftCutsTheRidgeCrawlAndSweepsSettleTheLasso), and then only the
    // move's bookkeeping and descent are checked
    assertTrue(step.converged()
        || !accelerations.equals(MultinomialCoordinateDescent.Accelerations.ALL),
        "no convergence in " + step.sweeps() + " sweeps");
    Statistics.label("outcome").collect(step.converged() ? "converged" : "crawled");

    Set<Integer> candidates = asSet(sub.candidates);
    Set<Integer> listed = asSet(step.changedColumns());
    for (int j : step.changedColumns()) {
      assertTrue(candidates.contains(j), "listed column " + j + " is no candidate");
    }
    for (int k = 0; k < context.blocks; k++) {
      for (int j = 0; j < context.columns; j++) {
        if (step.changes()[k][j] != 0) {
          // the line search moves and prices only the listed columns
          assertTrue(listed.contains(j), "column " + j + " moved but is not listed");
        }
      }
      if (!context.intercept) {
        assertEquals(0.0, step.interceptChange()[k], "a model without intercept moved it");
      }
    }
    DataModel model = DataModel.of(sub, floor);
    model.checkStep(step.interceptChange(), step.changes(), step.etaChange(),
        step.modelDecrease(), step.sweeps(), step.converged() ? INNER_TOLERANCE : Double.NaN);
    Statistics.label("penalty").collect(sub.penalty.grouped ? "grouped" : "ungrouped");
  }

  /** The multinomial moves: all, no exact solves, no shifts, neither. */
  @Provide
  Arbitrary<MultinomialCoordinateDescent.Accelerations> multinomialAccelerations() {
    return Arbitraries.of(MultinomialCoordinateDescent.Accelerations.ALL,
        MultinomialCoordinateDescent.Accelerations.ALL,
        new MultinomialCoordinateDescent.Accelerations(0, true),
        new MultinomialCoordinateDescent.Accelerations(CoordinateDescent.MAX_REDUCED, false),
        new MultinomialCoordinateDescent.Accelerations(0, false));
  }

  private static NewtonStep multinomialStep(Subproblem sub, double floor,
      MultinomialCoordinateDescent.Accelerations accelerations) {
    return multinomialStep(sub, floor, accelerations, MAX_SWEEPS);
  }

  private static NewtonStep multinomialStep(Subproblem sub, double floor,
      MultinomialCoordinateDescent.Accelerations accelerations, int maxSweeps) {
    return new MultinomialCoordinateDescent(sub.context, accelerations).solve(sub.state,
        sub.penalty, sub.candidates, sub.initialActive, INNER_TOLERANCE, maxSweeps, floor);
  }

  /**
   * The multinomial sweep budget is kept: at most maxSweeps sweeps, at least one, and
   * convergence reported exactly when the unbudgeted solve needs no more sweeps than that.
   */
  @Property(tries = 40)
  void multinomialCoordinateDescentKeepsItsSweepBudget(
      @ForAll @SmallProblem(minClasses = 3) GeneratedProblem generated,
      @ForAll @Alpha double alpha, @ForAll("fractions") double fraction,
      @ForAll("multinomialAccelerations") MultinomialCoordinateDescent.Accelerations
          accelerations,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 4) int budget) {
    Subproblem sub = Subproblem.pose(generated, alpha, noOptions(), fraction);
    double floor = ModelState.CURVATURE_FLOOR;
    NewtonStep step = multinomialStep(sub, floor, accelerations, budget);
    NewtonStep free = multinomialStep(sub, floor, accelerations, MAX_SWEEPS);
    assertTrue(step.sweeps() >= 1 && step.sweeps() <= budget, step.sweeps()
        + " sweeps on a budget of " + budget);
    assertEquals(free.sweeps() <= budget, step.converged(), "converged in a budget of "
        + budget + " sweeps, where the free solve needed " + free.sweeps());
  }

  /**
   * On one column and three classes at the fit's usual floor. The shift cuts a crawl: a
   * ridge model at 1e-6 of lambda_max, whose only curvature along "all classes up by one" is
   * the small ridge term. A lasso model at 1e-4 of lambda_max, which the exact solve settles
   * in 5 sweeps, is settled by single-coordinate sweeps too. While the IRLS floor was added
   * on the diagonal it also curved "all classes up by one", slightly, and the sweeps alone,
   * with the shifts or without, had not settled this model after 10,000 sweeps.
   */
  @Example
  void theShiftCutsTheRidgeCrawlAndSweepsSettleTheLasso() {
    double floor = ModelState.CURVATURE_FLOOR;
    GeneratedProblem problem = collinearClasses(60, 1, 3.0);
    Subproblem ridge = Subproblem.pose(problem, 0.0, noOptions(), 1e-6);
    // measured: 10 sweeps with shifts, 1,615 without
    assertSweeps(ridge, floor, new MultinomialCoordinateDescent.Accelerations(0, true), 25);
    NewtonStep crawl = multinomialStep(ridge, floor,
        new MultinomialCoordinateDescent.Accelerations(0, false));
    assertTrue(crawl.sweeps() > 500, "without shifts the ridge model no longer crawls ("
        + crawl.sweeps() + " sweeps): the example tests nothing");
    Subproblem lasso = Subproblem.pose(problem, 1.0, noOptions(), 1e-4);
    // measured: 5 sweeps with the exact solve, with the shifts or without
    assertSweeps(lasso, floor, MultinomialCoordinateDescent.Accelerations.ALL, 12);
    assertSweeps(lasso, floor,
        new MultinomialCoordinateDescent.Accelerations(CoordinateDescent.MAX_REDUCED, false),
        15);
    // measured: 11 sweeps with the shifts, 129 without
    assertSweeps(lasso, floor, new MultinomialCoordinateDescent.Accelerations(0, true), 25);
    assertSweeps(lasso, floor, new MultinomialCoordinateDescent.Accelerations(0, false), 260);
  }

  /**
   * Unpenalised columns under the IRLS floor settle. The draw is the sample that
   * {@link #multinomialCoordinateDescentSolvesItsModel} shrank to on seed
   * -6198005788795387500, as jqwik printed it (three decimals): four classes on 35 rows,
   * five unpenalised columns (three of them capped), the floor at 1e-5. While the floor was
   * added on the diagonal it curved an unpenalised column's "all classes up by one" so
   * slightly that the exact solve's system was singular to Cholesky; damped by the ridge,
   * each solve moved two such columns by about 1e-4 along it, the sweeps moved them part of
   * the way back, and after 10,000 sweeps the violation still cycled between 3.9e-7 and
   * 5.8e-7. Measured now: 5 sweeps.
   */
  @Example
  void unpenalisedColumnsUnderTheFloorSettle() {
    double[][] x = {
        {0, 0, 0, 0, 0.403, 0, -1.362, 0}, {0, 0, 1.339, 0, 0, -1.05, 0, 0},
        {0, -0.159, 0, 0, 2.643, 0, 0, 0}, {1.467, 0, 0, 0, 0.088, -2.874, 0, -0.951},
        {1.535, 0, 0, 0, -2.124, 0, 2.708, -2.207}, {0, 0, 0, 0, 0, 0, 0, -1.414},
        {0, 0, 0, -2.851, -0.96, 0, -0.141, 0}, {0, 0, 0, 0, 0, 0, -2.022, -1.366},
        {-2.4, 0, -1.217, 0, 0.446, -1.517, 0, 0}, {0, 0, -1.779, 0, 0, 1.548, 1.359, -2.404},
        {0, 2.266, 0.276, -1.577, -2.892, -0.255, 1.475, 2.559},
        {0, -1.303, -0.297, 0, 2.032, -0.917, 0, 1.572}, {0, 0, 0, 0, 0, 0, 0, -1.36},
        {0.556, -2.447, 0, 2.838, 0, 0, 0, 0}, {0, 0, 0, 0, 0.564, 0, 0, 1.497},
        {0, -2.06, -0.736, 0.98, -1.819, -0.801, 2.712, -2.739},
        {0, 0, 0, -0.17, 0, -2.23, 0, 0}, {0, 0, -2.621, 0, -0.747, 0, 0, -2.105},
        {0, 0, 0, 2.004, 0, 0, 0, 0}, {-0.037, 0, 2.949, 0, 0, 0, 0, 0},
        {0, 0, 0, 0, 0, 0, 1.585, 0}, {0, 0, -1.512, 0, 0, 0, 0, 0},
        {2.102, 0, 0, 0, 0, 0, -2.823, 0}, {-1.201, -0.861, -0.82, 0, 0, 1.363, 0, -2.927},
        {0.366, 0, 0.475, 0, 0, 0, 1.428, 0}, {0, 0, 0, 0, 0, 0, 2.249, -1.614},
        {0, -0.62, -1.924, 0, 0, 0, 0, 1.165}, {0, 0, 0, 2.686, 0, -2.003, 0, 0},
        {0, 0, 0, -1.367, 0, -1.06, 0, -0.215}, {-1.618, 0, -0.118, 0, 0, -0.523, 0, 0},
        {0, 0, -1.687, 0, 1.331, 0, 0, 0}, {0, 0.196, 0, -2.686, 0, 1.658, 0, -0.189},
        {0, 0, 0.407, 0, -0.687, 0, 0, 0}, {0, 0, 0, -1.243, 0, -0.798, 0, -0.655},
        {-0.918, 0, 0.387, 0, 0, 0, 0, 0}};
    int[] y = {0, 1, 2, 3, 0, 1, 0, 3, 3, 1, 0, 2, 3, 3, 3, 0, 0, 1, 1, 0, 0, 1, 3, 3, 0, 2,
        3, 1, 3, 2, 1, 3, 1, 2, 1};
    double[] weights = new double[y.length];
    Arrays.fill(weights, 1.0);
    double unlimited = Double.POSITIVE_INFINITY;
    FitProperties.OptionDraw draw = new FitProperties.OptionDraw(
        new double[] {2, 0, 0.5, 0, 0, 0.5, 0, 0}, null,
        new double[] {unlimited, 0, 0, 0.3, 0.3, unlimited, unlimited, unlimited}, false,
        true, true);
    Subproblem sub = Subproblem.pose(new GeneratedProblem(x, y, weights, 4, true), 0.95, draw,
        0.011066237839776664);
    double floor = ModelState.CURVATURE_FLOOR;
    NewtonStep step = multinomialStep(sub, floor, MultinomialCoordinateDescent.Accelerations.ALL);
    assertTrue(step.converged() && step.sweeps() <= 12, "took " + step.sweeps()
        + " sweeps (converged " + step.converged() + ")");
    DataModel.of(sub, floor).checkStep(step.interceptChange(), step.changes(),
        step.etaChange(), step.modelDecrease(), step.sweeps(), INNER_TOLERANCE);
  }

  private static void assertSweeps(Subproblem sub, double floor,
      MultinomialCoordinateDescent.Accelerations accelerations, int bound) {
    NewtonStep step = multinomialStep(sub, floor, accelerations);
    assertTrue(step.converged() && step.sweeps() <= bound, accelerations + " took "
        + step.sweeps() + " sweeps (converged " + step.converged() + "), bound " + bound);
    DataModel.of(sub, floor).checkStep(step.interceptChange(), step.changes(),
        step.etaChange(), step.modelDecrease(), step.sweeps());
  }

  /** As {@link #collinearColumns}, three classes from the factor's softmax (z, -z, 0). */
  private static GeneratedProblem collinearClasses(int rows, int columns, double noise) {
    GeneratedProblem binary = collinearColumns(rows, columns, noise);
    java.util.Random random = new java.util.Random(7);
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      double z = binary.x()[i][0];
      double[] odds = {Math.exp(z), Math.exp(-z), 1};
      double u = random.nextDouble() * (odds[0] + odds[1] + odds[2]);
      y[i] = u < odds[0] ? 0 : u < odds[0] + odds[1] ? 1 : 2;
    }
    return new GeneratedProblem(binary.x(), y, binary.weights(), 3, false);
  }

  // ---------------------------------------------------------------------------------------
  // the model-space solver

  @Provide
  Arbitrary<double[]> unitValues() {
    return Arbitraries.doubles().between(-1, 1).ofScale(4).array(double[].class)
        .ofSize(MAX_VARIABLES * MAX_VARIABLES).withoutEdgeCases();
  }

  @Provide
  Arbitrary<double[]> penaltyValues() {
    // a third of the values zero: no l1, or no l2
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(0.01, 1).ofScale(4)))
        .array(double[].class).ofSize(MAX_VARIABLES).withoutEdgeCases();
  }

  @Provide
  Arbitrary<int[]> kinds() {
    return Arbitraries.integers().between(0, 9).array(int[].class).ofSize(MAX_VARIABLES)
        .withoutEdgeCases();
  }

  private static final int MAX_VARIABLES = 10;

  /**
   * {@link ModelSpaceSolver} minimises -rhs'm + 1/2 m'Bm + sum P(current + m): KKT at the
   * solution within the stopping rule's bound, frozen variables unmoved, no rise of the
   * model. B = A'A is positive semi-definite, singular when A has fewer rows than columns;
   * rhs = B z + s with s inside the l1 ball of each unit (zero on unpenalised variables),
   * so the model is bounded below. Unpenalised variables (some frozen, as an intercept of a
   * model without one) carry no l1, l2 or limits; penalised ones carry l1, l2, a scale and,
   * ungrouped, box limits; grouped, consecutive penalised variables form groups sharing l1,
   * l2 and scale.
   */
  @Property(tries = 150)
  void modelSpaceSolverSolvesItsModel(@ForAll @net.jqwik.api.constraints.IntRange(min = 1,
      max = MAX_VARIABLES) int size, @ForAll @net.jqwik.api.constraints.IntRange(min = 1,
      max = MAX_VARIABLES) int rank, @ForAll("unitValues") double[] factor,
      @ForAll("unitValues") double[] draws, @ForAll("penaltyValues") double[] l1s,
      @ForAll("penaltyValues") double[] l2s, @ForAll("kinds") int[] kinds,
      @ForAll boolean grouped, @ForAll @net.jqwik.api.constraints.IntRange(min = 1,
      max = 3) int groupSize) {
    int factorRows = Math.min(rank, size);
    Quadratic q = new Quadratic(size);
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        for (int r = 0; r < factorRows; r++) {
          q.curvature[v][u] += factor[r * size + v] * factor[r * size + u];
          q.curvatureMagnitude[v][u] += Math.abs(factor[r * size + v] * factor[r * size + u]);
        }
      }
      Assume.that(q.curvature[v][v] > 0);
    }
    // the draws: [0, size) the point z, [size, 2 size) the slack s, [2 size, 3 size) the
    // current values, [3 size, 4 size) the scales and limits
    double[] z = Arrays.copyOfRange(draws, 0, size);
    java.util.List<int[]> units = new java.util.ArrayList<>();
    java.util.List<Integer> group = new java.util.ArrayList<>();
    for (int v = 0; v < size; v++) {
      int kind = kinds[v];
      q.scale[v] = Math.pow(2, draws[3 * size + v]);
      q.lower[v] = Double.NEGATIVE_INFINITY;
      q.upper[v] = Double.POSITIVE_INFINITY;
      if (kind <= 2) {
        q.frozen[v] = kind == 0;
        units.add(new int[] {v});
        continue;
      }
      q.penalised[v] = true;
      if (grouped && !group.isEmpty()) {
        int first = group.get(0);
        q.l1[v] = q.l1[first];
        q.l2[v] = q.l2[first];
        q.scale[v] = q.scale[first];
      } else {
        q.l1[v] = l1s[v];
        q.l2[v] = l2s[v];
      }
      double limitDraw = draws[3 * size + v];
      if (!grouped && kind == 9) {
        q.lower[v] = limitDraw < 0 ? -0.3 : 0;
        q.upper[v] = limitDraw < 0 ? 0 : 0.3;
      } else if (!grouped && kind == 8) {
        q.lower[v] = limitDraw < 0 ? 0 : Double.NEGATIVE_INFINITY;
        q.upper[v] = limitDraw < 0 ? Double.POSITIVE_INFINITY : 0;
      }
      double start = kind % 2 == 0 ? 0 : draws[2 * size + v];
      q.current[v] = Math.min(Math.max(start, q.lower[v]), q.upper[v]);
      if (grouped) {
        group.add(v);
        if (group.size() == groupSize) {
          units.add(group.stream().mapToInt(Integer::intValue).toArray());
          group.clear();
        }
      } else {
        units.add(new int[] {v});
      }
    }
    if (!group.isEmpty()) {
      units.add(group.stream().mapToInt(Integer::intValue).toArray());
    }
    q.units = units.toArray(new int[0][]);
    q.groupedUnits = grouped;
    q.groupStepsPerVisit = ModelSpaceSolver.GROUP_STEPS;
    q.coupling = q.curvature;
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        q.linear[v] += q.curvature[v][u] * z[u];
        q.linearMagnitude[v] += q.curvatureMagnitude[v][u] * Math.abs(z[u]);
      }
    }
    for (int[] unit : q.units) {
      // within the unit's l1 ball (radius 0.9 l1), so the l1 term outgrows it
      for (int v : unit) {
        double slack = 0.9 * draws[size + v] * q.l1[v] / Math.sqrt(unit.length);
        q.linear[v] += slack;
        q.linearMagnitude[v] += Math.abs(slack);
      }
    }
    int[][] groups = grouped ? Arrays.stream(q.units).filter(u -> q.penalised[u[0]])
        .toArray(int[][]::new) : null;
    ModelSpaceSolver.VariablePenalty penalty = new ModelSpaceSolver.VariablePenalty(
        q.l1.clone(), q.l2.clone(), q.lower.clone(), q.upper.clone(), q.scale.clone(),
        q.penalised.clone(), q.frozen.clone(), groups);
    double[][] matrix = new double[size][];
    for (int v = 0; v < size; v++) {
      matrix[v] = q.curvature[v].clone();
    }
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(matrix, size,
        q.linear.clone(), q.current.clone(), penalty, INNER_TOLERANCE, MAX_SWEEPS);
    assertTrue(solution.converged(), "no convergence in " + solution.sweeps() + " sweeps");
    double[] move = solution.move();
    assertEquals(size, move.length);
    q.checkKkt(move, INNER_TOLERANCE, solution.sweeps(), 0, false);
    double value = 0;
    double magnitude = 0;
    for (int v = 0; v < size; v++) {
      value -= q.linear[v] * move[v];
      magnitude += Math.abs(q.linear[v] * move[v]);
      for (int u = 0; u < size; u++) {
        value += 0.5 * move[v] * q.curvature[v][u] * move[u];
        magnitude += Math.abs(move[v] * q.curvature[v][u] * move[u]);
      }
    }
    for (int[] unit : q.units) {
      double before = q.penalty(unit, q.current, null);
      double after = q.penalty(unit, q.current, move);
      value += after - before;
      magnitude += before + after;
    }
    // the solver descends from m = 0, where the model is 0; its sums round as these do
    assertTrue(value <= 8 * size * size * EPS * magnitude * (1 + solution.sweeps()),
        "the solution raises the model to " + value);
    Statistics.label("B").collect(factorRows < size ? "singular" : "regular");
    Statistics.label("penalty").collect(grouped ? "grouped" : "ungrouped");
    // about a fifth of the draws are singular; 5% fails about once in 10,000 runs
    Statistics.label("B").coverage(c -> c.check("singular").percentage(p -> p > 5));
  }

  /**
   * Found by {@link #modelSpaceSolverSolvesItsModel} (seed -4561083369709801507, shrunk): B
   * of rank 2 on nine variables, an unpenalised variable whose column equals a penalised
   * one's, and a variable at its upper limit 0.3 (stored an ulp above it, as current + move
   * rounds). The exact orthant solve included the variable at its limit, whose long step
   * was cut at length zero, so the solve did nothing and the sweeps crawled along the
   * nearly flat valley, their violation 1.03e-7 against a tolerance of 1e-7, for 10,000
   * sweeps. Variables at a limit are now held, as zeros are.
   */
  @Example
  void aVariableAtItsLimitDoesNotStallTheExactSolve() {
    double[] factor = {
        0.0, 0.0, 1.0E-4, 0.0, 0.0, -0.0025, 0.0, 0.0, -3.0E-4, 1.0E-4, 1.0E-4, 0.0, 1.0E-4,
        1.0E-4, 0.0, 1.0E-4, 1.0E-4, 0.1806, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, -0.004, 0.0269, 0.4741, -0.9049, -0.9382, 0.112, 2.0E-4, 0.4697, -0.0104,
        0.0018, 8.0E-4, -0.8971, 0.8793, -0.1558, -0.0103, -0.0092};
    double[] draws = {
        0.0286, 0.0011, 0.4627, 0.0038, -0.004, -0.1268, 0.01, 0.0078, -0.0516, -0.3256, -0.0031,
        -0.0069, 0.3063, -0.0276, -0.312, -0.0011, -0.0196, -2.0E-4, 6.0E-4, 0.0491, 0.0189,
        0.1572, 0.0011, 0.1065, 5.0E-4, 7.0E-4, -0.002, -0.9646, 0.228, 0.0018, 0.1447, 0.5466,
        0.0294, -0.0089, 0.3841, 0.0332, 0.0079, -0.2829, -0.6659, 5.0E-4, 0.1698, -0.1913,
        0.2593, 0.0022, -0.0831, 0.0049, -0.0107, -0.0668, 0.0026, -0.5863, -0.0016, -0.2858,
        -0.8234, 0.0017, 1.0E-4, -0.1953, -0.0108, 0.0113, 0.0917, -0.0089, 0.0069, -0.7389,
        0.0011, 0.1096, -0.0699, -0.0092, 0.2142, -0.0022, 0.0347, -0.1128, 0.0836, -5.0E-4,
        -0.7906, -0.0029, -0.0175, 0.3026, -0.0078, 0.0039, 0.407, 0.217, 0.0289, -0.037, -0.163,
        0.0163, -0.1512, 0.0991, 0.0123, 0.1133, -0.0029, 5.0E-4, 0.0116, 0.5478, 0.0029, -7.0E-4,
        -0.9401, 0.7093, -0.0142, -0.0013, 0.0455, -0.06};
    double[] l1s = {
        0.5099, 0.0106, 0.0, 0.0, 0.0228, 0.1867, 0.1547, 0.0, 0.0, 0.04};
    double[] l2s = {
        0.0149, 0.0, 0.0, 0.6513, 0.0161, 0.1653, 0.0, 0.0, 0.0194, 0.0};
    int[] kinds = {
        6, 7, 9, 8, 9, 8, 2, 9, 1, 1};
    modelSpaceSolverSolvesItsModel(9, 2, factor, draws, l1s, l2s, kinds, false, 2);
  }

  /**
   * The draws of seed -822678068359040273, whose 78th is a grouped model with a group
   * without l1 (an unpenalised column under the grouped penalty) on columns with
   * correlation -0.9994: the group steps alone did not converge in 10,000 sweeps; the
   * Newton step on the smooth support settles it. Pinned so that every run meets it.
   */
  @Property(tries = 78, seed = "-822678068359040273")
  void groupWithoutL1OnCollinearColumnsIsSolved(@ForAll @net.jqwik.api.constraints.IntRange(
      min = 1, max = MAX_VARIABLES) int size, @ForAll @net.jqwik.api.constraints.IntRange(
      min = 1, max = MAX_VARIABLES) int rank, @ForAll("unitValues") double[] factor,
      @ForAll("unitValues") double[] draws, @ForAll("penaltyValues") double[] l1s,
      @ForAll("penaltyValues") double[] l2s, @ForAll("kinds") int[] kinds,
      @ForAll boolean grouped, @ForAll @net.jqwik.api.constraints.IntRange(min = 1,
      max = 3) int groupSize) {
    modelSpaceSolverSolvesItsModel(size, rank, factor, draws, l1s, l2s, kinds, grouped,
        groupSize);
  }

  // ---------------------------------------------------------------------------------------
  // the one-dimensional shift

  /**
   * {@link ShiftSolver#minimise} returns a minimiser of the convex
   * f(t) = h/2 t^2 - g t + sum_k [l1 |c_k + t| + l2/2 (c_k + t)^2]: its left derivative is
   * at most zero and its right derivative at least zero (up to rounding). When f is
   * piecewise linear (h = l2 = 0) and flat on an interval of minimisers, the one nearest
   * zero is returned: the derivative towards zero is then strictly positive. (Seed
   * -5190634593558770670 found the solver stopping at the left end of such an interval,
   * -1e-4, when zero lay inside it.)
   */
  @Property(tries = 300)
  void shiftSolverFindsTheMinimiser(@ForAll("penaltyValues") double[] values,
      @ForAll("unitValues") double[] draws, @ForAll @net.jqwik.api.constraints.IntRange(
          min = 1, max = 5) int classes, @ForAll boolean gridOffsets,
      @ForAll boolean piecewiseLinear) {
    // h = l2 = 0 is the shape of the unfloored multinomial model: flat but for the l1 term
    double h = piecewiseLinear ? 0 : values[0];
    double l1 = values[1];
    double l2 = piecewiseLinear ? 0 : values[2];
    double g = 3 * draws[0];
    double[] c = new double[classes];
    for (int k = 0; k < classes; k++) {
      // on a coarse grid, offsets repeat and breakpoints coincide
      c[k] = gridOffsets ? Math.rint(4 * draws[k + 1]) / 4 : draws[k + 1];
    }
    // f must be bounded below: strictly convex, or l1 outgrowing the linear term
    Assume.that(h + classes * l2 > 0 || Math.abs(g) < classes * l1);
    double t = ShiftSolver.minimise(h, g, c, l1, l2);
    double left = h * t - g;
    double right = h * t - g;
    double magnitude = Math.abs(h * t) + Math.abs(g);
    for (double offset : c) {
      double z = offset + t;
      left += l2 * z + (z > 0 ? l1 : -l1);
      right += l2 * z + (z >= 0 ? l1 : -l1);
      // c_k + t cancels: it rounds on the scale of |c_k| + |t|
      magnitude += l2 * (Math.abs(offset) + Math.abs(t)) + l1;
    }
    // the breakpoint is found as -c_k + rounding of a few terms
    double rounding = 16 * classes * EPS * magnitude;
    assertTrue(left <= rounding && right >= -rounding, "t = " + t + " is no minimiser: "
        + "derivatives " + left + ", " + right);
    if (h == 0 && l2 == 0 && t != 0) {
      assertTrue(t > 0 ? left < 0 : right > 0, "t = " + t + " is not the minimiser "
          + "nearest zero: derivatives " + left + ", " + right);
    }
    Statistics.label("shape").collect(h + classes * l2 > 0 ? "strictly convex"
        : "piecewise linear");
    Statistics.label("shape").coverage(cover -> cover.check("piecewise linear")
        .percentage(p -> p > 20));
  }

  private static void cover(GeneratedProblem generated, double alpha,
      FitProperties.OptionDraw draw, Subproblem sub) {
    Generators.coverAlpha(alpha, true);
    Statistics.label("design").collect(generated.sparse() ? "sparse" : "dense");
    Statistics.label("weights").collect(generated.weighted() ? "weighted" : "unweighted");
    Statistics.label("options").collect(draw.describe().isEmpty() ? "none" : "some");
    Statistics.label("start").collect(sub.initialActive.length == 0 ? "all zero"
        : "non-zero coefficients");
    // the design is a fair coin (Generators.problems): over 100 tries, more than 30% of
    // each failed by chance about once in 13,000 property runs, more than 25% once in
    // 1.8 million (as in DesignMatrixProperties)
    Statistics.label("design").coverage(c -> {
      c.check("sparse").percentage(p -> p > 25);
      c.check("dense").percentage(p -> p > 25);
    });
    Statistics.label("start").coverage(c ->
        c.check("non-zero coefficients").percentage(p -> p > 30));
  }

  private static Set<Integer> asSet(int[] values) {
    Set<Integer> set = new HashSet<>();
    for (int v : values) {
      set.add(v);
    }
    return set;
  }

  /**
   * A Newton subproblem as the path poses it: the state after a few Newton iterations at a
   * larger lambda (so that some coefficients are non-zero and the probabilities are not the
   * null model's), the penalty at a smaller lambda, the strong columns as candidates and the
   * non-zero ones as the initially active.
   */
  private record Subproblem(GeneratedProblem generated, FitContext context, ModelState state,
      ScaledPenalty penalty, int[] candidates, int[] initialActive) {

    static Subproblem pose(GeneratedProblem generated, double alpha,
        FitProperties.OptionDraw draw, double fraction) {
      ReferenceObjective.Options options = draw.options(alpha, generated.columns());
      FitSettings settings = options.settings().threads(1).build();
      LogisticProblem problem = generated.problem();
      FitContext context = new FitContext(problem, settings.penalty(problem.columns()),
          options.standardize(), options.intercept());
      SolverControl control = settings.control();
      ModelState state = LambdaPath.startState(context, control);
      WorkingSet working = new WorkingSet(context);
      double lambdaMax = LambdaPath.lambdaMax(context, state, working);
      Assume.that(lambdaMax > 0 && Double.isFinite(lambdaMax));
      double earlier = Math.sqrt(fraction) * lambdaMax;
      double lambda = Math.sqrt(fraction) * earlier;
      if (alpha == 0) {
        working.admitAll();
      } else {
        working.applyStrongRule(state, earlier, lambdaMax);
      }
      new ProximalNewton(context).solve(state, new ScaledPenalty(context, earlier), working,
          new SolverControl(control.tolerance(), 3, control.maxSweeps()));
      if (alpha > 0) {
        working.applyStrongRule(state, lambda, earlier);
      }
      int[] candidates = working.strongColumns().clone();
      int[] active = Arrays.stream(candidates).filter(j -> {
        for (double[] block : state.coef) {
          if (block[j] != 0) {
            return true;
          }
        }
        return false;
      }).toArray();
      return new Subproblem(generated, context, state, new ScaledPenalty(context, lambda),
          candidates, active);
    }
  }

  /**
   * The oracle of the data-space model, made by plain loops over the raw design. Variables:
   * the block intercepts (with an intercept), then block k's coefficient of candidate a at
   * index intercepts + a * blocks + k.
   */
  private static final class DataModel {
    final Subproblem sub;
    final int blocks;
    final int rows;
    final int[] candidates;
    final int intercepts;
    /** The solver's design, x_ij - offset_j (the intercept absorbs the offsets). */
    final double[][] x;
    /** g_ik, the negative eta-gradient of block k. */
    final double[][] g;
    /** H_i, blocks x blocks. */
    final double[][][] h;
    final Quadratic quadratic;

    private DataModel(Subproblem sub, double floor) {
      this.sub = sub;
      FitContext context = sub.context;
      this.blocks = context.blocks;
      this.rows = context.rows;
      this.candidates = sub.candidates;
      this.intercepts = context.intercept ? blocks : 0;
      double[][] raw = sub.generated.x();
      this.x = new double[rows][context.columns];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < context.columns; j++) {
          x[i][j] = raw[i][j] - context.design.columnOffset(j);
        }
      }
      double[] w = context.weights;
      this.g = new double[rows][blocks];
      this.h = new double[rows][blocks][blocks];
      for (int i = 0; i < rows; i++) {
        // the multinomial floor lies off "all classes up by one" (DescentMultinomialModel)
        double excess = context.binomial ? 0
            : DescentMultinomialModel.floorExcess(sub.state, i, w[i], floor);
        for (int k = 0; k < blocks; k++) {
          int classK = context.binomial ? 1 : k;
          double p = sub.state.prob[classK][i];
          g[i][k] = w[i] * ((context.classes[i] == classK ? 1 : 0) - p);
          for (int l = 0; l < blocks; l++) {
            double pl = sub.state.prob[context.binomial ? 1 : l][i];
            if (context.binomial) {
              h[i][k][l] = w[i] * Math.max(p * (1 - p), floor);
            } else {
              h[i][k][l] = k == l ? w[i] * p * (1 - p) + excess * (blocks - 1) / blocks
                  : -w[i] * p * pl - excess / blocks;
            }
          }
        }
      }
      this.quadratic = build();
    }

    static DataModel of(Subproblem sub, double floor) {
      return new DataModel(sub, floor);
    }

    int size() {
      return intercepts + candidates.length * blocks;
    }

    int block(int v) {
      return v < intercepts ? v : (v - intercepts) % blocks;
    }

    /** The row's value of variable v's column: 1 for an intercept. */
    double value(int row, int v) {
      return v < intercepts ? 1.0 : x[row][candidates[(v - intercepts) / blocks]];
    }

    /**
     * |x_ij| + max_i |x_ij|, the scale of the stored value's rounding (1 for an intercept):
     * a dense column is stored centred on its mean (|mean| at most max_i |x_ij|), and
     * without an intercept the mean is added back.
     */
    double rawMagnitude(int row, int v) {
      if (v < intercepts) {
        return 1;
      }
      int j = candidates[(v - intercepts) / blocks];
      double largest = 0;
      for (double[] r : sub.generated.x()) {
        largest = Math.max(largest, Math.abs(r[j]));
      }
      return Math.abs(sub.generated.x()[row][j]) + largest;
    }

    private Quadratic build() {
      int size = size();
      ScaledPenalty penalty = sub.penalty;
      Quadratic q = new Quadratic(size);
      for (int v = 0; v < size; v++) {
        int k = block(v);
        for (int i = 0; i < rows; i++) {
          q.linear[v] += value(i, v) * g[i][k];
          q.linearMagnitude[v] += Math.abs(value(i, v) * g[i][k]);
        }
        for (int u = 0; u <= v; u++) {
          int l = block(u);
          double sum = 0;
          double absolute = 0;
          for (int i = 0; i < rows; i++) {
            sum += value(i, v) * h[i][k][l] * value(i, u);
            absolute += Math.abs(value(i, v) * h[i][k][l] * value(i, u));
          }
          q.curvature[v][u] = sum;
          q.curvature[u][v] = sum;
          q.curvatureMagnitude[v][u] = absolute;
          q.curvatureMagnitude[u][v] = absolute;
        }
        if (v < intercepts) {
          q.scale[v] = 1;
          q.lower[v] = Double.NEGATIVE_INFINITY;
          q.upper[v] = Double.POSITIVE_INFINITY;
        } else {
          int j = candidates[(v - intercepts) / blocks];
          q.current[v] = sub.state.coef[k][j];
          q.penalised[v] = true;
          q.l1[v] = penalty.l1[j];
          q.l2[v] = penalty.l2[j];
          q.lower[v] = penalty.lower[j];
          q.upper[v] = penalty.upper[j];
          q.scale[v] = penalty.scale[j];
        }
      }
      boolean binomial = sub.context.binomial;
      int unitCount = (binomial ? 0 : intercepts) + candidates.length
          * (penalty.grouped ? 1 : blocks);
      int[][] units = new int[unitCount][];
      int u = 0;
      if (!binomial) {
        for (int v = 0; v < intercepts; v++) {
          units[u++] = new int[] {v};
        }
      }
      for (int a = 0; a < candidates.length; a++) {
        int first = intercepts + a * blocks;
        if (penalty.grouped) {
          units[u++] = java.util.stream.IntStream.range(first, first + blocks).toArray();
        } else {
          for (int k = 0; k < blocks; k++) {
            units[u++] = new int[] {first + k};
          }
        }
      }
      q.units = units;
      q.groupedUnits = penalty.grouped;
      // the binomial solver re-profiles its intercept after every move, so the coefficients
      // are coupled through the Schur complement of the intercept
      q.coupling = binomial && intercepts == 1 ? schurComplement(q.curvature)
          : q.curvature;
      return q;
    }

    /** M_uv - M_u0 M_0v / M_00: the curvature with the intercept (variable 0) profiled. */
    private static double[][] schurComplement(double[][] m) {
      int n = m.length;
      double[][] out = new double[n][n];
      for (int u = 1; u < n; u++) {
        for (int v = 1; v < n; v++) {
          out[u][v] = m[u][v] - m[u][0] * m[0][v] / m[0][0];
        }
      }
      return out;
    }

    /**
     * Checks a step given as intercept moves and [block][column] coefficient moves against
     * the oracle.
     */
    void checkStep(double[] interceptChange, double[][] changes, double[][] etaChange,
        double modelDecrease, int sweeps) {
      checkStep(interceptChange, changes, etaChange, modelDecrease, sweeps, INNER_TOLERANCE);
    }

    /** As above, for a solve to the given inner tolerance; NaN: no KKT check (no convergence). */
    void checkStep(double[] interceptChange, double[][] changes, double[][] etaChange,
        double modelDecrease, int sweeps, double tolerance) {
      FitContext context = sub.context;
      Set<Integer> candidateSet = asSet(candidates);
      for (int k = 0; k < blocks; k++) {
        for (int j = 0; j < context.columns; j++) {
          if (!candidateSet.contains(j)) {
            assertEquals(0.0, changes[k][j], "column " + j + " is no candidate but moved");
          }
        }
      }
      double[] d = new double[size()];
      for (int v = 0; v < size(); v++) {
        int k = block(v);
        d[v] = v < intercepts ? interceptChange[k]
            : changes[k][candidates[(v - intercepts) / blocks]];
      }
      // (b) etaChange = d0 + X d, row by row; the solver sums the same few terms in another
      // order, and its stored x_ij - offset_j rounds on the scale of |x_ij| + |offset_j|
      double[][] e = new double[rows][blocks];
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < blocks; k++) {
          double magnitude = 0;
          for (int v = 0; v < size(); v++) {
            if (block(v) == k) {
              e[i][k] += value(i, v) * d[v];
              magnitude += rawMagnitude(i, v) * Math.abs(d[v]);
            }
          }
          assertEquals(e[i][k], etaChange[k][i], 4 * size() * EPS * magnitude + Double.MIN_VALUE,
              "eta change of row " + i + ", block " + k);
        }
      }
      // (c) modelDecrease = -sum g e + P(b + d) - P(b); the penalty over the blocks is the
      // group norm when grouped
      double gradientTerm = 0;
      double curvatureTerm = 0;
      double magnitude = 0;
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < blocks; k++) {
          gradientTerm -= g[i][k] * e[i][k];
          magnitude += Math.abs(g[i][k] * e[i][k]);
          for (int l = 0; l < blocks; l++) {
            curvatureTerm += 0.5 * e[i][k] * h[i][k][l] * e[i][l];
          }
        }
      }
      double penaltyChange = 0;
      for (int[] unit : quadratic.units) {
        double before = quadratic.penalty(unit, quadratic.current, null);
        double after = quadratic.penalty(unit, quadratic.current, d);
        penaltyChange += after - before;
        magnitude += Math.abs(after) + Math.abs(before);
      }
      // rounding of the sums: a few hundred terms, each a product of a few factors
      double rounding = 8 * (rows * blocks + size()) * EPS * magnitude + Double.MIN_VALUE;
      assertEquals(gradientTerm + penaltyChange, modelDecrease, rounding,
          "the predicted decrease is not -g'e + P(b + d) - P(b)");
      // a solver that starts at d = 0 and only descends ends no higher than q(0) = 0
      double modelValue = gradientTerm + curvatureTerm + penaltyChange;
      assertTrue(modelValue <= rounding * (1 + sweeps),
          "the step raises the model to " + modelValue);
      // (a) the KKT conditions of the model at the step
      if (!Double.isNaN(tolerance)) {
        quadratic.checkKkt(d, tolerance, sweeps, rows, intercepts == 1
            && sub.context.binomial);
      }
    }
  }

  /**
   * The model -r'd + 1/2 d'Md + sum_units P_u(c_u + d_u) - P_u(c_u), with a unit either one
   * coordinate (penalty l1 |b| + l2/2 b^2 in [lower, upper], or none when unpenalised) or a
   * group (l1 ||b|| + l2/2 ||b||^2, no limits, the members sharing l1, l2 and scale).
   */
  private static final class Quadratic {
    final double[][] curvature;
    final double[] linear;
    /** The sums of absolute terms behind curvature and linear: the scale of their rounding. */
    final double[][] curvatureMagnitude;
    final double[] linearMagnitude;
    final double[] current;
    final double[] l1;
    final double[] l2;
    final double[] lower;
    final double[] upper;
    final double[] scale;
    final boolean[] penalised;
    final boolean[] frozen;
    int[][] units;
    boolean groupedUnits;
    /** The curvature through which a move of one unit changes the others' gradients. */
    double[][] coupling;
    /**
     * The proximal steps of one group visit: the stopping rule measures the largest, so a
     * visit moves a group by at most this many times the measured bound.
     */
    int groupStepsPerVisit = 1;

    Quadratic(int size) {
      curvature = new double[size][size];
      linear = new double[size];
      curvatureMagnitude = new double[size][size];
      linearMagnitude = new double[size];
      current = new double[size];
      l1 = new double[size];
      l2 = new double[size];
      lower = new double[size];
      upper = new double[size];
      scale = new double[size];
      penalised = new boolean[size];
      frozen = new boolean[size];
    }

    /** The unit's penalty at current + move (move null: at current). */
    double penalty(int[] unit, double[] current, double[] move) {
      if (!penalised[unit[0]]) {
        return 0;
      }
      if (groupedUnits && penalised[unit[0]]) {
        double squares = 0;
        for (int v : unit) {
          double b = current[v] + (move == null ? 0 : move[v]);
          squares += b * b;
        }
        return l1[unit[0]] * Math.sqrt(squares) + 0.5 * l2[unit[0]] * squares;
      }
      double sum = 0;
      for (int v : unit) {
        double b = current[v] + (move == null ? 0 : move[v]);
        sum += l1[v] * Math.abs(b) + 0.5 * l2[v] * b * b;
      }
      return sum;
    }

    /**
     * Asserts the KKT conditions at current + d: per unit, the distance from zero of the
     * subdifferential (restricted to feasible directions at a limit), divided by the scale,
     * is within the stopping rule's bound (class javadoc) plus rounding. With
     * {@code profiledIntercept}, variable 0 is an intercept re-profiled after every move:
     * its gradient is zero up to rounding and it is no unit of its own.
     */
    void checkKkt(double[] d, double tolerance, int sweeps, int rows,
        boolean profiledIntercept) {
      int size = linear.length;
      double[] gradient = new double[size];
      double[] magnitude = new double[size];
      for (int v = 0; v < size; v++) {
        gradient[v] = -linear[v];
        magnitude[v] = linearMagnitude[v];
        for (int u = 0; u < size; u++) {
          gradient[v] += curvature[v][u] * d[u];
          magnitude[v] += curvatureMagnitude[v][u] * Math.abs(d[u]);
        }
        // the solvers hold the value c + d as the move d from c: it rounds on the scale of
        // |c| + |d|, a gradient of h times that
        magnitude[v] += curvatureMagnitude[v][v] * (Math.abs(current[v]) + Math.abs(d[v]));
      }
      // the solvers update their gradients incrementally, each move adding rounding of
      // relative size EPS; at most sweeps * size moves, on top of the sums' own rounding
      double roundingFactor = 16 * EPS * ((sweeps + 1.0) * size + rows + 4);
      if (profiledIntercept) {
        assertEquals(0.0, gradient[0], roundingFactor * magnitude[0] + Double.MIN_VALUE,
            "the intercept's gradient");
      }
      double[] moveBound = new double[units.length];
      for (int a = 0; a < units.length; a++) {
        int[] unit = units[a];
        double largest = 0;
        for (int v : unit) {
          largest = Math.max(largest, coupling[v][v]);
        }
        int steps = groupedUnits && penalised[unit[0]] ? groupStepsPerVisit : 1;
        moveBound[a] = frozen[unit[0]] ? 0
            : steps * tolerance * scale[unit[0]] / (largest + l2[unit[0]]);
      }
      for (int a = 0; a < units.length; a++) {
        int[] unit = units[a];
        if (frozen[unit[0]]) {
          for (int v : unit) {
            assertEquals(0.0, d[v], "frozen variable " + v + " moved");
          }
          continue;
        }
        double coupled = 0;
        for (int b = 0; b < units.length; b++) {
          if (b != a) {
            coupled += blockNorm(unit, units[b]) * moveBound[b];
          }
        }
        boolean group = groupedUnits && penalised[unit[0]];
        // a group's own move is one majorised proximal step, which leaves at most the
        // tolerance; a coordinate's move is exact
        double own = group ? tolerance : 0;
        double rounding = 0;
        for (int v : unit) {
          rounding += roundingFactor * (magnitude[v] + l1[v]
              + l2[v] * (Math.abs(current[v]) + Math.abs(d[v])));
        }
        double bound = own + (coupled + rounding) / scale[unit[0]];
        double violation = group ? groupViolation(unit, gradient, d)
            : coordinateViolation(unit[0], gradient[unit[0]], d[unit[0]]);
        assertTrue(violation <= bound, "KKT violation " + violation + " of unit "
            + Arrays.toString(unit) + " above its bound " + bound + " (value "
            + (current[unit[0]] + d[unit[0]]) + ", gradient " + gradient[unit[0]] + ")");
      }
    }

    /** The Frobenius norm of the coupling between two units. */
    private double blockNorm(int[] left, int[] right) {
      double sum = 0;
      for (int u : left) {
        for (int v : right) {
          sum += coupling[u][v] * coupling[u][v];
        }
      }
      return Math.sqrt(sum);
    }

    /**
     * The distance from zero of the subdifferential of coordinate v that points into its
     * box, over its scale: with s = smooth gradient + l2 b, the right derivative
     * s + l1 sign+(b) must not be negative unless b is at its upper limit, the left one
     * s + l1 sign-(b) not positive unless b is at its lower limit.
     */
    double coordinateViolation(int v, double gradient, double move) {
      double b = current[v] + move;
      if (!penalised[v]) {
        return Math.abs(gradient) / scale[v];
      }
      // a solver clipped to a limit stores the move limit - current, and current + move
      // may round to a neighbour of the limit: within that rounding it is at the limit
      double lowerSlack = limitSlack(current[v], lower[v]);
      double upperSlack = limitSlack(current[v], upper[v]);
      assertTrue(b >= lower[v] - lowerSlack && b <= upper[v] + upperSlack, "variable " + v
          + " at " + b + " outside its limits [" + lower[v] + ", " + upper[v] + "]");
      double smooth = gradient + l2[v] * b;
      double right = smooth + (b >= 0 ? l1[v] : -l1[v]);
      double left = smooth + (b > 0 ? l1[v] : -l1[v]);
      double violation = 0;
      if (b < upper[v] - upperSlack) {
        violation = Math.max(violation, -right);
      }
      if (b > lower[v] + lowerSlack) {
        violation = Math.max(violation, left);
      }
      return violation / scale[v];
    }

    /** The rounding of current + (limit - current) about a finite limit; none at infinity. */
    private static double limitSlack(double current, double limit) {
      return Double.isInfinite(limit) ? 0 : 2 * EPS * (Math.abs(current) + Math.abs(limit));
    }

    /**
     * The group's violation over its scale: ||G + l2 b + l1 b / ||b|| || when b != 0, else
     * max(0, ||G|| - l1).
     */
    double groupViolation(int[] unit, double[] gradient, double[] move) {
      double norm = 0;
      for (int v : unit) {
        double b = current[v] + move[v];
        norm += b * b;
      }
      norm = Math.sqrt(norm);
      double sum = 0;
      for (int v : unit) {
        double b = current[v] + move[v];
        double r = norm > 0 ? gradient[v] + l2[v] * b + l1[v] * b / norm : gradient[v];
        sum += r * r;
      }
      double length = Math.sqrt(sum);
      return (norm > 0 ? length : Math.max(0, length - l1[unit[0]])) / scale[unit[0]];
    }
  }
}
