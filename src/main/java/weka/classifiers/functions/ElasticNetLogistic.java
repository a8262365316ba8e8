/*
 *   This program is free software: you can redistribute it and/or modify
 *   it under the terms of the GNU General Public License as published by
 *   the Free Software Foundation, either version 3 of the License, or
 *   (at your option) any later version.
 *
 *   This program is distributed in the hope that it will be useful,
 *   but WITHOUT ANY WARRANTY; without even the implied warranty of
 *   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 *   GNU General Public License for more details.
 *
 *   You should have received a copy of the GNU General Public License
 *   along with this program.  If not, see <http://www.gnu.org/licenses/>.
 */

package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;

import org.elasticnetlogistic.core.CrossValidationResult;
import org.elasticnetlogistic.core.ElasticNetFit;
import org.elasticnetlogistic.core.FitSettings;
import org.elasticnetlogistic.core.LinearClassifier;
import org.elasticnetlogistic.core.PathPoint;
import org.elasticnetlogistic.core.RegularizationPath;
import org.elasticnetlogistic.core.SolverControl;
import org.elasticnetlogistic.core.UnpenalizedFit;
import org.elasticnetlogistic.weka.AttributeValues;
import org.elasticnetlogistic.weka.ClassWeights;
import org.elasticnetlogistic.weka.DesignEncoder;
import org.elasticnetlogistic.weka.FittedModel;
import org.elasticnetlogistic.weka.ModelFormatter;
import org.elasticnetlogistic.weka.TrainingSet;

import weka.classifiers.AbstractClassifier;
import weka.core.AdditionalMeasureProducer;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;

/**
 * <!-- globalinfo-start -->
 * Maximum-likelihood logistic regression with an elastic-net penalty, fitted as glmnet fits
 * it and more robustly: binomial (sigmoid) for two classes, symmetric multinomial (softmax)
 * for more. Without a fixed lambda it solves the whole regularisation path and chooses lambda
 * by cross-validation.
 * <!-- globalinfo-end -->
 *
 * <p>The objective is
 *
 * <pre>
 *   (1/W) sum_i w_i l_i + lambda sum_k sum_j [ (1-alpha)/2 bt_kj^2 + alpha |bt_kj| ]
 * </pre>
 *
 * <p>where l_i is the negative log-likelihood of instance i, w_i its weight, W the total
 * weight, and bt the coefficients of the standardised design columns. Coefficients are
 * reported on the original scale. With {@code -lambda 0} the fit is unpenalised and
 * reports standard errors.
 *
 * <p>The Java API of the fitted model: {@link #getCoefficients()}, {@link #getTermNames()},
 * {@link #getSelectedLambda()}, {@link #getPath()}, {@link #getCrossValidation()} and, for
 * the unpenalised fit, {@link #getStandardErrors()}.
 */
