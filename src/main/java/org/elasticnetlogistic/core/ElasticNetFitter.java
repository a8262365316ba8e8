package org.elasticnetlogistic.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits elastic-net logistic regression (Friedman, Hastie and Tibshirani 2010, JSS 33(1)):
 *
 * <pre>
 *   minimise (1/W) sum_i w_i l_i + lambda sum_k sum_j v_j [ (1-alpha)/2 bt_kj^2 + alpha |bt_kj| ]
 * </pre>
 *
 * <p>with l_i the negative log-likelihood of the binomial (two classes) or symmetric
 * multinomial model and bt the coefficients of the standardised columns. With no fixed
 * lambda it solves glmnet's path and chooses lambda by cross-validation (or takes the last
 * lambda without it). Classes with no training weight are left out of the model and get
 * probability zero.
 */
public final class ElasticNetFitter {

  /** A fixed lambda is reached along a geometric path with this many lambdas per decade. */
  static final int SHORT_PATH_LAMBDAS_PER_DECADE = 5;
  /** The KKT tolerance of the warm-start lambdas of a short path. */
  static final double SHORT_PATH_TOLERANCE = 1e-5;

  private ElasticNetFitter() {
  }

  /**
   * @throws IllegalArgumentException when fewer than two classes have weight, or when there
   *     are more folds than rows with weight
   */
  public static ElasticNetFit fit(LogisticProblem problem, FitSettings settings,
      ProgressListener listener) {
    ClassSubset subset = ClassSubset.of(problem);
    if (subset.modelled.length < 2) {
      throw new IllegalArgumentException("only one class (index " + subset.modelled[0]
          + ") has training weight; a classifier needs at least two");
    }
    if (settings.hasFixedLambda()) {
      RegularizationPath path;
      try (Parallelism parallel = new Parallelism(settings.threads())) {
        path = solveAt(problem, settings, settings.lambda(), parallel);
      }
      return new ElasticNetFit(settings, path, null, 0, ElasticNetFit.LambdaChoice.FIXED,
          problem.totalWeight());
    }
    int rows = problem.rowsWithWeight();
    if (settings.folds() > rows) {
      throw new IllegalArgumentException("cannot make " + settings.folds()
          + " cross-validation folds from " + rows + " rows with weight");
    }
    RegularizationPath path;
    try (Parallelism parallel = new Parallelism(settings.threads())) {
      path = defaultPath(problem, settings, listener, parallel);
    }
    if (settings.folds() == 0) {
      return new ElasticNetFit(settings, path, null, path.size() - 1,
          ElasticNetFit.LambdaChoice.SMALLEST_ON_PATH, problem.totalWeight());
    }
    CrossValidationResult cv = CrossValidation.run(problem, settings, path.lambdas(),
        listener);
    return new ElasticNetFit(settings, path, cv, cv.selectedIndex(settings.selection()),
        ElasticNetFit.LambdaChoice.CROSS_VALIDATION, problem.totalWeight());
  }

  /** glmnet's default path: lambda_max down to ratio * lambda_max, with early stopping. */
  static RegularizationPath defaultPath(LogisticProblem problem, FitSettings settings,
      ProgressListener listener, Parallelism parallel) {
    PathStart start = PathStart.of(problem, settings, parallel);
    double ratio = Double.isNaN(settings.lambdaMinRatio())
        ? (problem.rowsWithWeight() < problem.columns() ? 1e-2 : 1e-4)
        : settings.lambdaMinRatio();
    List<PathPoint> points;
    LambdaPath runner = new LambdaPath(start.context, settings.control(), listener);
    if (!(start.lambdaMax > 0)) {
      // no column can enter: the path is the null model, announced like any point
      points = List.of(runner.nullPoint(start.state, 0.0, start.nullDeviance));
      listener.pathPoint(0, points.get(0));
    } else {
      double[] lambdas = geometric(start.lambdaMax, ratio, settings.numLambdas());
      boolean[] record = new boolean[lambdas.length];
      Arrays.fill(record, true);
      points = runner.run(lambdas, record, settings.control().tolerance(), true, start.state,
          start.working, settings.alpha() > 0);
    }
    return path(problem, start, settings, points);
  }

