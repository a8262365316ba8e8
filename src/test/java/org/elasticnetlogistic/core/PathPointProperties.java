package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What a path reports about each of its points, against an independent computation from
 * the point's own coefficients: the deviance 2 (1/W) sum_i w_i l_i, the fraction of the
 * null deviance explained, the columns in use; the null deviance itself; and the progress
 * listener hearing every point of the path, in order. Relaxed paths (the blend of each
 * point with the unpenalised refit of its support) and single lambdas (reached along a
 * short path) too.
 */
class PathPointProperties {

  /** No relaxation, or the blend gamma. */
  @Provide
  Arbitrary<Double> relaxations() {
    return Arbitraries.of(Double.NaN, Double.NaN, 0.0, 0.5, 1.0);
  }

  @Property(tries = 80)
  void everyPointReportsTheDevianceAndSupportOfItsCoefficients(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll @Alpha double alpha,
      @ForAll("relaxations") double relax, @ForAll boolean singleLambda) {
    ReferenceObjective reference = generated.reference();
    FitSettings.Builder builder = FitSettings.builder().alpha(alpha).numLambdas(15).folds(0)
        .threads(1);
    if (!Double.isNaN(relax)) {
      builder.relax(relax);
    }
    if (singleLambda) {
      builder.lambda(0.05 * reference.lambdaMax(Math.max(alpha, 1e-3)));
    }
    Statistics.label("path").collect((singleLambda ? "one lambda" : "path")
        + (Double.isNaN(relax) ? "" : ", relaxed"));
    List<Integer> indices = new ArrayList<>();
    List<Double> lambdas = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void pathPoint(int index, PathPoint point) {
        indices.add(index);
        lambdas.add(point.lambda());
      }
    };
    FitSettings settings = builder.build();
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(), settings, listener);
    RegularizationPath path = fit.path();
    assertEquals(settings, fit.settings());
    assertEquals(generated.classes(), path.numClasses());
    double totalWeight = generated.totalWeight();
    assertEquals(totalWeight, fit.totalWeight(), 1e-12 * totalWeight, "total weight");
    // the penalty's column scales: weighted standard deviations with divisor W (1 where
    // a column is constant)
    double[] scales = path.columnScales();
    assertEquals(generated.columns(), scales.length);
    for (int j = 0; j < generated.columns(); j++) {
      double mean = 0;
      for (int i = 0; i < generated.rows(); i++) {
        mean += generated.weights()[i] * generated.x()[i][j] / totalWeight;
      }
      double variance = 0;
      for (int i = 0; i < generated.rows(); i++) {
        double centred = generated.x()[i][j] - mean;
        variance += generated.weights()[i] * centred * centred / totalWeight;
      }
      double sd = Math.sqrt(variance);
      if (sd > 1e-6) {
        assertEquals(sd, scales[j], 1e-9 * sd, "the scale of column " + j);
      }
    }

    double nullDeviance = 2 * reference.nullLoss();
    assertEquals(nullDeviance, path.nullDeviance(), 1e-9 * (1 + nullDeviance),
        "the null deviance");
    if (!singleLambda) {
      assertEquals(path.size(), indices.size(), "points heard");
      for (int k = 0; k < indices.size(); k++) {
        assertEquals(k, indices.get(k), "the index of point " + k);
        assertEquals(path.point(k).lambda(), lambdas.get(k), "the lambda of point " + k);
      }
    }
    for (int k = 0; k < path.size(); k++) {
      PathPoint point = path.point(k);
      Coefficients c = point.coefficients();
      double[] intercepts = new double[c.rows()];
      double[][] slopes = new double[c.rows()][c.columns()];
      int used = 0;
      for (int j = 0; j < c.columns(); j++) {
        boolean any = false;
        for (int r = 0; r < c.rows(); r++) {
          slopes[r][j] = c.coefficient(r, j);
          any |= slopes[r][j] != 0;
        }
        used += any ? 1 : 0;
      }
      for (int r = 0; r < c.rows(); r++) {
        intercepts[r] = c.intercept(r);
      }
      double deviance = 2 * reference.loss(intercepts, slopes);
      assertEquals(deviance, point.deviance(), 1e-9 * (1 + deviance), "deviance at " + k);
      assertEquals(1 - deviance / nullDeviance, point.devianceRatio(),
          1e-9 * (1 + deviance / nullDeviance), "deviance explained at " + k);
      assertEquals(used, point.nonZeroColumns(), "columns in use at " + k);
    }
  }
}
