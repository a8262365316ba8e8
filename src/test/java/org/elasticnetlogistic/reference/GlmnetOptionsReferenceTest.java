package org.elasticnetlogistic.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.elasticnetlogistic.core.PathPoint;
import org.elasticnetlogistic.core.RegularizationPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.Instance;
import weka.core.Instances;

/**
 * glmnet's options through the public classifier against the committed fixtures of
 * test-data/glmnet-options (made by make_options_fixtures.R and make_options_reference.py;
 * see the README there): penalty factors and -unpenalized, coefficient limits, the
 * grouped multinomial penalty, class weights, no intercept and the relaxed fit. Every case
 * is fitted with its exact option string at the fixture's lambda.
 *
 * <p>The manifest's {@code coef} column says which coefficients the problem determines:
 * {@code all}; {@code contrasts} (multinomial with an unpenalised column, an even number of
 * classes under the lasso, or a relaxed blend: only the differences between class rows are
 * fixed); {@code none} (aliased columns that nothing pins down, under the lasso, left
 * unpenalised or in a relaxed refit: only the probabilities).
 */
class GlmnetOptionsReferenceTest {

  /** Probabilities must agree to this, absolutely. */
  static final double PROBABILITY_TOLERANCE = 1e-6;
  /** Determined coefficients must agree to this, relative to max(1, |b|). */
  static final double COEFFICIENT_TOLERANCE = 1e-5;
  /**
   * The solver tolerance of these comparisons: they check that the same problem is solved,
   * so the fit is certified below the fixtures' own accuracy (KKT at most ~2e-10).
   */
  static final String TOLERANCE = "1e-10";

  /** The option families of issue 6, by case-name prefix, and how many cases each has. */
  private static final Map<String, Integer> MINIMUM_CASES = Map.of("pf", 6, "lim", 6,
      "grp", 4, "cw", 6, "noi", 6, "rel", 6);

  private static Path dir() {
    return Fixtures.testData().resolve("glmnet-options");
  }

  private static List<Map<String, String>> manifest() {
    return Fixtures.readTable(dir().resolve("cases.csv"));
  }

  static Stream<Arguments> cases() {
    return manifest().stream().map(c -> Arguments.of(c.get("case"), c));
  }

  static Stream<Arguments> pathCases() {
    return manifest().stream()
        .filter(c -> Files.exists(dir().resolve(c.get("case") + ".path.csv")))
        .map(c -> Arguments.of(c.get("case"), c));
  }

  @Test
  void everyOptionHasItsCases() {
    List<Map<String, String>> cases = manifest();
    for (Map.Entry<String, Integer> family : MINIMUM_CASES.entrySet()) {
      long count = cases.stream()
          .filter(c -> c.get("case").startsWith(family.getKey() + "-")).count();
      assertTrue(count >= family.getValue(), family.getKey() + ": " + count + " cases");
    }
    assertTrue(cases.stream().anyMatch(c -> c.get("options").contains("-unpenalized")));
    assertTrue(cases.stream()
        .anyMatch(c -> c.get("options").matches(".*-class-weights [^b].*")),
        "explicit class weights");
    assertTrue(pathCases().count() >= 3, "path cases");
  }

  private static String[] options(Map<String, String> c, String... more) {
    List<String> out = new ArrayList<>(Arrays.asList(c.get("options").trim().split("\\s+")));
    out.addAll(Arrays.asList(more));
    return out.toArray(new String[0]);
  }

  private static ElasticNetLogistic fit(Instances data, String[] options) throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(options);
    model.buildClassifier(data);
    return model;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void probabilitiesAndCoefficientsMatchTheReference(String id, Map<String, String> c)
      throws Exception {
    check(id, c);
  }

  private static void check(String id, Map<String, String> c) throws Exception {
    Instances data = Fixtures.dataset(c.get("dataset"));
    ElasticNetLogistic model = fit(data, options(c, "-lambda", c.get("lambda"), "-tol",
        TOLERANCE));

    double[][] expected = Fixtures.readMatrix(dir().resolve(id + ".prob.csv"), false)
        .values();
    List<Instance> kept = Fixtures.keptRows(data);
    assertEquals(expected.length, kept.size(), id + ": rows");
    double worst = 0;
    for (int i = 0; i < kept.size(); i++) {
      double[] ours = model.distributionForInstance(kept.get(i));
      for (int k = 0; k < expected[i].length; k++) {
        worst = Math.max(worst, Math.abs(ours[k] - expected[i][k]));
      }
    }
    assertTrue(worst <= PROBABILITY_TOLERANCE, id + ": largest probability difference "
        + worst);

    Fixtures.Matrix coefficients = Fixtures.readMatrix(dir().resolve(id + ".coef.csv"), true);
    String[] terms = Arrays.copyOfRange(coefficients.header(), 2,
        coefficients.header().length);
    assertArrayEquals(terms, model.getTermNames(), id + ": term names");
    assertArrayEquals(coefficients.labels(), model.getCoefficientRowNames(), id + ": rows");
    checkCoefficients(id, c.get("coef"), coefficients.values(), model.getCoefficients());
  }