  /** Solves one fixed lambda, reached along a short path from lambda_max. */
  static RegularizationPath solveAt(LogisticProblem problem, FitSettings settings,
      double lambda, Parallelism parallel) {
    PathStart start = PathStart.of(problem, settings, parallel);
    LambdaPath runner = new LambdaPath(start.context, settings.control(),
        ProgressListener.NONE);
    List<PathPoint> points;
    if (lambda >= start.lambdaMax && settings.alpha() > 0) {
      // at and above lambda_max the lasso part zeroes everything; pure ridge never does
      points = List.of(runner.nullPoint(start.state, lambda, start.nullDeviance));
    } else {
      double[] lambdas = shortPath(start.lambdaMax, lambda, settings.alpha());
      boolean[] record = new boolean[lambdas.length];
      record[lambdas.length - 1] = true;
      points = runner.run(lambdas, record, SHORT_PATH_TOLERANCE, false, start.state,
          start.working, false);
    }
    return path(problem, start, settings, points);
  }

  /**
   * What a path over the full data begins with: the modelled classes, the fit's context, the
   * intercept-only state (moved along the path), its working set, lambda_max and the null
   * deviance.
   */
  private record PathStart(ClassSubset subset, FitContext context, ModelState state,
      WorkingSet working, double lambdaMax, double nullDeviance) {

    static PathStart of(LogisticProblem problem, FitSettings settings,
        Parallelism parallel) {
      ClassSubset subset = ClassSubset.of(problem);
      FitContext context = subset.context(settings, parallel);
      ModelState state = LambdaPath.startState(context, settings.control());
      WorkingSet working = new WorkingSet(context);
      double lambdaMax = LambdaPath.lambdaMax(context, state, working);
      double nullDeviance = 2 * ModelState.nullModel(context).loss();
      return new PathStart(subset, context, state, working, lambdaMax, nullDeviance);
    }
  }

  /**
   * Fits the given decreasing lambdas with no early stopping (cross-validation folds).
   * A problem with one class of positive weight gives a constant model at every lambda.
   */
  static List<LinearClassifier> classifiersAlong(LogisticProblem problem,
      FitSettings settings, double[] lambdas) {
    ClassSubset subset = ClassSubset.of(problem);
    List<LinearClassifier> out = new ArrayList<>(lambdas.length);
    if (subset.modelled.length < 2) {
      Coefficients constant = new Coefficients(new double[1], new double[1][problem.columns()]);
      LinearClassifier model = new LinearClassifier(problem.numClasses(), subset.modelled,
          constant);
      for (int k = 0; k < lambdas.length; k++) {
        out.add(model);
      }
      return out;
    }
    FitContext context = subset.context(settings);
    ModelState state = LambdaPath.startState(context, settings.control());
    WorkingSet working = new WorkingSet(context);
    LambdaPath.lambdaMax(context, state, working);
    LambdaPath runner = new LambdaPath(context, settings.control(), ProgressListener.NONE);
    boolean[] record = new boolean[lambdas.length];
    Arrays.fill(record, true);
    // a fold solves every lambda of the full-data sequence exactly, as cv.glmnet does
    List<PathPoint> points = runner.run(lambdas, record, settings.control().tolerance(),
        false, state, working, false);
    if (settings.isRelaxed()) {
      // only the coefficients are kept: the relaxed points' deviance ratios need no null
      // deviance (0 reports them as 0)
      List<PathPoint> relaxed = new ArrayList<>(points.size());
      for (Relaxation.RelaxedPoint point : Relaxation.relax(context, points, settings.relax(),
          settings.control(), 0.0)) {
        relaxed.add(point.point());
      }
      points = relaxed;
    }
    for (PathPoint point : points) {
      out.add(new LinearClassifier(problem.numClasses(), subset.modelled,
          point.coefficients()));
    }
    return out;
  }

