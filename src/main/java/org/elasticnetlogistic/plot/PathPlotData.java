package org.elasticnetlogistic.plot;

import java.util.ArrayList;
import java.util.List;

import org.elasticnetlogistic.core.RegularizationPath;

/**
 * What a coefficient path plot shows, taken from a fitted path: for every coefficient row
 * (one for a binomial model, one per class for a multinomial one) the coefficient of every
 * term on the standardised scale, b_j * s_j, at every lambda, and how many terms are non-zero
 * there. Immutable.
 */
public final class PathPlotData {

  /** One coefficient row: a binomial model's log-odds, or one class of a multinomial one. */
  public static final class Row {
    private final String title;
    private final double[][] coefficients;
    private final int[] nonZeroTerms;

    Row(String title, double[][] coefficients, int[] nonZeroTerms) {
      this.title = title;
      this.coefficients = deepCopy(coefficients);
      this.nonZeroTerms = nonZeroTerms.clone();
    }

    /** What the row describes, e.g. {@code log-odds of class 'bad'} or {@code class 'setosa'}. */
    public String title() {
      return title;
    }

    /** The standardised coefficient of a term at every lambda of the path. */
    public double[] coefficients(int term) {
      return coefficients[term].clone();
    }

    /** The standardised coefficient of a term at the path's smallest lambda. */
    public double lastCoefficient(int term) {
      double[] values = coefficients[term];
      return values[values.length - 1];
    }

    /** The largest absolute standardised coefficient of a term along the path. */
    public double largestMagnitude(int term) {
      double largest = 0;
      for (double value : coefficients[term]) {
        largest = Math.max(largest, Math.abs(value));
      }
      return largest;
    }

    /** The number of terms with a non-zero coefficient in this row, at every lambda. */
    public int[] nonZeroTerms() {
      return nonZeroTerms.clone();
    }
  }

  private final double[] lambdas;
  private final List<String> termNames;
  private final List<Row> rows;
  private final double selectedLambda;
  private final boolean standardised;
  private final String description;

  private PathPlotData(double[] lambdas, List<String> termNames, List<Row> rows,
      double selectedLambda, boolean standardised, String description) {
    this.lambdas = lambdas.clone();
    this.termNames = List.copyOf(termNames);
    this.rows = List.copyOf(rows);
    this.selectedLambda = selectedLambda;
    this.standardised = standardised;
    this.description = description;
  }

  /**
   * Reads a solved path.
   *
   * @param path the path, with one coefficient row per name in {@code rowTitles}
   * @param termNames one name per design column
   * @param rowTitles what each coefficient row describes
   * @param selectedLambda the lambda of the fitted model, marked on the plot
   * @param standardised whether the columns were standardised for the penalty; if not, the
   *     path's scales are 1 and the coefficients are those of the columns as given
   * @param description one line on how the model was fitted, shown under the title
   */
  public static PathPlotData of(RegularizationPath path, List<String> termNames,
      List<String> rowTitles, double selectedLambda, boolean standardised,
      String description) {
    if (path.size() == 0) {
      throw new IllegalArgumentException("the path has no points");
    }
    int points = path.size();
    int terms = termNames.size();
    double[][][] byRow = new double[rowTitles.size()][terms][points];
    int[][] nonZero = new int[rowTitles.size()][points];
    for (int k = 0; k < points; k++) {
      double[][] scaled = path.standardisedCoefficients(k);
      if (scaled.length != rowTitles.size() || scaled[0].length != terms) {
        throw new IllegalArgumentException("the path has " + scaled.length + " rows of "
            + scaled[0].length + " terms, not " + rowTitles.size() + " of " + terms);
      }
      for (int r = 0; r < scaled.length; r++) {
        for (int j = 0; j < terms; j++) {
          byRow[r][j][k] = scaled[r][j];
          if (scaled[r][j] != 0) {
            nonZero[r][k]++;
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < rowTitles.size(); r++) {
      rows.add(new Row(rowTitles.get(r), byRow[r], nonZero[r]));
    }
    return new PathPlotData(path.lambdas(), termNames, rows, selectedLambda, standardised,
        description);
  }

  /** The lambdas of the path, decreasing. */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** The natural logarithms of the lambdas: the x values of the plot. */
  public double[] logLambdas() {
    double[] out = new double[lambdas.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.log(lambdas[k]);
    }
    return out;
  }

  /** Whether the path is a single lambda (a fixed {@code -lambda}), so there are no lines. */
  public boolean isSinglePoint() {
    return lambdas.length == 1;
  }

  public List<String> termNames() {
    return termNames;
  }

  public List<Row> rows() {
    return rows;
  }

  public double selectedLambda() {
    return selectedLambda;
  }

  /** Whether the coefficients are on the standardised scale (else the columns as given). */
  public boolean isStandardised() {
    return standardised;
  }

  public String description() {
    return description;
  }

  private static double[][] deepCopy(double[][] values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].clone();
    }
    return out;
  }
}
