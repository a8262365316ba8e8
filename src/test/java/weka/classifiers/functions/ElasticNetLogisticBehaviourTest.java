package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.UnsupportedAttributeTypeException;

/**
 * The classifier's behaviour through its Weka interface: bad options and bad data are
 * refused with messages that name the problem; sparse and dense data give the same model;
 * the ridge fit is Weka's Logistic; extreme inputs never give NaN; threads do not change the
 * answer.
 */
class ElasticNetLogisticBehaviourTest {

  static Instances resource(String name) throws Exception {
    try (InputStream in = Instances.class.getClassLoader().getResourceAsStream(name)) {
      Instances data = new Instances(new InputStreamReader(in));
      data.setClassIndex(data.numAttributes() - 1);
      return data;
    }
  }

  static Instances iris() throws Exception {
    return resource("weka/gui/beans/templates/iris.arff");
  }

  static Instances creditG() throws Exception {
    return resource("weka/gui/beans/templates/credit-g.arff");
  }

  /** credit-g as SparseInstances (a nominal value 0 is then left unstored). */
  static Instances sparseCreditG() throws Exception {
    Instances dense = creditG();
    Instances sparse = new Instances(dense, dense.numInstances());
    for (Instance instance : dense) {
      sparse.add(new SparseInstance(instance));
    }
    return sparse;
  }