  /** The path of these points, relaxed when the settings ask for it. */
  private static RegularizationPath path(LogisticProblem problem, PathStart start,
      FitSettings settings, List<PathPoint> points) {
    FitContext context = start.context;
    int guarded = -1;
    List<PathPoint> kept = points;
    if (settings.isRelaxed()) {
      guarded = 0;
      kept = new ArrayList<>(points.size());
      for (Relaxation.RelaxedPoint relaxed : Relaxation.relax(context, points,
          settings.relax(), settings.control(), start.nullDeviance)) {
        kept.add(relaxed.point());
        guarded += relaxed.guarded() ? 1 : 0;
      }
    }
    return new RegularizationPath(problem.numClasses(), start.subset.modelled,
        start.lambdaMax, start.nullDeviance, kept, scales(context), guarded);
  }

  /** The standardisation scale of every column (1 for constant columns). */
  private static double[] scales(FitContext context) {
    double[] out = new double[context.columns];
    for (int j = 0; j < out.length; j++) {
      out[j] = context.standardization.scale(j);
    }
    return out;
  }

  /** n lambdas from lambdaMax down to ratio * lambdaMax, evenly spaced in log scale. */
  static double[] geometric(double lambdaMax, double ratio, int count) {
    double[] lambdas = new double[count];
    for (int k = 0; k < count; k++) {
      lambdas[k] = count == 1 ? lambdaMax
          : lambdaMax * Math.pow(ratio, (double) k / (count - 1));
    }
    return lambdas;
  }

  /**
   * The lambdas from just below lambdaMax down to the target, SHORT_PATH_LAMBDAS_PER_DECADE
   * per decade; ridge (alpha = 0) has no sparsity to follow and starts at the target.
   */
  static double[] shortPath(double lambdaMax, double target, double alpha) {
    if (alpha == 0) {
      return new double[] {target};
    }
    double decades = Math.log10(lambdaMax / target);
    int steps = Math.max(1, (int) Math.ceil(decades * SHORT_PATH_LAMBDAS_PER_DECADE));
    double[] lambdas = new double[steps];
    for (int s = 1; s <= steps; s++) {
      lambdas[s - 1] = lambdaMax * Math.pow(target / lambdaMax, (double) s / steps);
    }
    lambdas[steps - 1] = target;
    return lambdas;
  }

  /**
   * The classes with positive weight and, when some class has none, the problem restricted
   * to them with classes renumbered.
   */
  static final class ClassSubset {
    final LogisticProblem original;
    final int[] modelled;
    final LogisticProblem reduced;

    private ClassSubset(LogisticProblem original, int[] modelled, LogisticProblem reduced) {
      this.original = original;
      this.modelled = modelled;
      this.reduced = reduced;
    }

    static ClassSubset of(LogisticProblem problem) {
      double[] proportion = problem.classProportions();
      int count = 0;
      for (double p : proportion) {
        if (p > 0) {
          count++;
        }
      }
      int[] modelled = new int[count];
      int[] newIndex = new int[proportion.length];
      for (int k = 0, c = 0; k < proportion.length; k++) {
        newIndex[k] = proportion[k] > 0 ? c : 0;
        if (proportion[k] > 0) {
          modelled[c++] = k;
        }
      }
      if (count == proportion.length || count < 2) {
        return new ClassSubset(problem, modelled, problem);
      }
      int n = problem.rows();
      int[] classes = new int[n];
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        classes[i] = newIndex[problem.classOf(i)];
        weights[i] = problem.weight(i);
      }
      return new ClassSubset(problem, modelled,
          new LogisticProblem(problem.design(), classes, weights, count));
    }

    FitContext context(FitSettings settings) {
      return context(settings, Parallelism.SERIAL);
    }

    FitContext context(FitSettings settings, Parallelism parallel) {
      return new FitContext(reduced, settings.penalty(reduced.columns()),
          settings.standardize(), settings.intercept(), parallel);
    }
  }
}
