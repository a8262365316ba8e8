package org.elasticnetlogistic.weka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.apache.commons.math3.special.Erf;
import org.elasticnetlogistic.core.Coefficients;
import org.elasticnetlogistic.core.CrossValidationResult;
import org.elasticnetlogistic.core.ElasticNetFit;
import org.elasticnetlogistic.core.FitSettings;
import org.elasticnetlogistic.core.PathPoint;
import org.elasticnetlogistic.core.RegularizationPath;
import org.elasticnetlogistic.core.UnpenalizedFit;

import weka.core.Attribute;

/**
 * The model output a statistician reads: what was fitted, how lambda was chosen, the path in
 * brief, the coefficients with odds ratios, and how the solver ended. Kept within 80
 * columns for the Explorer's output pane.
 */
public final class ModelFormatter {

  private static final int TERM_WIDTH = 26;
  private static final int VALUE_WIDTH = 12;
  private static final int CLASSES_PER_TABLE = 4;
  private static final int PATH_ROWS = 12;
  /** The 97.5% quantile of the standard normal distribution. */
  private static final double Z_975 = 1.959963984540054;

  private final FittedModel model;
  private final int decimals;
  private final boolean showAll;
  private final StringBuilder out = new StringBuilder();

  /**
   * @param showAll list every term in attribute order, zeros included, rather than the
   *     non-zero ones by size
   */
  public ModelFormatter(FittedModel model, int decimals, boolean showAll) {
    this.model = model;
    this.decimals = Math.max(decimals, 4);
    this.showAll = showAll;
  }

  public String format() {
    out.setLength(0);
    line("ElasticNetLogistic: elastic-net logistic regression");
    line("===================================================");
    line("");
    if (model.penalisedFit().isPresent()) {
      formatPenalised(model.penalisedFit().get());
    } else {
      formatUnpenalised(model.unpenalisedFit().orElseThrow());
    }
    return out.toString();
  }

  // --------------------------------------------------------------- penalised

  private void formatPenalised(ElasticNetFit fit) {
    FitSettings settings = fit.settings();
    Attribute classAttribute = model.header().classAttribute();
    RegularizationPath path = fit.path();
    int[] modelled = path.modelledClasses();
    if (modelled.length == 2) {
      line("Model:      binomial, log-odds of class '" + classAttribute.value(modelled[1])
          + "' against '" + classAttribute.value(modelled[0]) + "'");
    } else {
      line("Model:      multinomial (symmetric softmax), " + modelled.length + " classes");
    }
    absentClasses(modelled, classAttribute);
    line("Objective:  (1/W) sum_i w_i l_i");
    line("            + lambda * sum_j [(1-alpha)/2 bt_j^2 + alpha |bt_j|]");
    line("            bt: coefficients of the " + (settings.standardize()
        ? "standardised columns (sd divisor W)" : "columns as given"));
    line("alpha:      " + number(settings.alpha()));
    for (String note : model.notes()) {
      line("            " + note);
    }
    PathPoint chosen = fit.selected();
    switch (fit.lambdaChoice()) {
      case FIXED -> line("lambda:     " + number(chosen.lambda()) + " (fixed)");
      case SMALLEST_ON_PATH -> line("lambda:     " + number(chosen.lambda())
          + " (smallest lambda of the path, no cross-validation)");
      case CROSS_VALIDATION -> {
        CrossValidationResult cv = fit.crossValidation().orElseThrow();
        int k = fit.selectedIndex();
        line("lambda:     " + number(chosen.lambda()) + " (" + cv.folds() + "-fold CV, "
            + measureName(cv.measure()) + ", rule " + ruleName(settings.selection()) + ")");
        line("CV " + measureName(cv.measure()) + " at lambda: " + number(cv.mean()[k])
            + " +/- " + number(cv.standardError()[k]) + " (standard error)");
        int min = cv.indexMin();
        int oneSe = cv.indexOneSe();
        line("lambda.min  " + number(cv.lambda(min)) + "  (CV " + number(cv.mean()[min])
            + ")");
        line("lambda.1se  " + number(cv.lambda(oneSe)) + "  (CV " + number(cv.mean()[oneSe])
            + ")");
      }
      default -> throw new IllegalStateException("unreachable");
    }
    line("");
    pathSummary(fit);
    line("");
    coefficientTable(chosen.coefficients(), modelled, classAttribute, path.columnScales());
    line("");
    line("Non-zero coefficients: " + chosen.coefficients().nonZeroCoefficients() + " in "
        + chosen.nonZeroColumns() + " of " + model.encoder().columns() + " terms");
    line("Deviance explained: " + String.format(Locale.ROOT, "%.2f%%",
        100 * chosen.devianceRatio()) + "  (training deviance " + number(model.deviance())
        + ")");
    line("Solver: " + chosen.iterations() + " Newton iterations, " + chosen.sweeps()
        + " coordinate sweeps; " + (chosen.converged() ? "converged" : "NOT CONVERGED"));
    line("KKT certificate: largest violation " + scientific(chosen.kktViolation())
        + (chosen.converged() ? " <= " : " > ") + "tolerance "
        + scientific(settings.control().tolerance()));
  }

