package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import weka.core.Instance;
import weka.core.Instances;

/**
 * What glmnet's options mean, checked from their defining properties (the glmnet fixtures
 * check the numbers): unpenalised columns, limits, grouped selection, class weights, no
 * intercept, the relaxed blend; and their bad values.
 */
class GlmnetOptionsBehaviourTest {

  private static ElasticNetLogistic fit(Instances data, String... options) throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(options);
    model.buildClassifier(data);
    return model;
  }

  private static int column(ElasticNetLogistic model, String term) {
    String[] names = model.getTermNames();
    for (int j = 0; j < names.length; j++) {
      if (names[j].equals(term)) {
        return j + 1;
      }
    }
    throw new AssertionError("no term " + term);
  }

  @Test
  void anUnpenalisedAttributeIsFittedEvenAtLambdaMax() throws Exception {
    Instances data = ElasticNetLogisticBehaviourTest.creditG();
    ElasticNetLogistic model = fit(data, "-folds", "0", "-unpenalized", "duration,age");
    double[][] first = model.getPath().point(0).coefficients().toArray();
    int duration = column(model, "duration");
    int age = column(model, "age");
    for (int t = 1; t < first[0].length; t++) {
      assertEquals(t == duration || t == age, first[0][t] != 0, "term " + t + " at lambda_max");
    }
    ElasticNetLogistic huge = fit(data, "-lambda", "1e6", "-penalty-factors", "duration:0");
    assertNotEquals(0.0, huge.getCoefficients()[0][duration]);
  }

  @Test
  void limitsBoundTheOriginalScaleCoefficients() throws Exception {
    Instances data = ElasticNetLogisticBehaviourTest.creditG();
    ElasticNetLogistic free = fit(data, "-lambda", "0.002");
    ElasticNetLogistic bounded = fit(data, "-lambda", "0.002", "-lower-limit", "0",
        "-upper-limit", "0.3");
    boolean someNegative = false;
    for (double b : free.getCoefficients()[0]) {
      someNegative |= b < 0;
    }
    assertTrue(someNegative, "the unbounded fit has negative coefficients");
    double[] b = bounded.getCoefficients()[0];
    for (int t = 1; t < b.length; t++) {
      assertTrue(b[t] >= 0 && b[t] <= 0.3, "term " + t + " = " + b[t]);
    }
    assertTrue(bounded.getMeasure("measureKKTViolation") <= bounded.getTolerance());
  }

  @Test
  void groupedSelectionKeepsOrDropsAColumnForEveryClass() throws Exception {
    Instances data = ElasticNetLogisticBehaviourTest.iris();
    for (String lambda : new String[] {"0.05", "0.02", "0.005"}) {
      ElasticNetLogistic model = fit(data, "-grouped", "-lambda", lambda);
      double[][] b = model.getCoefficients();
      for (int t = 1; t < b[0].length; t++) {
        boolean any = false;
        boolean all = true;
        for (double[] row : b) {
          any |= row[t] != 0;
          all &= row[t] != 0;
        }
        assertEquals(any, all, "lambda " + lambda + " term " + t);
      }
      assertTrue(model.getMeasure("measureKKTViolation") <= model.getTolerance());
    }
  }

  @Test
  void balancedClassWeightsAreTheWeightsWritten() throws Exception {
    Instances data = ElasticNetLogisticBehaviourTest.creditG();
    double[] classWeight = new double[2];
    for (Instance instance : data) {
      classWeight[(int) instance.classValue()] += instance.weight();
    }
    Instances weighted = new Instances(data);
    double total = classWeight[0] + classWeight[1];
    for (Instance instance : weighted) {
      instance.setWeight(total / (2 * classWeight[(int) instance.classValue()]));
    }
    ElasticNetLogistic balanced = fit(data, "-lambda", "0.01", "-class-weights", "balanced");
    ElasticNetLogistic manual = fit(weighted, "-lambda", "0.01");
    assertArrayEquals(manual.getCoefficients()[0], balanced.getCoefficients()[0], 1e-9);
    ElasticNetLogistic explicit = fit(data, "-lambda", "0.01", "-class-weights",
        "good:" + total / (2 * classWeight[0]) + ",bad:" + total / (2 * classWeight[1]));
    assertArrayEquals(manual.getCoefficients()[0], explicit.getCoefficients()[0], 1e-9);
  }

  @Test
  void withoutInterceptTheInterceptIsZero() throws Exception {
    ElasticNetLogistic model = fit(ElasticNetLogisticBehaviourTest.iris(), "-lambda", "0.01",
        "-no-intercept");
    for (double[] row : model.getCoefficients()) {
      assertEquals(0.0, row[0], 1e-12);
    }
  }

  @Test
  void relaxedBlendRunsFromPenalisedToUnpenalised() throws Exception {
    Instances data = ElasticNetLogisticBehaviourTest.creditG();
    double[] penalised = fit(data, "-lambda", "0.02").getCoefficients()[0];
    double[] one = fit(data, "-lambda", "0.02", "-relax", "1").getCoefficients()[0];
    double[] zero = fit(data, "-lambda", "0.02", "-relax", "0").getCoefficients()[0];
    double[] half = fit(data, "-lambda", "0.02", "-relax", "0.5").getCoefficients()[0];
    assertArrayEquals(penalised, one, 1e-12);
    for (int t = 0; t < penalised.length; t++) {
      assertEquals(penalised[t] == 0, zero[t] == 0, "the refit keeps the active set");
      assertEquals(0.5 * (penalised[t] + zero[t]), half[t], 1e-9);
    }
  }

  @Test
  void badOptionValuesAreRefused() {
    ElasticNetLogistic model = new ElasticNetLogistic();
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-penalty-factors", "age:-1"})).getMessage()
        .contains("penalty-factors"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-lower-limit", "0.5"})).getMessage()
        .contains("lower-limit"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-upper-limit", "age:-2"})).getMessage()
        .contains("upper-limit"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-class-weights", "good:0"})).getMessage()
        .contains("class-weights"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-relax", "1.5"})).getMessage()
        .contains("relax"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.setOptions(new String[] {"-penalty-factors", "age"})).getMessage()
        .contains("name:value"));
  }

  @Test
  void unknownNamesAreRefusedWhenTheDataIsSeen() throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0.01", "-penalty-factors", "nosuch:0"});
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> model.buildClassifier(ElasticNetLogisticBehaviourTest.creditG()));
    assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
    model.setOptions(new String[] {"-lambda", "0.01", "-class-weights", "maybe:2"});
    e = assertThrows(IllegalArgumentException.class,
        () -> model.buildClassifier(ElasticNetLogisticBehaviourTest.creditG()));
    assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
  }

  @Test
  void optionsRoundTripAndShowInTheOutput() throws Exception {
    String[] options = {"-alpha", "0.5", "-lambda", "0.01", "-penalty-factors",
        "duration:2.0", "-unpenalized", "age", "-lower-limit", "-1.0", "-upper-limit",
        "credit_amount:0.5", "-class-weights", "balanced", "-no-intercept", "-relax", "0.3",
        "-show-all-coefficients"};
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(options.clone());
    ElasticNetLogistic copy = new ElasticNetLogistic();
    copy.setOptions(model.getOptions());
    assertArrayEquals(model.getOptions(), copy.getOptions());
    copy.buildClassifier(ElasticNetLogisticBehaviourTest.creditG());
    String text = copy.toString();
    for (String expected : new String[] {"penalty factors", "age:0.0", "lower limits",
        "upper limits", "class weights: balanced", "no intercept", "relaxed fit"}) {
      assertTrue(text.contains(expected), expected + " missing from\n" + text);
    }
  }
}