public class ElasticNetLogistic extends AbstractClassifier implements
    WeightedInstancesHandler, TechnicalInformationHandler, AdditionalMeasureProducer {

  private static final long serialVersionUID = 1L;

  /** Lambda selection rule: the best mean CV measure. */
  public static final int SELECT_MIN = 0;
  /** Lambda selection rule: the largest lambda within one standard error of the best. */
  public static final int SELECT_1SE = 1;
  /** The selection rules, for the GUI. */
  public static final Tag[] TAGS_SELECTION = {
      new Tag(SELECT_MIN, "min", "Lambda with the best mean CV measure"),
      new Tag(SELECT_1SE, "1se", "Largest lambda within one standard error of the best")};

  /** CV measure: deviance. */
  public static final int MEASURE_DEVIANCE = 0;
  /** CV measure: misclassification rate. */
  public static final int MEASURE_CLASS = 1;
  /** CV measure: area under the ROC curve. */
  public static final int MEASURE_AUC = 2;
  /** The CV measures, for the GUI. */
  public static final Tag[] TAGS_MEASURE = {
      new Tag(MEASURE_DEVIANCE, "deviance", "Deviance (-2 log-likelihood per unit weight)"),
      new Tag(MEASURE_CLASS, "class", "Misclassification rate"),
      new Tag(MEASURE_AUC, "auc", "Area under the ROC curve")};

  static final double DEFAULT_ALPHA = 1.0;
  static final int DEFAULT_NUM_LAMBDAS = 100;
  static final int DEFAULT_FOLDS = 10;
  static final int DEFAULT_SEED = 1;

  // options
  private double m_Alpha = DEFAULT_ALPHA;
  private double m_Lambda = Double.NaN;
  private int m_NumLambdas = DEFAULT_NUM_LAMBDAS;
  private double m_LambdaMinRatio = Double.NaN;
  private int m_Folds = DEFAULT_FOLDS;
  private int m_Selection = SELECT_MIN;
  private int m_Measure = MEASURE_DEVIANCE;
  private int m_Seed = DEFAULT_SEED;
  private int m_Threads = 0;
  private double m_Tolerance = SolverControl.DEFAULT_TOLERANCE;
  private int m_MaxIterations = SolverControl.DEFAULT_MAX_ITERATIONS;
  private boolean m_NoStandardize = false;
  private AttributeValues m_PenaltyFactors = AttributeValues.none("penalty-factors");
  private AttributeValues m_Unpenalized = AttributeValues.none("unpenalized");
  private AttributeValues m_LowerLimit = AttributeValues.none("lower-limit");
  private AttributeValues m_UpperLimit = AttributeValues.none("upper-limit");
  private boolean m_Grouped = false;
  private ClassWeights m_ClassWeights = ClassWeights.none();
  private boolean m_NoIntercept = false;
  private double m_Relax = Double.NaN;
  private boolean m_ShowAllCoefficients = false;

  // the fitted model
  private FittedModel m_Model;

  /**
   * Returns a string describing this classifier.
   *
   * @return a description suitable for displaying in the explorer/experimenter gui
   */
  public String globalInfo() {
    return "Logistic regression with an elastic-net penalty (L1, L2 or any mix), fitted "
        + "by proximal Newton (IRLS) with coordinate descent and a line search, as glmnet "
        + "fits it. Two classes use the sigmoid; more use a symmetric softmax.\n\n"
        + "It minimises\n"
        + "  (1/W) sum_i w_i l_i + lambda sum_k sum_j [(1-alpha)/2 bt_kj^2 + alpha |bt_kj|]\n"
        + "where l_i is the negative log-likelihood of instance i, w_i its weight, W the "
        + "total weight and bt the coefficients of the standardised columns (weighted sd "
        + "with divisor W). Coefficients are reported on the original scale.\n\n"
        + "Without a fixed lambda it fits glmnet's regularisation path (100 lambdas, warm "
        + "starts) and chooses lambda by stratified k-fold cross-validation. With "
        + "lambda = 0 it fits the unpenalised model and reports standard errors, "
        + "z-values and p-values.\n\n"
        + "Nominal attributes become 0/1 columns (attr=value), missing values are replaced "
        + "by the weighted mean or mode, constant columns get coefficient 0.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "Jerome Friedman and Trevor Hastie and Robert Tibshirani");
    result.setValue(Field.TITLE,
        "Regularization Paths for Generalized Linear Models via Coordinate Descent");
    result.setValue(Field.JOURNAL, "Journal of Statistical Software");
    result.setValue(Field.VOLUME, "33");
    result.setValue(Field.NUMBER, "1");
    result.setValue(Field.PAGES, "1-22");
    result.setValue(Field.YEAR, "2010");
    return result;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.BINARY_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    result.setMinimumNumberInstances(0);
    return result;
  }

  // ----------------------------------------------------------------- options

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\tElastic-net mixing: 1 = lasso, 0 = ridge (default "
        + DEFAULT_ALPHA + ").", "alpha", 1, "-alpha <a>"));
    options.add(new Option("\tA fixed penalty weight lambda >= 0; 0 fits the unpenalised "
        + "model.\n\tWhen absent, the path is fitted and lambda chosen by CV.", "lambda", 1,
        "-lambda <l>"));
    options.add(new Option("\tNumber of lambdas on the path (default " + DEFAULT_NUM_LAMBDAS
        + ").", "nlambda", 1, "-nlambda <n>"));
    options.add(new Option("\tSmallest lambda as a fraction of lambda_max (default: 1e-4 "
        + "when\n\tthere are more rows than columns, else 1e-2).", "lambda-min-ratio", 1,
        "-lambda-min-ratio <r>"));
    options.add(new Option("\tCross-validation folds to choose lambda; 0 = none, keep the "
        + "smallest\n\tlambda of the path (default " + DEFAULT_FOLDS + ").", "folds", 1,
        "-folds <k>"));
    options.add(new Option("\tHow lambda is chosen from the CV curve: min or 1se "
        + "(default min).", "select", 1, "-select min|1se"));
    options.add(new Option("\tCV measure: deviance, class (misclassification) or auc "
        + "(default deviance).", "measure", 1, "-measure deviance|class|auc"));
    options.add(new Option("\tRandom seed of the CV folds (default " + DEFAULT_SEED + ").",
        "S", 1, "-S <seed>"));
    options.add(new Option("\tThreads for the CV folds; 0 = all cores (default 0).",
        "threads", 1, "-threads <n>"));
    options.add(new Option("\tKKT tolerance of the solver (default "
        + SolverControl.DEFAULT_TOLERANCE + ").", "tol", 1, "-tol <t>"));
    options.add(new Option("\tMaximum Newton iterations per lambda (default "
        + SolverControl.DEFAULT_MAX_ITERATIONS + ").", "max-iter", 1, "-max-iter <n>"));
    options.add(new Option("\tPenalise the coefficients of the unstandardised columns.",
        "no-standardize", 0, "-no-standardize"));
    options.add(new Option("\tPenalty factors per attribute, e.g. \"age:0,income:2.5\" (0 = "
        + "unpenalised;\n\tunlisted 1; rescaled to sum to the number of columns as glmnet).",
        "penalty-factors", 1, "-penalty-factors <attr:v,...>"));
    options.add(new Option("\tAttributes left unpenalised (penalty factor 0), comma "
        + "separated.", "unpenalized", 1, "-unpenalized <attr,...>"));
    options.add(new Option("\tLower limit of the original-scale coefficients: one number "
        + "<= 0,\n\tor attr:v entries (glmnet's lower.limits).", "lower-limit", 1,
        "-lower-limit <v|attr:v,...>"));
    options.add(new Option("\tUpper limit of the original-scale coefficients: one number "
        + ">= 0,\n\tor attr:v entries (glmnet's upper.limits).", "upper-limit", 1,
        "-upper-limit <v|attr:v,...>"));
    options.add(new Option("\tGrouped multinomial penalty: an attribute's column enters or "
        + "leaves\n\tfor all classes together (glmnet's type.multinomial = grouped).",
        "grouped", 0, "-grouped"));
    options.add(new Option("\tClass weights multiplying the instance weights: balanced "
        + "(W / (K W_k))\n\tor class:weight entries.", "class-weights", 1,
        "-class-weights <balanced|class:w,...>"));
    options.add(new Option("\tFit without an intercept (glmnet's intercept = FALSE).",
        "no-intercept", 0, "-no-intercept"));
    options.add(new Option("\tRelaxed fit: blend gamma * penalised + (1 - gamma) * the "
        + "unpenalised\n\trefit of the active set (glmnet's relax = TRUE).", "relax", 1,
        "-relax <gamma>"));
    options.add(new Option("\tList every term in the model output, zeros included, in "
        + "attribute order\n\t(default: non-zero terms, largest first).",
        "show-all-coefficients", 0, "-show-all-coefficients"));
    options.add(new Option("\tPrint progress along the path and the folds to stderr.", "D",
        0, "-D"));
    options.addAll(Collections.list(super.listOptions()));
    return options.elements();
  }

  /**
   * Parses the options; every option that is absent is reset to its default.
   *
   * @param options the options
   * @throws Exception naming the first bad option
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    setAlpha(parseDouble("alpha", Utils.getOption("alpha", options), DEFAULT_ALPHA));
    setLambda(parseDouble("lambda", Utils.getOption("lambda", options), Double.NaN));
    setNumLambdas(parseInt("nlambda", Utils.getOption("nlambda", options),
        DEFAULT_NUM_LAMBDAS));
    setLambdaMinRatio(parseDouble("lambda-min-ratio",
        Utils.getOption("lambda-min-ratio", options), Double.NaN));
    setFolds(parseInt("folds", Utils.getOption("folds", options), DEFAULT_FOLDS));
    String select = Utils.getOption("select", options);
    setSelection(new SelectedTag(tagId("select", select, TAGS_SELECTION, SELECT_MIN),
        TAGS_SELECTION));
    String measure = Utils.getOption("measure", options);
    setMeasure(new SelectedTag(tagId("measure", measure, TAGS_MEASURE, MEASURE_DEVIANCE),
        TAGS_MEASURE));
    setSeed(parseInt("S", Utils.getOption('S', options), DEFAULT_SEED));
    setNumThreads(parseInt("threads", Utils.getOption("threads", options), 0));
    setTolerance(parseDouble("tol", Utils.getOption("tol", options),
        SolverControl.DEFAULT_TOLERANCE));
    setMaxIterations(parseInt("max-iter", Utils.getOption("max-iter", options),
        SolverControl.DEFAULT_MAX_ITERATIONS));
    setNoStandardize(Utils.getFlag("no-standardize", options));
    setPenaltyFactors(Utils.getOption("penalty-factors", options));
    setUnpenalized(Utils.getOption("unpenalized", options));
    setLowerLimit(Utils.getOption("lower-limit", options));
    setUpperLimit(Utils.getOption("upper-limit", options));
    setGrouped(Utils.getFlag("grouped", options));
    setClassWeights(Utils.getOption("class-weights", options));
    setNoIntercept(Utils.getFlag("no-intercept", options));
    setRelax(parseDouble("relax", Utils.getOption("relax", options), Double.NaN));
    setShowAllCoefficients(Utils.getFlag("show-all-coefficients", options));
    boolean debug = Utils.getFlag('D', options);
    super.setOptions(options);
    if (debug) {
      setDebug(true);
    }
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    options.add("-alpha");
    options.add(format(m_Alpha));
    if (!Double.isNaN(m_Lambda)) {
      options.add("-lambda");
      options.add(format(m_Lambda));
    }
    options.add("-nlambda");
    options.add("" + m_NumLambdas);
    if (!Double.isNaN(m_LambdaMinRatio)) {
      options.add("-lambda-min-ratio");
      options.add(format(m_LambdaMinRatio));
    }
    options.add("-folds");
    options.add("" + m_Folds);
    options.add("-select");
    options.add(TAGS_SELECTION[m_Selection].getIDStr().toLowerCase(Locale.ROOT));
    options.add("-measure");
    options.add(TAGS_MEASURE[m_Measure].getIDStr().toLowerCase(Locale.ROOT));
    options.add("-S");
    options.add("" + m_Seed);
    options.add("-threads");
    options.add("" + m_Threads);
    options.add("-tol");
    options.add(format(m_Tolerance));
    options.add("-max-iter");
    options.add("" + m_MaxIterations);
    if (m_NoStandardize) {
      options.add("-no-standardize");
    }
    addIfSet(options, "-penalty-factors", m_PenaltyFactors.text());
    addIfSet(options, "-unpenalized", getUnpenalized());
    addIfSet(options, "-lower-limit", m_LowerLimit.text());
    addIfSet(options, "-upper-limit", m_UpperLimit.text());
    if (m_Grouped) {
      options.add("-grouped");
    }
    addIfSet(options, "-class-weights", m_ClassWeights.text());
    if (m_NoIntercept) {
      options.add("-no-intercept");
    }
    if (!Double.isNaN(m_Relax)) {
      options.add("-relax");
      options.add(format(m_Relax));
    }
    if (m_ShowAllCoefficients) {
      options.add("-show-all-coefficients");
    }
    Collections.addAll(options, super.getOptions());
    return options.toArray(new String[0]);
  }

  private static void addIfSet(List<String> options, String name, String value) {
    if (!value.isEmpty()) {
      options.add(name);
      options.add(value);
    }
  }

  private static String format(double value) {
    return Double.toString(value);
  }

  private static double parseDouble(String name, String text, double absent) {
    if (text.isEmpty()) {
      return absent;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + name + " needs a number, got '" + text + "'");
    }
  }

  private static int parseInt(String name, String text, int absent) {
    if (text.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + name + " needs an integer, got '" + text
          + "'");
    }
  }

  private static int tagId(String option, String text, Tag[] tags, int absent) {
    if (text.isEmpty()) {
      return absent;
    }
    for (Tag tag : tags) {
      if (tag.getIDStr().equalsIgnoreCase(text)) {
        return tag.getID();
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (Tag tag : tags) {
      allowed.append(allowed.length() == 0 ? "" : ", ")
          .append(tag.getIDStr().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("-" + option + " must be one of " + allowed
        + "; got '" + text + "'");
  }

  // -------------------------------------------------------------- properties

  public String alphaTipText() {
    return "The elastic-net mixing parameter in [0, 1]: 1 is the lasso (L1), 0 is ridge "
        + "(L2), values in between mix them.";
  }

  public double getAlpha() {
    return m_Alpha;
  }

  /** @param alpha the mixing parameter, in [0, 1] */
  public void setAlpha(double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha);
    }
    m_Alpha = alpha;
  }

  public String lambdaTipText() {
    return "A fixed penalty weight lambda >= 0 (0 = unpenalised fit with standard errors). "
        + "NaN (the default) fits the regularisation path and chooses lambda by "
        + "cross-validation.";
  }

  public double getLambda() {
    return m_Lambda;
  }

  /** @param lambda a fixed penalty weight &gt;= 0, or NaN to choose it by CV */
  public void setLambda(double lambda) {
    if (!Double.isNaN(lambda) && !(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0 (or NaN to choose "
          + "it by cross-validation), got " + lambda);
    }
    m_Lambda = lambda;
  }

  public String numLambdasTipText() {
    return "The number of lambdas on the regularisation path (at least 1).";
  }

  public int getNumLambdas() {
    return m_NumLambdas;
  }

  public void setNumLambdas(int numLambdas) {
    if (numLambdas < 1) {
      throw new IllegalArgumentException("nlambda must be at least 1, got " + numLambdas);
    }
    m_NumLambdas = numLambdas;
  }

  public String lambdaMinRatioTipText() {
    return "The smallest lambda of the path as a fraction of lambda_max, in (0, 1). NaN "
        + "(the default) uses glmnet's rule: 1e-4 when there are more rows than columns, "
        + "else 1e-2.";
  }

  public double getLambdaMinRatio() {
    return m_LambdaMinRatio;
  }

  public void setLambdaMinRatio(double ratio) {
    if (!Double.isNaN(ratio) && !(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("lambda-min-ratio must lie in (0, 1), got " + ratio);
    }
    m_LambdaMinRatio = ratio;
  }

  public String foldsTipText() {
    return "Cross-validation folds used to choose lambda (at least 2); 0 means no "
        + "cross-validation: the smallest lambda of the path is kept.";
  }

  public int getFolds() {
    return m_Folds;
  }

  public void setFolds(int folds) {
    if (folds == 1 || folds < 0) {
      throw new IllegalArgumentException("folds must be 0 (no cross-validation) or at least "
          + "2, got " + folds);
    }
    m_Folds = folds;
  }

  public String selectionTipText() {
    return "How lambda is chosen from the CV curve: min takes the best mean, 1se the "
        + "largest lambda whose mean is within one standard error of the best.";
  }

  public SelectedTag getSelection() {
    return new SelectedTag(m_Selection, TAGS_SELECTION);
  }

  public void setSelection(SelectedTag selection) {
    if (selection.getTags() != TAGS_SELECTION) {
      throw new IllegalArgumentException("not a selection rule: " + selection);
    }
    m_Selection = selection.getSelectedTag().getID();
  }

  public String measureTipText() {
    return "The cross-validation measure: deviance, class (misclassification rate) or auc "
        + "(class-weighted one-against-rest for more than two classes).";
  }

  public SelectedTag getMeasure() {
    return new SelectedTag(m_Measure, TAGS_MEASURE);
  }

  public void setMeasure(SelectedTag measure) {
    if (measure.getTags() != TAGS_MEASURE) {
      throw new IllegalArgumentException("not a CV measure: " + measure);
    }
    m_Measure = measure.getSelectedTag().getID();
  }

  public String seedTipText() {
    return "The random seed of the stratified cross-validation folds.";
  }

  public int getSeed() {
    return m_Seed;
  }

  public void setSeed(int seed) {
    m_Seed = seed;
  }

  public String numThreadsTipText() {
    return "Threads that fit the cross-validation folds in parallel; 0 uses all cores. The "
        + "result does not depend on it.";
  }

  public int getNumThreads() {
    return m_Threads;
  }

  public void setNumThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got "
          + threads);
    }
    m_Threads = threads;
  }

  public String toleranceTipText() {
    return "The solver stops when the largest KKT violation (standardised scale) is at most "
        + "this.";
  }

  public double getTolerance() {
    return m_Tolerance;
  }

  public void setTolerance(double tolerance) {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tol must be positive and finite, got " + tolerance);
    }
    m_Tolerance = tolerance;
  }

  public String maxIterationsTipText() {
    return "The maximum number of proximal Newton iterations at one lambda.";
  }

  public int getMaxIterations() {
    return m_MaxIterations;
  }

  public void setMaxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("max-iter must be at least 1, got "
          + maxIterations);
    }
    m_MaxIterations = maxIterations;
  }

  public String noStandardizeTipText() {
    return "If set, the penalty applies to the coefficients of the columns as they are, not "
        + "of the standardised columns.";
  }

  public boolean getNoStandardize() {
    return m_NoStandardize;
  }

  public void setNoStandardize(boolean noStandardize) {
    m_NoStandardize = noStandardize;
  }

  public String penaltyFactorsTipText() {
    return "Penalty factors per attribute, as name:value entries separated by commas (0 = "
        + "unpenalised; unlisted attributes get 1; a nominal attribute's factor applies to all "
        + "its columns). They are rescaled to sum to the number of columns, as glmnet does.";
  }

  public String getPenaltyFactors() {
    return m_PenaltyFactors.text();
  }

  public void setPenaltyFactors(String spec) {
    m_PenaltyFactors = AttributeValues.parse("penalty-factors", spec, false,
        v -> v >= 0 && v < Double.POSITIVE_INFINITY, "finite and >= 0");
  }

  public String unpenalizedTipText() {
    return "Attributes left unpenalised (penalty factor 0), comma separated.";
  }

  public String getUnpenalized() {
    String text = m_Unpenalized.text();
    return text.isEmpty() ? "" : text.replace(":0.0", "");
  }

  public void setUnpenalized(String names) {
    m_Unpenalized = AttributeValues.names("unpenalized", names, 0.0);
  }

  public String lowerLimitTipText() {
    return "Lower limit of the original-scale coefficients, as glmnet's lower.limits: one "
        + "number <= 0 for every column, or name:value entries (others unbounded).";
  }

  public String getLowerLimit() {
    return m_LowerLimit.text();
  }

  public void setLowerLimit(String spec) {
    m_LowerLimit = AttributeValues.parse("lower-limit", spec, true, v -> v <= 0, "<= 0");
  }

  public String upperLimitTipText() {
    return "Upper limit of the original-scale coefficients, as glmnet's upper.limits: one "
        + "number >= 0 for every column, or name:value entries (others unbounded).";
  }

  public String getUpperLimit() {
    return m_UpperLimit.text();
  }

  public void setUpperLimit(String spec) {
    m_UpperLimit = AttributeValues.parse("upper-limit", spec, true, v -> v >= 0, ">= 0");
  }

  public String groupedTipText() {
    return "Grouped multinomial penalty: each column's coefficients over the classes are "
        + "penalised as one group, so an attribute enters or leaves for all classes together "
        + "(glmnet's type.multinomial = \"grouped\"). Ignored for two classes.";
  }

  public boolean getGrouped() {
    return m_Grouped;
  }

  public void setGrouped(boolean grouped) {
    m_Grouped = grouped;
  }

  public String classWeightsTipText() {
    return "Class weights multiplying the instance weights: 'balanced' gives class k the "
        + "weight W / (K W_k), the first remedy for class imbalance; or class:weight entries.";
  }

  public String getClassWeights() {
    return m_ClassWeights.text();
  }

  public void setClassWeights(String spec) {
    m_ClassWeights = ClassWeights.parse(spec);
  }

  public String noInterceptTipText() {
    return "Fit without an intercept (glmnet's intercept = FALSE).";
  }

  public boolean getNoIntercept() {
    return m_NoIntercept;
  }

  public void setNoIntercept(boolean noIntercept) {
    m_NoIntercept = noIntercept;
  }

  public String relaxTipText() {
    return "Relaxed fit (glmnet's relax = TRUE): at each lambda the active set is refitted "
        + "without penalty and the coefficients blended as gamma * penalised + (1 - gamma) * "
        + "unpenalised. NaN (the default) means no relaxed fit.";
  }

  public double getRelax() {
    return m_Relax;
  }

  public void setRelax(double gamma) {
    if (!Double.isNaN(gamma) && !(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("relax (gamma) must lie in [0, 1], got " + gamma);
    }
    m_Relax = gamma;
  }

  public String showAllCoefficientsTipText() {
    return "List every term in the model output, zeros included, in attribute order; by "
        + "default only the non-zero terms are listed, the largest standardised first.";
  }

  public boolean getShowAllCoefficients() {
    return m_ShowAllCoefficients;
  }

  public void setShowAllCoefficients(boolean showAll) {
    m_ShowAllCoefficients = showAll;
  }

  /** The validated core settings of the current options. */
  FitSettings fitSettings() {
    int threads = m_Threads == 0 ? Runtime.getRuntime().availableProcessors() : m_Threads;
    return FitSettings.builder()
        .alpha(m_Alpha)
        .lambda(m_Lambda)
        .numLambdas(m_NumLambdas)
        .lambdaMinRatio(m_LambdaMinRatio)
        .folds(m_Folds)
        .selection(m_Selection == SELECT_1SE ? FitSettings.Selection.ONE_SE
            : FitSettings.Selection.MIN)
        .measure(switch (m_Measure) {
          case MEASURE_CLASS -> FitSettings.Measure.MISCLASSIFICATION;
          case MEASURE_AUC -> FitSettings.Measure.AUC;
          default -> FitSettings.Measure.DEVIANCE;
        })
        .seed(m_Seed)
        .threads(threads)
        .tolerance(m_Tolerance)
        .maxIterations(m_MaxIterations)
        .standardize(!m_NoStandardize)
        .intercept(!m_NoIntercept)
        .grouped(m_Grouped)
        .relax(m_Relax)
        .build();
  }

  // ------------------------------------------------------------- training

  /**
   * Fits the model.
   *
   * @param data the training data
   * @throws Exception if the data cannot be used, with a message that names the problem
   */
  @Override
  public void buildClassifier(Instances data) throws Exception {
    m_Model = null;
    if (!getDoNotCheckCapabilities()) {
      getCapabilities().testWithFail(data);
    }
    FitSettings settings = fitSettings();
    TrainingSet training = TrainingSet.from(data, settings.hasFixedLambda()
        && settings.lambda() == 0, m_ClassWeights);
    Instances header = training.header();
    DesignEncoder encoder = training.encoder();
    settings = settings.toBuilder()
        .penaltyFactors(m_PenaltyFactors.with(m_Unpenalized).perColumn(header, encoder, 1.0))
        .lowerLimits(m_LowerLimit.perColumn(header, encoder, Double.NEGATIVE_INFINITY))
        .upperLimits(m_UpperLimit.perColumn(header, encoder, Double.POSITIVE_INFINITY))
        .build();
    m_Model = FittedModel.fit(training, settings, getDebug(), optionNotes());
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    if (m_Model == null) {
      throw new IllegalStateException("the classifier has not been built");
    }
    return m_Model.distribution(instance);
  }

  // ------------------------------------------------------ fitted model API

  private FittedModel model() {
    if (m_Model == null) {
      throw new IllegalStateException("the classifier has not been built");
    }
    return m_Model;
  }

  /**
   * The coefficients on the original scale, {@code [row][0 = intercept, then one per
   * term]}, terms as {@link #getTermNames()}. Penalised binomial fit: one row, the log-odds
   * of the second class against the first. Penalised multinomial fit: one row per class
   * (symmetric form). Unpenalised fit: one row per class after the first, each against the
   * first; aliased terms are NaN.
   */
  public double[][] getCoefficients() {
    return model().coefficients();
  }

  /** The class each coefficient row belongs to (for binomial: the second class). */
  public String[] getCoefficientRowNames() {
    return model().rowNames();
  }

  /** The names of the design terms, {@code attr} or {@code attr=value}. */
  public String[] getTermNames() {
    return model().encoder().columnNames();
  }

  /**
   * The standard errors of the unpenalised fit ({@code -lambda 0}), same shape and order as
   * {@link #getCoefficients()}.
   *
   * @throws IllegalStateException for a penalised fit, whose estimates have no simple
   *     standard errors
   */
  public double[][] getStandardErrors() {
    return model().standardErrors();
  }

  /** The lambda of the fitted model. */
  public double getSelectedLambda() {
    return model().lambda();
  }

  /** The solved regularisation path (a single point for a fixed lambda). */
  public RegularizationPath getPath() {
    return model().path();
  }

  /** The cross-validation curve, when lambda was chosen by it. */
  public Optional<CrossValidationResult> getCrossValidation() {
    return model().crossValidation();
  }

  /** The penalised fit, or empty for the unpenalised one. */
  public Optional<ElasticNetFit> getFit() {
    return model().penalisedFit();
  }

  /** The unpenalised fit, or empty for a penalised one. */
  public Optional<UnpenalizedFit> getUnpenalizedFit() {
    return model().unpenalisedFit();
  }

  /** The design encoder of the fitted model. */
  public DesignEncoder getEncoder() {
    return model().encoder();
  }

  /** The classifier of the chosen lambda in the core's terms. */
  public Optional<LinearClassifier> getLinearClassifier() {
    return model().penalisedFit().map(ElasticNetFit::classifier);
  }

  /** The non-default glmnet options, one line each, for the model output. */
  private List<String> optionNotes() {
    List<String> notes = new ArrayList<>();
    if (!m_PenaltyFactors.isEmpty() || !m_Unpenalized.isEmpty()) {
      String text = m_PenaltyFactors.with(m_Unpenalized).text();
      notes.add("penalty factors (before rescaling): " + text);
    }
    if (!m_LowerLimit.isEmpty()) {
      notes.add("lower limits: " + m_LowerLimit.text());
    }
    if (!m_UpperLimit.isEmpty()) {
      notes.add("upper limits: " + m_UpperLimit.text());
    }
    if (m_Grouped) {
      notes.add("grouped multinomial penalty (a term enters for all classes at once)");
    }
    if (!m_ClassWeights.isEmpty()) {
      notes.add("class weights: " + m_ClassWeights.text());
    }
    if (m_NoIntercept) {
      notes.add("no intercept");
    }
    if (!Double.isNaN(m_Relax)) {
      notes.add("relaxed fit, gamma = " + m_Relax + " (gamma * penalised + (1 - gamma) * "
          + "unpenalised refit)");
    }
    return notes;
  }

  // ------------------------------------------------------------- measures

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> measures = new Vector<>();
    measures.add("measureLambda");
    measures.add("measureNumNonZero");
    measures.add("measureNumIterations");
    measures.add("measureKKTViolation");
    measures.add("measureDeviance");
    measures.add("measureDevianceRatio");
    return measures.elements();
  }

  @Override
  public double getMeasure(String measureName) {
    if (m_Model == null) {
      return Double.NaN;
    }
    return switch (measureName.toLowerCase(Locale.ROOT)) {
      case "measurelambda" -> m_Model.lambda();
      case "measurenumnonzero" -> m_Model.nonZeroCoefficients();
      case "measurenumiterations" -> m_Model.iterations();
      case "measurekktviolation" -> m_Model.kktViolation();
      case "measuredeviance" -> m_Model.deviance();
      case "measuredevianceratio" -> m_Model.devianceRatio();
      default -> throw new IllegalArgumentException(measureName
          + " not supported (ElasticNetLogistic)");
    };
  }

  // --------------------------------------------------------------- output

  @Override
  public String toString() {
    if (m_Model == null) {
      return "ElasticNetLogistic: no model built yet.";
    }
    return new ModelFormatter(m_Model, getNumDecimalPlaces(), m_ShowAllCoefficients).format();
  }

  /** The selected lambda's point on the path, or empty for the unpenalised fit. */
  public Optional<PathPoint> getSelectedPoint() {
    return model().penalisedFit().map(ElasticNetFit::selected);
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  /**
   * Runs the classifier from the command line.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runClassifier(new ElasticNetLogistic(), args);
  }
}