  private void absentClasses(int[] modelled, Attribute classAttribute) {
    if (modelled.length == classAttribute.numValues()) {
      return;
    }
    TreeSet<Integer> present = new TreeSet<>();
    for (int c : modelled) {
      present.add(c);
    }
    List<String> absent = new ArrayList<>();
    for (int c = 0; c < classAttribute.numValues(); c++) {
      if (!present.contains(c)) {
        absent.add("'" + classAttribute.value(c) + "'");
      }
    }
    line("            classes with no training weight, predicted with probability 0: "
        + String.join(", ", absent));
  }

  private void pathSummary(ElasticNetFit fit) {
    RegularizationPath path = fit.path();
    if (path.size() == 1) {
      return;
    }
    CrossValidationResult cv = fit.crossValidation().orElse(null);
    line("Path: " + path.size() + " lambdas from " + number(path.lambdaMax())
        + " (lambda_max) down to " + number(path.point(path.size() - 1).lambda()));
    String header = String.format(Locale.ROOT, "  %-12s %9s %8s", "lambda", "non-zero",
        "%dev");
    if (cv != null) {
      header += String.format(Locale.ROOT, "  %-24s", "CV " + measureName(cv.measure())
          + " (+/- se)");
    }
    line(header);
    TreeSet<Integer> shown = new TreeSet<>();
    int last = path.size() - 1;
    for (int r = 0; r < PATH_ROWS; r++) {
      shown.add((int) Math.round((double) r * last / (PATH_ROWS - 1)));
    }
    shown.add(fit.selectedIndex());
    if (cv != null) {
      shown.add(cv.indexMin());
      shown.add(cv.indexOneSe());
    }
    for (int k : shown) {
      PathPoint point = path.point(k);
      String row = String.format(Locale.ROOT, "%s %-12s %9d %8.2f",
          k == fit.selectedIndex() ? "*" : " ", number(point.lambda()),
          point.nonZeroColumns(), 100 * point.devianceRatio());
      if (cv != null) {
        row += "  " + number(cv.mean()[k]) + " +/- " + number(cv.standardError()[k]);
      }
      line(row);
    }
    line("  (* chosen lambda)");
  }

  private void coefficientTable(Coefficients coefficients, int[] modelled,
      Attribute classAttribute, double[] scales) {
    String[] terms = model.encoder().columnNames();
    int p = terms.length;
    // order: by the largest standardised magnitude over the rows; zeros left out
    Integer[] order = new Integer[p];
    double[] size = new double[p];
    int shown = 0;
    for (int j = 0; j < p; j++) {
      for (int r = 0; r < coefficients.rows(); r++) {
        size[j] = Math.max(size[j], Math.abs(coefficients.coefficient(r, j) * scales[j]));
      }
      if (showAll || size[j] > 0) {
        order[shown++] = j;
      }
    }
    Integer[] listed = java.util.Arrays.copyOf(order, shown);
    if (!showAll) {
      java.util.Arrays.sort(listed, (a, b) -> Double.compare(size[b], size[a]));
    }
    String orderText = showAll ? "all terms, in attribute order"
        : "non-zero terms, largest standardised first";
    if (coefficients.rows() == 1) {
      line("Coefficients (original scale; " + orderText + "):");
      line(pad("Term", TERM_WIDTH) + right("Coefficient", VALUE_WIDTH)
          + right("Odds ratio", VALUE_WIDTH) + right("Std. coef", VALUE_WIDTH));
      line(pad("(Intercept)", TERM_WIDTH) + right(number(coefficients.intercept(0)),
          VALUE_WIDTH));
      for (int j : listed) {
        double b = coefficients.coefficient(0, j);
        line(pad(terms[j], TERM_WIDTH) + right(number(b), VALUE_WIDTH)
            + right(number(Math.exp(b)), VALUE_WIDTH) + right(number(b * scales[j]),
            VALUE_WIDTH));
      }
      return;
    }
    line("Coefficients (original scale; " + orderText + "),");
    line("one column per class:");
    for (int start = 0; start < modelled.length; start += CLASSES_PER_TABLE) {
      int end = Math.min(modelled.length, start + CLASSES_PER_TABLE);
      StringBuilder header = new StringBuilder(pad("Term", TERM_WIDTH));
      for (int r = start; r < end; r++) {
        header.append(right(shorten(classAttribute.value(modelled[r]), VALUE_WIDTH - 1),
            VALUE_WIDTH));
      }
      line(header.toString());
      StringBuilder intercept = new StringBuilder(pad("(Intercept)", TERM_WIDTH));
      for (int r = start; r < end; r++) {
        intercept.append(right(number(coefficients.intercept(r)), VALUE_WIDTH));
      }
      line(intercept.toString());
      for (int j : listed) {
        StringBuilder row = new StringBuilder(pad(terms[j], TERM_WIDTH));
        for (int r = start; r < end; r++) {
          double b = coefficients.coefficient(r, j);
          row.append(right(b == 0 && !showAll ? "." : number(b), VALUE_WIDTH));
        }
        line(row.toString());
      }
      StringBuilder counts = new StringBuilder(pad("non-zero", TERM_WIDTH));
      for (int r = start; r < end; r++) {
        int count = 0;
        for (int j = 0; j < p; j++) {
          count += coefficients.coefficient(r, j) != 0 ? 1 : 0;
        }
        counts.append(right(Integer.toString(count), VALUE_WIDTH));
      }
      line(counts.toString());
      if (end < modelled.length) {
        line("");
      }
    }
  }