  /** A two-class data set with numeric columns x1, x2 and class {a, b}. */
  static Instances twoClass(double[][] rows, String[] classes) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < rows[0].length; j++) {
      attributes.add(new Attribute("x" + (j + 1)));
    }
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("test", attributes, rows.length);
    data.setClassIndex(rows[0].length);
    for (int i = 0; i < rows.length; i++) {
      double[] values = new double[rows[0].length + 1];
      System.arraycopy(rows[i], 0, values, 0, rows[0].length);
      values[rows[0].length] = data.classAttribute().indexOfValue(classes[i]);
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  static Instances smallTwoClass() {
    double[][] x = new double[30][2];
    String[] y = new String[30];
    for (int i = 0; i < 30; i++) {
      x[i][0] = Math.sin(i);
      x[i][1] = Math.cos(3 * i);
      y[i] = x[i][0] + 0.5 * x[i][1] + 0.3 * Math.sin(7 * i) > 0 ? "b" : "a";
    }
    return twoClass(x, y);
  }

  private static String failure(String[] options) {
    ElasticNetLogistic model = new ElasticNetLogistic();
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(options));
    return e.getMessage();
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertTrue(failure(new String[] {"-lambda", "-1"}).contains("lambda"));
    assertTrue(failure(new String[] {"-alpha", "1.5"}).contains("alpha"));
    assertTrue(failure(new String[] {"-alpha", "-0.1"}).contains("alpha"));
    assertTrue(failure(new String[] {"-nlambda", "0"}).contains("nlambda"));
    assertTrue(failure(new String[] {"-folds", "1"}).contains("folds"));
    assertTrue(failure(new String[] {"-lambda-min-ratio", "2"}).contains("lambda-min-ratio"));
    assertTrue(failure(new String[] {"-select", "best"}).contains("min, 1se"));
    assertTrue(failure(new String[] {"-measure", "mse"}).contains("deviance"));
    assertTrue(failure(new String[] {"-tol", "0"}).contains("tol"));
    assertTrue(failure(new String[] {"-max-iter", "0"}).contains("max-iter"));
    assertTrue(failure(new String[] {"-threads", "-2"}).contains("threads"));
    assertTrue(failure(new String[] {"-alpha", "abc"}).contains("alpha"));
    // an unknown option is refused by Weka's own option check, with its plain Exception
    ElasticNetLogistic model = new ElasticNetLogistic();
    Exception unknown = assertThrows(Exception.class,
        () -> model.setOptions(new String[] {"-no-such-option"}));
    assertTrue(unknown.getMessage().contains("no-such-option"), unknown.getMessage());
  }

  @Test
  void settersRefuseBadValuesToo() {
    ElasticNetLogistic model = new ElasticNetLogistic();
    assertThrows(IllegalArgumentException.class, () -> model.setLambda(-0.5));
    assertThrows(IllegalArgumentException.class, () -> model.setAlpha(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> model.setNumLambdas(0));
    assertThrows(IllegalArgumentException.class, () -> model.setFolds(1));
  }

  @Test
  void absentOptionsReturnToTheirDefaults() throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-alpha", "0.3", "-lambda", "0.1", "-folds", "5",
        "-no-standardize", "-select", "1se", "-measure", "auc", "-S", "7"});
    model.setOptions(new String[0]);
    assertEquals(1.0, model.getAlpha());
    assertTrue(Double.isNaN(model.getLambda()));
    assertEquals(10, model.getFolds());
    assertFalse(model.getNoStandardize());
    assertEquals(ElasticNetLogistic.SELECT_MIN, model.getSelection().getSelectedTag().getID());
    assertEquals(ElasticNetLogistic.MEASURE_DEVIANCE,
        model.getMeasure().getSelectedTag().getID());
    assertEquals(1, model.getSeed());
  }

  @Test
  void optionsRoundTrip() throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    String[] options = {"-alpha", "0.25", "-lambda", "0.01", "-nlambda", "50",
        "-lambda-min-ratio", "0.001", "-folds", "5", "-select", "1se", "-measure", "class",
        "-S", "3", "-threads", "1", "-tol", "1.0E-7", "-max-iter", "40", "-no-standardize"};
    model.setOptions(options.clone());
    ElasticNetLogistic copy = new ElasticNetLogistic();
    copy.setOptions(model.getOptions());
    assertArrayEquals(model.getOptions(), copy.getOptions());
    assertEquals(0.25, copy.getAlpha());
    assertEquals(0.01, copy.getLambda());
    assertEquals(50, copy.getNumLambdas());
    assertEquals(ElasticNetLogistic.MEASURE_CLASS, copy.getMeasure().getSelectedTag().getID());
  }

  private static String buildFailure(Instances data) {
    ElasticNetLogistic model = new ElasticNetLogistic();
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> model.buildClassifier(data));
    return e.getMessage();
  }

  @Test
  void aNumericClassIsRefusedByTheCapabilities() {
    Instances data = smallTwoClass();
    data.setClassIndex(0);
    ElasticNetLogistic model = new ElasticNetLogistic();
    Exception e = assertThrows(UnsupportedAttributeTypeException.class,
        () -> model.buildClassifier(data));
    assertTrue(e.getMessage().toLowerCase().contains("numeric class"), e.getMessage());
  }

  @Test
  void aClassWithOneValueOrOneObservedClassIsRefused() throws Exception {
    Instances data = smallTwoClass();
    for (Instance instance : data) {
      instance.setClassValue("a");
    }
    assertTrue(buildFailure(data).contains("only one class value ('a')"),
        buildFailure(data));

    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("class", List.of("only")));
    Instances single = new Instances("single", attributes, 3);
    single.setClassIndex(1);
    for (int i = 0; i < 3; i++) {
      single.add(new DenseInstance(1.0, new double[] {i, 0}));
    }
    ElasticNetLogistic model = new ElasticNetLogistic();
    String message = assertThrows(UnsupportedAttributeTypeException.class,
        () -> model.buildClassifier(single)).getMessage();
    assertTrue(message.contains("unary class"), message);
  }

  @Test
  void negativeOrAllZeroWeightsAreRefused() {
    Instances data = smallTwoClass();
    data.instance(4).setWeight(-1);
    String message = buildFailure(data);
    assertTrue(message.contains("instance 5") && message.contains("weight"), message);

    Instances zero = smallTwoClass();
    for (Instance instance : zero) {
      instance.setWeight(0);
    }
    message = buildFailure(zero);
    assertTrue(message.contains("weight zero"), message);
  }

  @Test
  void infiniteValuesAreRefusedNamingAttributeAndInstance() {
    Instances data = smallTwoClass();
    data.instance(6).setValue(1, Double.POSITIVE_INFINITY);
    String message = buildFailure(data);
    assertTrue(message.contains("'x2'") && message.contains("instance 7"), message);
  }

  @Test
  void moreFoldsThanRowsIsRefused() throws Exception {
    Instances data = smallTwoClass();
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-folds", "31"});
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> model.buildClassifier(data));
    assertTrue(e.getMessage().contains("31") && e.getMessage().contains("folds"),
        e.getMessage());
  }

  @Test
  void zeroWeightRowsHaveNoEffect() throws Exception {
    Instances data = smallTwoClass();
    Instances padded = new Instances(data);
    Instance extra = (Instance) data.instance(0).copy();
    extra.setValue(0, 100);
    extra.setWeight(0);
    padded.add(extra);
    ElasticNetLogistic a = new ElasticNetLogistic();
    a.setOptions(new String[] {"-lambda", "0.01", "-alpha", "0.5"});
    a.buildClassifier(data);
    ElasticNetLogistic b = new ElasticNetLogistic();
    b.setOptions(new String[] {"-lambda", "0.01", "-alpha", "0.5"});
    b.buildClassifier(padded);
    assertArrayEquals(a.getCoefficients()[0], b.getCoefficients()[0], 1e-12);
  }

  @Test
  void sparseAndDenseDataGiveTheSameModel() throws Exception {
    Instances dense = creditG();
    Instances sparse = sparseCreditG();
    ElasticNetLogistic a = new ElasticNetLogistic();
    a.setOptions(new String[] {"-lambda", "0.005", "-alpha", "0.7"});
    a.buildClassifier(dense);
    ElasticNetLogistic b = new ElasticNetLogistic();
    b.setOptions(new String[] {"-lambda", "0.005", "-alpha", "0.7"});
    b.buildClassifier(sparse);
    for (int i = 0; i < dense.numInstances(); i += 37) {
      assertArrayEquals(a.distributionForInstance(dense.instance(i)),
          b.distributionForInstance(sparse.instance(i)), 1e-7);
    }
  }

  /**
   * A model saved and read back predicts sparse rows as before: the encoder rebuilds the
   * list of attributes whose value 0 has an indicator column, which a sparse row leaves
   * unstored (credit-g has such attributes).
   */
  @Test
  void aSerialisedModelPredictsSparseRowsAsBefore() throws Exception {
    Instances sparse = sparseCreditG();
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0.005", "-alpha", "0.7"});
    model.buildClassifier(sparse);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    ElasticNetLogistic read;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      read = (ElasticNetLogistic) in.readObject();
    }
    for (int i = 0; i < sparse.numInstances(); i += 37) {
      assertArrayEquals(model.distributionForInstance(sparse.instance(i)),
          read.distributionForInstance(sparse.instance(i)), 0.0);
    }
  }

  /**
   * On two classes, -alpha 0 -lambda L is Weka's Logistic with ridge (W - 1) L / 2. Logistic's
   * quasi-Newton search stops at its own tolerance, about 1e-5 in probabilities (on
   * credit-g 3e-5, where this fit matches glmnet to 1e-6), so the agreement is checked to
   * 1e-5 on data where Logistic converges that far.
   */
  @Test
  void ridgeIsWekasLogistic() throws Exception {
    Instances irisTwo = new Instances(iris(), 0);
    for (Instance instance : iris()) {
      if (instance.classValue() > 0) {
        irisTwo.add(instance);
      }
    }
    for (Instances data : List.of(irisTwo)) {
      for (double lambda : new double[] {0.1, 0.01, 0.001}) {
        ElasticNetLogistic ours = new ElasticNetLogistic();
        ours.setOptions(new String[] {"-alpha", "0", "-lambda", "" + lambda});
        ours.buildClassifier(data);
        Logistic weka = new Logistic();
        weka.setRidge((data.sumOfWeights() - 1) * lambda / 2);
        weka.buildClassifier(data);
        double worst = 0;
        for (Instance instance : data) {
          double[] p = ours.distributionForInstance(instance);
          double[] q = weka.distributionForInstance(instance);
          for (int k = 0; k < p.length; k++) {
            worst = Math.max(worst, Math.abs(p[k] - q[k]));
          }
        }
        assertTrue(worst < 1e-5, "lambda " + lambda + ": largest difference " + worst);
      }
    }
  }

  @Test
  void extremeInputsGiveProbabilitiesNotNaN() throws Exception {
    Instances data = iris();
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0.001"});
    model.buildClassifier(data);
    for (double value : new double[] {1e300, -1e300, Double.MAX_VALUE, 1e-300}) {
      Instance instance = (Instance) data.instance(0).copy();
      for (int a = 0; a < 4; a++) {
        instance.setValue(a, a % 2 == 0 ? value : -value);
      }
      double[] p = model.distributionForInstance(instance);
      double sum = 0;
      for (double v : p) {
        assertFalse(Double.isNaN(v));
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  @Test
  void crossValidationDoesNotDependOnThreads() throws Exception {
    Instances data = iris();
    ElasticNetLogistic one = new ElasticNetLogistic();
    one.setOptions(new String[] {"-threads", "1", "-nlambda", "30", "-alpha", "0.5"});
    one.buildClassifier(data);
    ElasticNetLogistic two = new ElasticNetLogistic();
    two.setOptions(new String[] {"-threads", "3", "-nlambda", "30", "-alpha", "0.5"});
    two.buildClassifier(data);
    assertArrayEquals(one.getCrossValidation().orElseThrow().mean(),
        two.getCrossValidation().orElseThrow().mean(), 0.0);
    assertEquals(one.getSelectedLambda(), two.getSelectedLambda(), 0.0);
    assertEquals(one.toString(), two.toString());
  }

  @Test
  void classesWithoutTrainingDataGetProbabilityZero() throws Exception {
    Instances data = iris();
    Instances twoOfThree = new Instances(data, 0);
    for (Instance instance : data) {
      if (!instance.stringValue(4).equals("Iris-virginica")) {
        twoOfThree.add(instance);
      }
    }
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0.01"});
    model.buildClassifier(twoOfThree);
    double[] p = model.distributionForInstance(data.instance(120));
    assertEquals(0.0, p[2]);
    assertEquals(1.0, p[0] + p[1], 1e-12);
    assertTrue(model.toString().contains("'Iris-virginica'"), model.toString());
  }

  @Test
  void theModelNamesItsTermsAndReportsTheSolver() throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-folds", "5"});
    model.buildClassifier(creditG());
    String text = model.toString();
    assertTrue(text.contains("checking_status=<0"), text);
    assertTrue(text.contains("Odds ratio"), text);
    assertTrue(text.contains("5-fold CV"), text);
    assertTrue(text.contains("converged"), text);
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= 80, "line over 80 columns: " + line);
    }
    assertEquals(model.getTermNames().length + 1, model.getCoefficients()[0].length);
    assertTrue(model.getMeasure("measureKKTViolation") <= model.getTolerance());
    assertEquals(model.getSelectedLambda(), model.getMeasure("measureLambda"));
  }
}
