package org.elasticnetlogistic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import weka.classifiers.Classifier;
import weka.classifiers.functions.ElasticNetLogistic;
import weka.classifiers.functions.Logistic;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Whether two fits of the same model reached the same optimum: the largest difference of a
 * class probability over the training rows, and of an original-scale coefficient.
 */
final class OptimumComparison {

  private OptimumComparison() {
  }

  /** The largest difference of a class probability between two classifiers over the rows. */
  static double maxProbabilityDifference(Classifier a, Classifier b, Instances data)
      throws Exception {
    double worst = 0;
    for (Instance instance : data) {
      double[] p = a.distributionForInstance(instance);
      double[] q = b.distributionForInstance(instance);
      for (int k = 0; k < p.length; k++) {
        worst = Math.max(worst, Math.abs(p[k] - q[k]));
      }
    }
    return worst;
  }

  /** The same against glmnet's probabilities, one comma-separated row per line. */
  static double maxProbabilityDifference(Classifier a, Path glmnetProbabilities,
      Instances data) throws Exception {
    List<String> lines = Files.readAllLines(glmnetProbabilities);
    if (lines.size() != data.numInstances()) {
      throw new IOException(glmnetProbabilities + " has " + lines.size() + " rows, not "
          + data.numInstances());
    }
    double worst = 0;
    for (int i = 0; i < lines.size(); i++) {
      double[] p = a.distributionForInstance(data.instance(i));
      String[] fields = lines.get(i).split(",");
      for (int k = 0; k < p.length; k++) {
        worst = Math.max(worst, Math.abs(p[k] - Double.parseDouble(fields[k].trim())));
      }
    }
    return worst;
  }

  /**
   * The largest coefficient difference (intercept included) between our binomial fit and
   * Logistic's on all-numeric data. Logistic models the log-odds of the first class against
   * the last, {@code coefficients()[1 + j][0]} for attribute j; ours the log-odds of the
   * second against the first, so one is the negative of the other.
   */
  static double maxCoefficientDifference(ElasticNetLogistic ours, Logistic logistic,
      Instances data) {
    double[] b = binomialCoefficients(ours, data);
    double[][] theirs = logistic.coefficients();
    if (theirs.length != b.length || theirs[0].length != 1) {
      throw new IllegalArgumentException("Logistic has " + theirs.length + " x "
          + theirs[0].length + " coefficients, not " + b.length + " x 1");
    }
    double worst = 0;
    for (int j = 0; j < b.length; j++) {
      worst = Math.max(worst, Math.abs(b[j] + theirs[j][0]));
    }
    return worst;
  }

  /**
   * The same against glmnet's {@code coef(fit)}: one value per line, the intercept first,
   * then the columns in order.
   */
  static double maxCoefficientDifference(ElasticNetLogistic ours, Path glmnetCoefficients,
      Instances data) throws IOException {
    double[] b = binomialCoefficients(ours, data);
    List<String> lines = Files.readAllLines(glmnetCoefficients);
    if (lines.size() != b.length) {
      throw new IOException(glmnetCoefficients + " has " + lines.size() + " values, not "
          + b.length);
    }
    double worst = 0;
    for (int j = 0; j < b.length; j++) {
      worst = Math.max(worst, Math.abs(b[j] - Double.parseDouble(lines.get(j).trim())));
    }
    return worst;
  }

  /** The largest absolute coefficient, intercept excluded: the scale of the differences. */
  static double largestCoefficient(ElasticNetLogistic ours, Instances data) {
    double[] b = binomialCoefficients(ours, data);
    double largest = 0;
    for (int j = 1; j < b.length; j++) {
      largest = Math.max(largest, Math.abs(b[j]));
    }
    return largest;
  }

  /** Our one row of coefficients, checked to have one term per attribute, in order. */
  private static double[] binomialCoefficients(ElasticNetLogistic ours, Instances data) {
    double[][] b = ours.getCoefficients();
    String[] terms = ours.getTermNames();
    if (b.length != 1 || terms.length != data.numAttributes() - 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "expected one row of %d terms, got %d rows of %d", data.numAttributes() - 1,
          b.length, terms.length));
    }
    for (int j = 0; j < terms.length; j++) {
      if (!terms[j].equals(data.attribute(j).name())) {
        throw new IllegalArgumentException("term " + j + " is " + terms[j] + ", not "
            + data.attribute(j).name());
      }
    }
    return b[0];
  }
}