  /**
   * Compares the coefficients the problem determines ({@code mode}: all, contrasts or none).
   */
  private static void checkCoefficients(String id, String mode, double[][] theirs,
      double[][] ours) {
    assertEquals(theirs.length, ours.length, id + ": coefficient rows");
    switch (mode) {
      case "all" -> {
        for (int r = 0; r < theirs.length; r++) {
          for (int t = 0; t < theirs[r].length; t++) {
            assertClose(theirs[r][t], ours[r][t], id + ": row " + r + " term " + t);
          }
        }
      }
      case "contrasts" -> {
        for (int r = 1; r < theirs.length; r++) {
          for (int t = 0; t < theirs[r].length; t++) {
            assertClose(theirs[r][t] - theirs[0][t], ours[r][t] - ours[0][t],
                id + ": row " + r + " - row 0, term " + t);
          }
        }
      }
      case "none" -> {
        // aliased columns under the lasso: only the probabilities are determined
      }
      default -> throw new AssertionError(id + ": unknown coef mode " + mode);
    }
  }

  private static void assertClose(double expected, double actual, String message) {
    assertEquals(expected, actual, COEFFICIENT_TOLERANCE * Math.max(1, Math.abs(expected)),
        message);
  }

  /**
   * The default path with the case's options: glmnet's lambda sequence (scaled to the exact
   * lambda_max, see below), the solution at the case's lambda index, the deviance ratios
   * and glmnet's early stop.
   */
  @ParameterizedTest(name = "{0} path")
  @MethodSource("pathCases")
  void pathsFollowGlmnet(String id, Map<String, String> c) throws Exception {
    Instances data = Fixtures.dataset(c.get("dataset"));
    ElasticNetLogistic model = fit(data, options(c, "-folds", "0", "-tol", TOLERANCE));
    RegularizationPath path = model.getPath();
    double[][] reference = Fixtures.readMatrix(dir().resolve(id + ".path.csv"), false)
        .values();
    double[] start = Fixtures.readMatrix(dir().resolve(id + ".path-start.csv"), false)
        .values()[0];

    // glmnet finds lambda_max from its null fit (with the unpenalised columns) at its
    // default threshold, which can put its first lambda ~1e-4 off; the exact lambda_max
    // was recomputed independently (path-start.csv), and glmnet's sequence is geometric
    // from its own first lambda
    double lambdaMax = start[0];
    assertEquals(lambdaMax, path.lambdaMax(), 1e-8 * lambdaMax, id + ": lambda_max");
    assertEquals(lambdaMax, reference[0][0], 1e-3 * lambdaMax, id + ": glmnet's lambda_max");
    int common = Math.min(reference.length, path.size());
    for (int k = 0; k < common; k++) {
      double lambda = lambdaMax * reference[k][0] / reference[0][0];
      assertEquals(lambda, path.point(k).lambda(), 1e-8 * lambda, id + ": lambda " + k);
    }
    PathPoint first = path.point(0);
    assertEquals(start[1], first.devianceRatio(), 1e-8, id + ": deviance ratio at lambda_max");
    assertEquals((int) start[2], first.nonZeroColumns(), id + ": columns at lambda_max");

    // the point at the case's own lambda is the case's reference solution
    int index = Integer.parseInt(c.get("lambda_index")) - 1;
    assertTrue(index < path.size(), id + ": path stopped at " + path.size());
    double caseLambda = Double.parseDouble(c.get("lambda"));
    assertEquals(caseLambda * lambdaMax / reference[0][0], path.point(index).lambda(),
        1e-8 * caseLambda, id + ": lambda of the case");
    if (Math.abs(lambdaMax / reference[0][0] - 1) < 1e-9) {
      Fixtures.Matrix coefficients = Fixtures.readMatrix(dir().resolve(id + ".coef.csv"),
          true);
      double[][] ours = path.point(index).coefficients().toArray();
      checkCoefficients(id + " path", c.get("coef"), coefficients.values(), ours);
    }

    // glmnet's default path is solved at its default threshold (1e-7): its deviance ratios
    // are good to about 1e-3 only, and a borderline early stop may come a lambda or two
    // apart (as in GlmnetReferenceTest)
    for (int k = 1; k < common; k++) {
      assertEquals(reference[k][2], path.point(k).devianceRatio(), 2e-3,
          id + ": deviance ratio " + k);
    }
    assertTrue(Math.abs(reference.length - path.size()) <= 2, id + ": path length "
        + path.size() + " against glmnet's " + reference.length);
  }
}
