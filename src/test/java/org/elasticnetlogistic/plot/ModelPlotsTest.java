package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.elasticnetlogistic.core.RegularizationPath;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * What a fitted model can plot: the path data are the path's standardised coefficients and
 * model sizes; a fixed lambda, no cross-validation and the unpenalised fit each say what is
 * missing and why.
 */
class ModelPlotsTest {

  /** Two overlapping classes in two columns: small, fast, and not separable. */
  static Instances twoClasses() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("two", attributes, 40);
    data.setClassIndex(2);
    for (int i = 0; i < 40; i++) {
      double x1 = Math.sin(i);
      double x2 = Math.cos(3 * i);
      double y = x1 + 0.5 * x2 + 0.8 * Math.sin(7 * i) > 0 ? 1 : 0;
      data.add(new DenseInstance(1.0, new double[] {x1, x2, y}));
    }
    return data;
  }

  private static ElasticNetLogistic fitTwoClasses(String... options) throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(options);
    model.buildClassifier(twoClasses());
    return model;
  }

  @Test
  void thePathDataAreTheStandardisedCoefficientsAndModelSizes() throws Exception {
    ElasticNetLogistic model = FittedModels.binomial();
    PathPlotData data = ModelPlots.of(model).path().orElseThrow();
    RegularizationPath path = model.getPath();
    assertEquals(List.of(model.getTermNames()), data.termNames());
    assertArrayEquals(path.lambdas(), data.lambdas());
    assertEquals(1, data.rows().size());
    PathPlotData.Row row = data.rows().get(0);
    assertEquals("log-odds of class 'bad'", row.title());
    int[] nonZero = row.nonZeroTerms();
    for (int k = 0; k < path.size(); k++) {
      double[] standardised = path.standardisedCoefficients(k)[0];
      for (int j = 0; j < standardised.length; j++) {
        assertEquals(standardised[j], row.coefficients(j)[k]);
      }
      assertEquals(path.point(k).nonZeroColumns(), nonZero[k]);
    }
    assertEquals(model.getSelectedLambda(), data.selectedLambda());
    assertTrue(ModelPlots.of(model).notes().isEmpty());
  }

  @Test
  void aMultinomialModelHasOneRowPerClass() throws Exception {
    ElasticNetLogistic model = FittedModels.multinomial();
    List<PathPlotData.Row> rows = ModelPlots.of(model).path().orElseThrow().rows();
    assertEquals(List.of("class 'Iris-setosa'", "class 'Iris-versicolor'",
        "class 'Iris-virginica'"), rows.stream().map(PathPlotData.Row::title).toList());
    assertEquals("Multinomial deviance",
        ModelPlots.of(model).crossValidation().orElseThrow().measureName());
  }

  @Test
  void aFixedLambdaHasASinglePointAndNoCrossValidation() throws Exception {
    ModelPlots plots = ModelPlots.of(fitTwoClasses("-lambda", "0.05"));
    assertTrue(plots.path().orElseThrow().isSinglePoint());
    assertTrue(plots.crossValidation().isEmpty());
    assertEquals(1, plots.pathCharts().size());
    assertTrue(plots.notes().get(0).contains("lambda was fixed"), plots.notes().toString());
  }

  @Test
  void noCrossValidationIsExplained() throws Exception {
    ModelPlots plots = ModelPlots.of(fitTwoClasses("-folds", "0", "-nlambda", "20"));
    assertTrue(plots.path().isPresent());
    assertTrue(plots.crossValidationChart().isEmpty());
    assertEquals(1, plots.notes().size());
    assertTrue(plots.notes().get(0).contains("-folds 0"), plots.notes().toString());
  }

  @Test
  void theUnpenalisedFitHasNothingToPlotAndSaysWhy() throws Exception {
    ModelPlots plots = ModelPlots.of(fitTwoClasses("-lambda", "0"));
    assertTrue(plots.path().isEmpty());
    assertTrue(plots.crossValidation().isEmpty());
    assertTrue(plots.pathCharts().isEmpty());
    assertTrue(plots.notes().get(0).contains("-lambda 0"), plots.notes().toString());
  }

  @Test
  void aModelThatWasNotBuiltIsRefused() {
    assertThrows(IllegalStateException.class, () -> ModelPlots.of(new ElasticNetLogistic()));
  }
}
