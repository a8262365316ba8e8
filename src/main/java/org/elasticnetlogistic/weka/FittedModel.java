package org.elasticnetlogistic.weka;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import org.elasticnetlogistic.core.CrossValidationResult;
import org.elasticnetlogistic.core.ElasticNetFit;
import org.elasticnetlogistic.core.ElasticNetFitter;
import org.elasticnetlogistic.core.FitSettings;
import org.elasticnetlogistic.core.PathPoint;
import org.elasticnetlogistic.core.ProgressListener;
import org.elasticnetlogistic.core.RegularizationPath;
import org.elasticnetlogistic.core.UnpenalizedFit;
import org.elasticnetlogistic.core.UnpenalizedFitter;

import weka.core.Instance;
import weka.core.Instances;

/**
 * The trained state of the classifier: the data's structure, the design encoder and either
 * a penalised fit (path, CV, chosen lambda) or an unpenalised one. Immutable.
 */
public final class FittedModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances header;
  private final DesignEncoder encoder;
  private final ElasticNetFit penalised;
  private final UnpenalizedFit unpenalised;
  private final List<String> notes;

  private FittedModel(Instances header, DesignEncoder encoder, ElasticNetFit penalised,
      UnpenalizedFit unpenalised, List<String> notes) {
    this.header = header;
    this.encoder = encoder;
    this.penalised = penalised;
    this.unpenalised = unpenalised;
    this.notes = List.copyOf(notes);
  }

  /** Lines describing the non-default options of the fit, for the model output. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Fits the model the settings describe: unpenalised for lambda = 0, penalised otherwise.
   *
   * @param debug print progress to stderr
   * @throws IllegalArgumentException when the unpenalised fit finds separated classes
   */
  public static FittedModel fit(TrainingSet training, FitSettings settings, boolean debug) {
    return fit(training, settings, debug, List.of());
  }

  /** @param notes lines describing the non-default options, shown in the output */
  public static FittedModel fit(TrainingSet training, FitSettings settings, boolean debug,
      List<String> notes) {
    if (settings.hasFixedLambda() && settings.lambda() == 0) {
      UnpenalizedFit fit = UnpenalizedFitter.fit(training.problem(),
          Math.max(settings.control().maxIterations(), 50));
      if (fit.separated()) {
        throw new IllegalArgumentException("the classes are (quasi-)completely separated: "
            + fit.perfectlyFittedRows() + " training instance(s) are fitted with probability "
            + "1, so the maximum-likelihood estimate does not exist (the coefficients grow "
            + "without bound). Use a penalised fit, -lambda > 0 (or no -lambda, to choose it "
            + "by cross-validation).");
      }
      return new FittedModel(training.header(), training.encoder(), null, fit, notes);
    }
    ProgressListener listener = debug ? new DebugListener() : ProgressListener.NONE;
    ElasticNetFit fit = ElasticNetFitter.fit(training.problem(), settings, listener);
    List<String> all = new java.util.ArrayList<>(notes);
    int guarded = fit.path().relaxGuarded();
    if (guarded > 0) {
      all.add("relaxed refit skipped at " + guarded + " lambda(s): the active columns "
          + "separate the classes");
    }
    return new FittedModel(training.header(), training.encoder(), fit, null, all);
  }

  /** Prints progress to stderr. */
  private static final class DebugListener implements ProgressListener {
    @Override
    public void pathPoint(int index, PathPoint point) {
      System.err.printf("ElasticNetLogistic: lambda[%d] = %.6g  non-zero %d  %%dev %.4f  "
          + "iterations %d  KKT %.2e%n", index, point.lambda(), point.nonZeroColumns(),
          100 * point.devianceRatio(), point.iterations(), point.kktViolation());
    }

    @Override
    public void foldFinished(int fold, int folds) {
      System.err.printf("ElasticNetLogistic: cross-validation fold %d of %d done%n",
          fold + 1, folds);
    }

    @Override
    public void message(String text) {
      System.err.println("ElasticNetLogistic: " + text);
    }
  }

  public double[] distribution(Instance instance) {
    double[] row = encoder.encode(instance);
    return penalised != null ? penalised.classifier().probabilities(row)
        : unpenalised.probabilities(row);
  }

  public Instances header() {
    return header;
  }

  public DesignEncoder encoder() {
    return encoder;
  }

  public Optional<ElasticNetFit> penalisedFit() {
    return Optional.ofNullable(penalised);
  }

  public Optional<UnpenalizedFit> unpenalisedFit() {
    return Optional.ofNullable(unpenalised);
  }

  /** [row][0 = intercept, then terms], original scale. */
  public double[][] coefficients() {
    return penalised != null ? penalised.selected().coefficients().toArray()
        : unpenalised.coefficients();
  }

  /** The class name of each coefficient row. */
  public String[] rowNames() {
    int[] classes;
    if (penalised != null) {
      int[] modelled = penalised.path().modelledClasses();
      classes = modelled.length == 2 ? new int[] {modelled[1]} : modelled;
    } else {
      int[] modelled = unpenalised.modelledClasses();
      classes = java.util.Arrays.copyOfRange(modelled, 1, modelled.length);
    }
    String[] names = new String[classes.length];
    for (int r = 0; r < classes.length; r++) {
      names[r] = header.classAttribute().value(classes[r]);
    }
    return names;
  }

  public double[][] standardErrors() {
    if (unpenalised == null) {
      throw new IllegalStateException("standard errors exist only for the unpenalised fit "
          + "(-lambda 0)");
    }
    return unpenalised.standardErrors();
  }

  public double lambda() {
    return penalised != null ? penalised.lambda() : 0.0;
  }

  public RegularizationPath path() {
    if (penalised == null) {
      throw new IllegalStateException("the unpenalised fit (-lambda 0) has no path");
    }
    return penalised.path();
  }

  public Optional<CrossValidationResult> crossValidation() {
    return penalised == null ? Optional.empty() : penalised.crossValidation();
  }

  public int nonZeroCoefficients() {
    if (penalised != null) {
      return penalised.selected().coefficients().nonZeroCoefficients();
    }
    int count = 0;
    for (double[] row : unpenalised.coefficients()) {
      for (int c = 1; c < row.length; c++) {
        if (!Double.isNaN(row[c]) && row[c] != 0) {
          count++;
        }
      }
    }
    return count;
  }

  public int iterations() {
    return penalised != null ? penalised.selected().iterations() : unpenalised.iterations();
  }

  public double kktViolation() {
    return penalised != null ? penalised.selected().kktViolation()
        : unpenalised.gradientNorm();
  }

  /** The training deviance, -2 log-likelihood with the weights as given. */
  public double deviance() {
    if (penalised != null) {
      return penalised.selected().deviance() * totalWeight();
    }
    return unpenalised.deviance();
  }

  public double devianceRatio() {
    return penalised != null ? penalised.selected().devianceRatio()
        : unpenalised.mcFaddenR2();
  }

  private double totalWeight() {
    return penalised.totalWeight();
  }
}
