package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * Validated settings of a fit. Every value is checked when the settings are built, so a
 * fit never starts from a bad option. Immutable; build with {@link #builder()}.
 */
public final class FitSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How lambda is chosen from the cross-validation curve. */
  public enum Selection {
    /** The lambda with the best mean CV measure. */
    MIN,
    /** The largest lambda whose mean is within one standard error of the best. */
    ONE_SE
  }

  /** The cross-validation measure. */
  public enum Measure {
    /** Mean binomial or multinomial deviance, -2 log p(y), probabilities clipped at 1e-5. */
    DEVIANCE,
    /** Weighted misclassification rate. */
    MISCLASSIFICATION,
    /** Area under the ROC curve; class-weighted one-against-rest for more classes. */
    AUC;

    /** Whether larger values are better. */
    public boolean higherIsBetter() {
      return this == AUC;
    }
  }

  private final double alpha;
  private final double lambda;
  private final int numLambdas;
  private final double lambdaMinRatio;
  private final int folds;
  private final Selection selection;
  private final Measure measure;
  private final long seed;
  private final int threads;
  private final SolverControl control;
  private final boolean standardize;
  private final boolean intercept;
  private final double[] penaltyFactors;
  private final double[] lowerLimits;
  private final double[] upperLimits;
  private final boolean grouped;
  private final double relax;

  private FitSettings(Builder b) {
    this.alpha = b.alpha;
    this.lambda = b.lambda;
    this.numLambdas = b.numLambdas;
    this.lambdaMinRatio = b.lambdaMinRatio;
    this.folds = b.folds;
    this.selection = b.selection;
    this.measure = b.measure;
    this.seed = b.seed;
    this.threads = b.threads;
    this.control = new SolverControl(b.tolerance, b.maxIterations, b.maxSweeps, b.space);
    this.standardize = b.standardize;
    this.intercept = b.intercept;
    this.penaltyFactors = b.penaltyFactors == null ? null : b.penaltyFactors.clone();
    this.lowerLimits = b.lowerLimits == null ? null : b.lowerLimits.clone();
    this.upperLimits = b.upperLimits == null ? null : b.upperLimits.clone();
    this.grouped = b.grouped;
    this.relax = b.relax;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to derive variants. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.alpha = alpha;
    b.lambda = lambda;
    b.numLambdas = numLambdas;
    b.lambdaMinRatio = lambdaMinRatio;
    b.folds = folds;
    b.selection = selection;
    b.measure = measure;
    b.seed = seed;
    b.threads = threads;
    b.tolerance = control.tolerance();
    b.maxIterations = control.maxIterations();
    b.maxSweeps = control.maxSweeps();
    b.space = control.space();
    b.standardize = standardize;
    b.intercept = intercept;
    b.penaltyFactors = penaltyFactors;
    b.lowerLimits = lowerLimits;
    b.upperLimits = upperLimits;
    b.grouped = grouped;
    b.relax = relax;
    return b;
  }

  public double alpha() {
    return alpha;
  }

  /** The fixed lambda, or NaN when lambda is chosen from a path. */
  public double lambda() {
    return lambda;
  }

  public boolean hasFixedLambda() {
    return !Double.isNaN(lambda);
  }

  public int numLambdas() {
    return numLambdas;
  }

  /** The smallest lambda of the path as a fraction of lambda_max, or NaN for glmnet's rule. */
  public double lambdaMinRatio() {
    return lambdaMinRatio;
  }

  /** Cross-validation folds; 0 means no cross-validation. */
  public int folds() {
    return folds;
  }

  public Selection selection() {
    return selection;
  }

  public Measure measure() {
    return measure;
  }

  public long seed() {
    return seed;
  }

  public int threads() {
    return threads;
  }

  public SolverControl control() {
    return control;
  }

  public boolean standardize() {
    return standardize;
  }

  public boolean intercept() {
    return intercept;
  }

  /** Per-column penalty factors (before rescaling), or null for all one. */
  public double[] penaltyFactors() {
    return penaltyFactors == null ? null : penaltyFactors.clone();
  }

  /** Per-column lower limits of the original-scale coefficients (each &lt;= 0), or null. */
  public double[] lowerLimits() {
    return lowerLimits == null ? null : lowerLimits.clone();
  }

  /** Per-column upper limits (each &gt;= 0), or null. */
  public double[] upperLimits() {
    return upperLimits == null ? null : upperLimits.clone();
  }

  /** Whether a column's coefficients over the classes are penalised as one group. */
  public boolean grouped() {
    return grouped;
  }

  /** The relaxed-fit blend gamma in [0, 1], or NaN for no relaxed fit. */
  public double relax() {
    return relax;
  }

  public boolean isRelaxed() {
    return !Double.isNaN(relax);
  }

  /** The penalty these settings define for a design with the given number of columns. */
  public ElasticNetPenalty penalty(int columns) {
    return ElasticNetPenalty.create(alpha, penaltyFactors, lowerLimits, upperLimits, grouped,
        columns);
  }

  /** Collects settings; {@link #build()} validates them all. */
  public static final class Builder {
    private double alpha = 1.0;
    private double lambda = Double.NaN;
    private int numLambdas = 100;
    private double lambdaMinRatio = Double.NaN;
    private int folds = 10;
    private Selection selection = Selection.MIN;
    private Measure measure = Measure.DEVIANCE;
    private long seed = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private double tolerance = SolverControl.DEFAULT_TOLERANCE;
    private int maxIterations = SolverControl.DEFAULT_MAX_ITERATIONS;
    private int maxSweeps = SolverControl.DEFAULT_MAX_SWEEPS;
    private SolverControl.SubproblemSpace space = SolverControl.SubproblemSpace.BY_COST;
    private boolean standardize = true;
    private boolean intercept = true;
    private double[] penaltyFactors;
    private double[] lowerLimits;
    private double[] upperLimits;
    private boolean grouped;
    private double relax = Double.NaN;

    private Builder() {
    }

    /** Per-column penalty factors &gt;= 0 (0 = unpenalised), or null for all one. */
    public Builder penaltyFactors(double[] values) {
      penaltyFactors = values == null ? null : values.clone();
      return this;
    }

    /** Per-column lower limits &lt;= 0 on the original-scale coefficients, or null. */
    public Builder lowerLimits(double[] values) {
      lowerLimits = values == null ? null : values.clone();
      return this;
    }

    /** Per-column upper limits &gt;= 0, or null. */
    public Builder upperLimits(double[] values) {
      upperLimits = values == null ? null : values.clone();
      return this;
    }

    public Builder grouped(boolean value) {
      grouped = value;
      return this;
    }

    /** The relaxed-fit gamma in [0, 1], or NaN for none. */
    public Builder relax(double value) {
      relax = value;
      return this;
    }

    public Builder alpha(double value) {
      alpha = value;
      return this;
    }

    /** A fixed lambda; NaN means: fit the path and choose. */
    public Builder lambda(double value) {
      lambda = value;
      return this;
    }

    public Builder numLambdas(int value) {
      numLambdas = value;
      return this;
    }

    /** NaN means glmnet's default: 1e-4 when rows &gt; columns, else 1e-2. */
    public Builder lambdaMinRatio(double value) {
      lambdaMinRatio = value;
      return this;
    }

    public Builder folds(int value) {
      folds = value;
      return this;
    }

    public Builder selection(Selection value) {
      selection = value;
      return this;
    }

    public Builder measure(Measure value) {
      measure = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder tolerance(double value) {
      tolerance = value;
      return this;
    }

    public Builder maxIterations(int value) {
      maxIterations = value;
      return this;
    }

    public Builder maxSweeps(int value) {
      maxSweeps = value;
      return this;
    }

    /** Where the Newton subproblems are solved: by cost (the default) or on the data. */
    public Builder subproblemSpace(SolverControl.SubproblemSpace value) {
      space = value;
      return this;
    }

    public Builder standardize(boolean value) {
      standardize = value;
      return this;
    }

    public Builder intercept(boolean value) {
      intercept = value;
      return this;
    }

    /** @throws IllegalArgumentException naming the first bad value */
    public FitSettings build() {
      if (!(alpha >= 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha);
      }
      if (!Double.isNaN(lambda) && !(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
      }
      if (numLambdas < 1) {
        throw new IllegalArgumentException("the number of lambdas must be at least 1, got "
            + numLambdas);
      }
      if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
        throw new IllegalArgumentException("the lambda-min ratio must lie in (0, 1), got "
            + lambdaMinRatio);
      }
      if (folds == 1 || folds < 0) {
        throw new IllegalArgumentException("folds must be 0 (no cross-validation) or at "
            + "least 2, got " + folds);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      if (selection == null || measure == null) {
        throw new IllegalArgumentException("selection and measure must be given");
      }
      if (!Double.isNaN(relax) && !(relax >= 0 && relax <= 1)) {
        throw new IllegalArgumentException("the relaxed-fit gamma must lie in [0, 1], got "
            + relax);
      }
      if (penaltyFactors != null) {
        for (int j = 0; j < penaltyFactors.length; j++) {
          if (!(penaltyFactors[j] >= 0) || Double.isInfinite(penaltyFactors[j])) {
            throw new IllegalArgumentException("penalty factor " + penaltyFactors[j]
                + " of column " + j + " is not finite and >= 0");
          }
        }
      }
      if (lowerLimits != null) {
        for (double v : lowerLimits) {
          if (!(v <= 0)) {
            throw new IllegalArgumentException("a lower limit must be <= 0, got " + v);
          }
        }
      }
      if (upperLimits != null) {
        for (double v : upperLimits) {
          if (!(v >= 0)) {
            throw new IllegalArgumentException("an upper limit must be >= 0, got " + v);
          }
        }
      }
      if (grouped && (lowerLimits != null || upperLimits != null)) {
        throw new IllegalArgumentException("coefficient limits cannot be combined with the "
            + "grouped multinomial penalty");
      }
      // SolverControl checks tolerance and the limits
      return new FitSettings(this);
    }
  }
}