  // ------------------------------------------------------------- unpenalised

  private void formatUnpenalised(UnpenalizedFit fit) {
    Attribute classAttribute = model.header().classAttribute();
    int[] modelled = fit.modelledClasses();
    String reference = classAttribute.value(fit.referenceClass());
    line("Model:      unpenalised maximum likelihood (lambda = 0), "
        + (modelled.length == 2 ? "binomial" : "multinomial, " + modelled.length
        + " classes"));
    line("            reference class '" + reference + "'; nominal attributes use "
        + "treatment coding");
    absentClasses(modelled, classAttribute);
    line("");
    String[] terms = model.encoder().columnNames();
    double[][] b = fit.coefficients();
    double[][] se = fit.standardErrors();
    for (int r = 0; r < fit.rows(); r++) {
      line("Class '" + classAttribute.value(modelled[r + 1]) + "' against '" + reference
          + "':");
      line(pad("Term", 22) + right("Estimate", 12) + right("Std. Error", 12)
          + right("z value", 9) + right("Pr(>|z|)", 11));
      for (int c = 0; c <= terms.length; c++) {
        String term = c == 0 ? "(Intercept)" : terms[c - 1];
        if (c > 0 && fit.isAliased(c - 1)) {
          line(pad(term, 22) + right("NA (aliased)", 12));
          continue;
        }
        double z = b[r][c] / se[r][c];
        line(pad(term, 22) + right(number(b[r][c]), 12) + right(number(se[r][c]), 12)
            + right(String.format(Locale.ROOT, "%.3f", z), 9)
            + right(pValue(z), 11));
      }
      line("");
      line(pad("Term", 22) + right("Odds ratio", 12) + right("2.5%", 12)
          + right("97.5%", 12));
      for (int c = 1; c <= terms.length; c++) {
        if (fit.isAliased(c - 1)) {
          continue;
        }
        double low = b[r][c] - Z_975 * se[r][c];
        double high = b[r][c] + Z_975 * se[r][c];
        line(pad(terms[c - 1], 22) + right(number(Math.exp(b[r][c])), 12)
            + right(number(Math.exp(low)), 12) + right(number(Math.exp(high)), 12));
      }
      line("");
    }
    line("Null deviance:      " + number(fit.nullDeviance()));
    line("Residual deviance:  " + number(fit.deviance()) + "  (" + fit.parameters()
        + " parameters, " + fit.observations() + " instances)");
    line("AIC: " + number(fit.aic()) + "   BIC: " + number(fit.bic())
        + "   McFadden R^2: " + String.format(Locale.ROOT, "%.4f", fit.mcFaddenR2()));
    line("Newton iterations: " + fit.iterations() + "; largest gradient "
        + scientific(fit.gradientNorm()) + "; " + (fit.converged() ? "converged"
        : "NOT CONVERGED"));
  }

  /** Two-sided normal p-value of a z statistic. */
  static double twoSidedP(double z) {
    return Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  private static String pValue(double z) {
    double p = twoSidedP(z);
    if (Double.isNaN(p)) {
      return "NA";
    }
    return p < 2e-16 ? "<2e-16" : String.format(Locale.ROOT, "%.3g", p);
  }

  // ----------------------------------------------------------------- helpers

  private static String measureName(FitSettings.Measure measure) {
    return switch (measure) {
      case DEVIANCE -> "deviance";
      case MISCLASSIFICATION -> "misclassification";
      case AUC -> "AUC";
    };
  }

  private static String ruleName(FitSettings.Selection selection) {
    return selection == FitSettings.Selection.ONE_SE ? "1se" : "min";
  }

  private String number(double value) {
    if (Double.isNaN(value)) {
      return "NA";
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e6 || magnitude < 1e-4) {
      return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "g", value);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String scientific(double value) {
    return String.format(Locale.ROOT, "%.2e", value);
  }

  private static String shorten(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }

  private static String pad(String text, int width) {
    String shown = shorten(text, width - 1);
    StringBuilder b = new StringBuilder(shown);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  private static String right(String text, int width) {
    StringBuilder b = new StringBuilder();
    while (b.length() + text.length() < width) {
      b.append(' ');
    }
    return b.append(text).toString();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
