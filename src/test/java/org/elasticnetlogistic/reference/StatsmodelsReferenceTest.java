package org.elasticnetlogistic.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.Instance;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * The unpenalised fit (-lambda 0) against the committed statsmodels fixtures
 * (test-data/statsmodels, made by make_statsmodels_fixtures.py and cross-checked there with
 * R's glm and nnet::multinom): coefficients and standard errors to 1e-6 relative,
 * probabilities to 1e-6, aliased terms as NA.
 */
class StatsmodelsReferenceTest {

  static final double RELATIVE_TOLERANCE = 1e-6;

  private static Path dir() {
    return Fixtures.testData().resolve("statsmodels");
  }

  @TestFactory
  Stream<DynamicTest> unpenalisedFitsMatchStatsmodels() {
    List<Map<String, String>> cases = Fixtures.readTable(dir().resolve("cases.csv"));
    assertTrue(cases.size() >= 5, "expected the statsmodels fixtures");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("case"), () -> check(c)));
  }

  /** Keeps the attributes whose terms the fixture uses, and the class. */
  static Instances restrictTo(Instances data, String[] terms) throws Exception {
    Set<String> used = new HashSet<>();
    for (String term : terms) {
      used.add(term.contains("=") ? term.substring(0, term.indexOf('=')) : term);
    }
    StringBuilder drop = new StringBuilder();
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex() && !used.contains(data.attribute(a).name())) {
        drop.append(drop.length() == 0 ? "" : ",").append(a + 1);
      }
    }
    if (drop.length() == 0) {
      return data;
    }
    Remove remove = new Remove();
    remove.setAttributeIndices(drop.toString());
    remove.setInputFormat(data);
    Instances out = Filter.useFilter(data, remove);
    out.setClassIndex(out.numAttributes() - 1);
    return out;
  }

  private static void check(Map<String, String> c) throws Exception {
    String id = c.get("case");
    Fixtures.Matrix coefficients = Fixtures.readMatrix(dir().resolve(id + ".coef.csv"), true);
    Fixtures.Matrix errors = Fixtures.readMatrix(dir().resolve(id + ".se.csv"), true);
    Fixtures.Matrix probabilities = Fixtures.readMatrix(dir().resolve(id + ".prob.csv"), false);
    String[] terms = Arrays.copyOfRange(coefficients.header(), 2,
        coefficients.header().length);
    Instances data = restrictTo(Fixtures.dataset(c.get("dataset")), terms);
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0"});
    model.buildClassifier(data);
    assertArrayEquals(terms, model.getTermNames(), id + ": term names");
    assertArrayEquals(coefficients.labels(), model.getCoefficientRowNames(), id + ": rows");
    compare(id + " coefficient", coefficients.values(), model.getCoefficients());
    compare(id + " standard error", errors.values(), model.getStandardErrors());
    List<Instance> kept = Fixtures.keptRows(data);
    double worst = 0;
    for (int i = 0; i < kept.size(); i++) {
      double[] ours = model.distributionForInstance(kept.get(i));
      for (int k = 0; k < ours.length; k++) {
        worst = Math.max(worst, Math.abs(ours[k] - probabilities.values()[i][k]));
      }
    }
    assertTrue(worst <= 1e-6, id + ": largest probability difference " + worst);
  }

  private static void compare(String what, double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length, what + " rows");
    for (int r = 0; r < expected.length; r++) {
      for (int t = 0; t < expected[r].length; t++) {
        if (Double.isNaN(expected[r][t])) {
          assertTrue(Double.isNaN(actual[r][t]), what + " [" + r + "][" + t + "] should be NA");
          continue;
        }
        assertEquals(expected[r][t], actual[r][t],
            RELATIVE_TOLERANCE * Math.abs(expected[r][t]), what + " [" + r + "][" + t + "]");
      }
    }
  }
}
