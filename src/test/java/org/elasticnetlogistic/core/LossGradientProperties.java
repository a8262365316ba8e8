package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The solvers' loss gradient against central finite differences of their loss. */
class LossGradientProperties {

  @Provide
  Arbitrary<SmallProblem> problems() {
    return Generators.problems();
  }

  @Provide
  Arbitrary<Double> coefficientValues() {
    return Arbitraries.doubles().between(-1.5, 1.5).ofScale(3);
  }

  @Property(tries = 300)
  void gradientMatchesCentralFiniteDifferences(@ForAll("problems") SmallProblem generated,
      @ForAll("coefficientValues") double scale) {
    Statistics.label("classes").collect(generated.classes());
    Statistics.label("sparse").collect(generated.sparse());
    LogisticProblem problem = generated.problem();
    FitContext context = new FitContext(problem, ElasticNetPenalty.of(1, problem.columns()),
        true, true);
    int blocks = context.blocks;
    int p = problem.columns();
    double[] intercepts = new double[blocks];
    double[][] coef = new double[blocks][p];
    for (int b = 0; b < blocks; b++) {
      intercepts[b] = scale * (b - 0.5);
      for (int j = 0; j < p; j++) {
        // constant columns take no part in a fit and keep coefficient zero
        coef[b][j] = context.isIncluded[j] ? scale * Math.sin(1 + b + 3 * j) : 0.0;
      }
    }
    ModelState state = ModelState.at(context, intercepts, coef);
    for (int b = 0; b < blocks; b++) {
      double[] etaGradient = state.etaGradient(b);
      for (int j = -1; j < p; j++) {
        if (j >= 0 && !context.isIncluded[j]) {
          continue;
        }
        double analytic = j < 0 ? Numerics.sum(etaGradient, etaGradient.length)
            : problem.design().dot(j, etaGradient);
        double h = 1e-5;
        double numeric = (lossAt(context, intercepts, coef, b, j, h)
            - lossAt(context, intercepts, coef, b, j, -h)) / (2 * h);
        assertEquals(numeric, analytic, 1e-6 * Math.max(1, Math.abs(analytic)),
            "block " + b + " coefficient " + j);
      }
    }
  }

  private static double lossAt(FitContext context, double[] intercepts, double[][] coef,
      int block, int column, double shift) {
    double[] a = intercepts.clone();
    double[][] c = new double[coef.length][];
    for (int b = 0; b < coef.length; b++) {
      c[b] = coef[b].clone();
    }
    if (column < 0) {
      a[block] += shift;
    } else {
      c[block][column] += shift;
    }
    return ModelState.at(context, a, c).loss();
  }
}
