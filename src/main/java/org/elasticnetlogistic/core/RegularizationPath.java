package org.elasticnetlogistic.core;

import java.io.Serializable;
import java.util.List;

/**
 * The solutions along a decreasing sequence of lambdas. Immutable.
 */
public final class RegularizationPath implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numClasses;
  private final int[] modelledClasses;
  private final double lambdaMax;
  private final double nullDeviance;
  private final List<PathPoint> points;
  private final double[] columnScales;
  private final int relaxGuarded;

  RegularizationPath(int numClasses, int[] modelledClasses, double lambdaMax,
      double nullDeviance, List<PathPoint> points, double[] columnScales, int relaxGuarded) {
    this.numClasses = numClasses;
    this.modelledClasses = modelledClasses.clone();
    this.lambdaMax = lambdaMax;
    this.nullDeviance = nullDeviance;
    this.points = List.copyOf(points);
    this.columnScales = columnScales.clone();
    this.relaxGuarded = relaxGuarded;
  }

  /**
   * For a relaxed fit, at how many lambdas the unpenalised refit of the active set had no
   * finite optimum (separation), so that the penalised coefficients were kept; -1 when the
   * fit is not relaxed.
   */
  public int relaxGuarded() {
    return relaxGuarded;
  }

  /**
   * The scale s_j of every column in the penalty (the weighted standard deviation, or 1
   * without standardisation): the standardised coefficient is b_j * s_j.
   */
  public double[] columnScales() {
    return columnScales.clone();
  }

  /**
   * The coefficients of one point on the standardised scale, [row][column] (intercepts
   * omitted): what the penalty sees, and what a path plot shows.
   */
  public double[][] standardisedCoefficients(int index) {
    Coefficients c = points.get(index).coefficients();
    double[][] out = new double[c.rows()][c.columns()];
    for (int r = 0; r < c.rows(); r++) {
      for (int j = 0; j < c.columns(); j++) {
        out[r][j] = c.coefficient(r, j) * columnScales[j];
      }
    }
    return out;
  }

  /** Number of lambdas solved. */
  public int size() {
    return points.size();
  }

  public PathPoint point(int index) {
    return points.get(index);
  }

  public List<PathPoint> points() {
    return points;
  }

  /** The lambdas, decreasing. */
  public double[] lambdas() {
    double[] out = new double[points.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = points.get(k).lambda();
    }
    return out;
  }

  /** The smallest lambda at which every coefficient is zero. */
  public double lambdaMax() {
    return lambdaMax;
  }

  /** The deviance of the intercept-only fit, per unit weight. */
  public double nullDeviance() {
    return nullDeviance;
  }

  public int numClasses() {
    return numClasses;
  }

  /** The classes with training weight, which the coefficient rows describe. */
  public int[] modelledClasses() {
    return modelledClasses.clone();
  }

  /** The classifier at one lambda. */
  public LinearClassifier classifier(int index) {
    return new LinearClassifier(numClasses, modelledClasses, points.get(index).coefficients());
  }
}
