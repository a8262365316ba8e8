package org.elasticnetlogistic.core;

import java.io.Serializable;
import java.util.Optional;

/**
 * The outcome of {@link ElasticNetFitter#fit}: the path that was solved, the
 * cross-validation curve when lambda was chosen by it, and the chosen solution. Immutable.
 */
public final class ElasticNetFit implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How the reported lambda was chosen. */
  public enum LambdaChoice {
    /** Given by the user. */
    FIXED,
    /** Chosen by cross-validation. */
    CROSS_VALIDATION,
    /** The last (smallest) lambda of the path, without cross-validation. */
    SMALLEST_ON_PATH
  }

  private final FitSettings settings;
  private final RegularizationPath path;
  private final CrossValidationResult crossValidation;
  private final int selectedIndex;
  private final LambdaChoice choice;
  private final double totalWeight;

  ElasticNetFit(FitSettings settings, RegularizationPath path,
      CrossValidationResult crossValidation, int selectedIndex, LambdaChoice choice,
      double totalWeight) {
    this.settings = settings;
    this.path = path;
    this.crossValidation = crossValidation;
    this.selectedIndex = selectedIndex;
    this.choice = choice;
    this.totalWeight = totalWeight;
  }

  /** The total training weight W (the deviances of the path are per unit weight). */
  public double totalWeight() {
    return totalWeight;
  }

  public FitSettings settings() {
    return settings;
  }

  /** The solved path; for a fixed lambda, a path of that one lambda. */
  public RegularizationPath path() {
    return path;
  }

  public Optional<CrossValidationResult> crossValidation() {
    return Optional.ofNullable(crossValidation);
  }

  public int selectedIndex() {
    return selectedIndex;
  }

  public LambdaChoice lambdaChoice() {
    return choice;
  }

  public PathPoint selected() {
    return path.point(selectedIndex);
  }

  public double lambda() {
    return selected().lambda();
  }

  /** The chosen model, ready to predict. */
  public LinearClassifier classifier() {
    return path.classifier(selectedIndex);
  }
}
