package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/**
 * The full multinomial Newton model posed on fixed data for
 * {@link MultinomialCoordinateDescent} and judged by plain loops over the stored design:
 *
 * <pre>
 *   m(d0, D) = -sum_i g_i'e_i + 1/2 sum_i e_i' H_i e_i + P(B + D) - P(B),
 *   e_ik = d0_k + sum_j x_ij D_kj,
 *   g_ik = w_i (y_ik - p_ik),  H_i = w_i (diag(p_i) - p_i p_i') + c_i (I - 11'/K),
 *   c_i = w_i max_k (floor - p_ik (1 - p_ik))_+ K / (K - 1),
 * </pre>
 *
 * <p>P the elastic net over the coordinates, or over each column's K coefficients as one
 * group.
 */
final class DescentMultinomialModel {

  final FitContext context;
  final ModelState state;
  final ScaledPenalty penalty;
  final double floor;
  final int[] candidates;
  final int[] initialActive;
  private final int classes;
  private final int rows;

  private DescentMultinomialModel(FitContext context, ModelState state,
      ScaledPenalty penalty, double floor) {
    this.context = context;
    this.state = state;
    this.penalty = penalty;
    this.floor = floor;
    this.classes = context.numClasses;
    this.rows = context.rows;
    int p = context.columns;
    this.candidates = new int[p];
    for (int j = 0; j < p; j++) {
      candidates[j] = j;
    }
    this.initialActive = Arrays.stream(candidates).filter(j -> {
      for (double[] block : state.coef) {
        if (block[j] != 0) {
          return true;
        }
      }
      return false;
    }).toArray();
  }

  /**
   * Three classes from the softmax of (z, -z, 0) for a standard normal factor z, columns
   * x_ij = scale_j (z_i + noise * e_ij).
   *
   * @param start the current coefficients [class][column], or null for zero
   * @param fraction lambda as a fraction of the model's lambda_max at D = 0 (intercepts at
   *     their start, zero)
   */
  static DescentMultinomialModel collinear(long seed, int rows, double[] scales, double noise,
      double alpha, boolean grouped, double fraction, boolean intercept, double floor,
      double[][] start) {
    int p = scales.length;
    LogisticProblem problem = DescentBlock.collinearProblem(seed, rows, scales, noise, 3,
        (z, random) -> {
          double[] odds = {Math.exp(z), Math.exp(-z), 1};
          double u = random.nextDouble() * (odds[0] + odds[1] + odds[2]);
          return u < odds[0] ? 0 : u < odds[0] + odds[1] ? 1 : 2;
        });
    ElasticNetPenalty elasticNet = ElasticNetPenalty.create(alpha, null, null, null, grouped,
        p);
    FitContext context = new FitContext(problem, elasticNet, true, intercept);
    double[][] coef = new double[3][p];
    if (start != null) {
      for (int k = 0; k < 3; k++) {
        coef[k] = start[k].clone();
      }
    }
    ModelState state = ModelState.at(context, new double[3], coef);
    DescentMultinomialModel unit = new DescentMultinomialModel(context, state, null, floor);
    double lambda = fraction * unit.lambdaMax(Math.max(alpha, 1e-3), grouped);
    return new DescentMultinomialModel(context, state, new ScaledPenalty(context, lambda),
        floor);
  }

  /** max_j ||(x_j' g_k)_k|| / (alpha s_j) (grouped) or max_jk |x_j' g_k| / (alpha s_j). */
  private double lambdaMax(double alpha, boolean grouped) {
    double[][] g = negativeGradient();
    double max = 0;
    for (int j = 0; j < context.columns; j++) {
      double norm = 0;
      for (int k = 0; k < classes; k++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) {
          dot += context.design.stored(i, j) * g[k][i];
        }
        norm = grouped ? Math.hypot(norm, dot) : Math.max(norm, Math.abs(dot));
      }
      max = Math.max(max, norm / (alpha * context.standardization.scale(j)));
    }
    return max;
  }

  private double[][] negativeGradient() {
    double[][] g = new double[classes][rows];
    for (int k = 0; k < classes; k++) {
      for (int i = 0; i < rows; i++) {
        g[k][i] = context.weights[i] * ((context.classes[i] == k ? 1.0 : 0.0)
            - state.prob[k][i]);
      }
    }
    return g;
  }

  NewtonStep solve(MultinomialCoordinateDescent.Accelerations accelerations,
      double tolerance, int maxSweeps) {
    return new MultinomialCoordinateDescent(context, accelerations).solve(state, penalty,
        candidates, initialActive, tolerance, maxSweeps, floor);
  }

  private double[][] predictorChange(NewtonStep step) {
    double[][] e = new double[classes][rows];
    for (int k = 0; k < classes; k++) {
      for (int i = 0; i < rows; i++) {
        e[k][i] = step.interceptChange()[k];
        for (int j = 0; j < context.columns; j++) {
          e[k][i] += context.design.stored(i, j) * step.changes()[k][j];
        }
      }
    }
    return e;
  }

  /** (H e)_ik. */
  private double[][] curvatureTimes(double[][] e) {
    double[][] out = new double[classes][rows];
    for (int i = 0; i < rows; i++) {
      double w = context.weights[i];
      double excess = floorExcess(state, i, w, floor);
      for (int k = 0; k < classes; k++) {
        double pk = state.prob[k][i];
        for (int l = 0; l < classes; l++) {
          double pl = state.prob[l][i];
          double h = k == l ? w * pk * (1 - pk) + excess * (classes - 1) / classes
              : -w * pk * pl - excess / classes;
          out[k][i] += h * e[l][i];
        }
      }
    }
    return out;
  }

  private double penaltyChange(double[][] changes) {
    double sum = 0;
    for (int j = 0; j < context.columns; j++) {
      sum += penalty.columnValue(j, state.coef, changes, 1)
          - penalty.columnValue(j, state.coef, null, 0);
    }
    return sum;
  }

  /**
   * The step's bookkeeping: no intercept move without an intercept, every column with a
   * move listed, etaChange = d0 + X D per class, modelDecrease = -sum g'e + P(B + D) - P(B),
   * and no rise of the model.
   */
  void checkFields(NewtonStep step) {
    boolean[] listed = new boolean[context.columns];
    for (int j : step.changedColumns()) {
      listed[j] = true;
    }
    for (int k = 0; k < classes; k++) {
      if (!context.intercept) {
        assertEquals(0.0, step.interceptChange()[k], "a model without intercept moved it");
      }
      for (int j = 0; j < context.columns; j++) {
        assertTrue(step.changes()[k][j] == 0 || listed[j], "column " + j + " moved unlisted");
      }
    }
    double[][] e = predictorChange(step);
    double[][] g = negativeGradient();
    double gradientTerm = 0;
    double curvatureTerm = 0;
    double magnitude = 0;
    double[][] he = curvatureTimes(e);
    for (int k = 0; k < classes; k++) {
      double scale = Math.abs(step.interceptChange()[k]);
      for (int j = 0; j < context.columns; j++) {
        scale += Math.abs(step.changes()[k][j]) * 10 * context.standardization.scale(j);
      }
      for (int i = 0; i < rows; i++) {
        assertEquals(e[k][i], step.etaChange()[k][i], 1e-12 * scale + Double.MIN_VALUE,
            "eta change of row " + i + ", class " + k);
        gradientTerm -= g[k][i] * e[k][i];
        curvatureTerm += 0.5 * e[k][i] * he[k][i];
        magnitude += Math.abs(g[k][i] * e[k][i]);
      }
    }
    double penaltyChange = penaltyChange(step.changes());
    magnitude += Math.abs(penaltyChange);
    assertEquals(gradientTerm + penaltyChange, step.modelDecrease(), 1e-12 * magnitude
        + Double.MIN_VALUE, "modelDecrease is not -sum g'e + P(B + D) - P(B)");
    assertTrue(gradientTerm + curvatureTerm + penaltyChange <= 1e-14 * magnitude,
        "the step raises the model");
  }

  /**
   * The largest KKT violation at the step on the standardised scale: the intercepts'
   * gradients (over sum |g|); per coordinate, or per column group, the distance from zero
   * of the subdifferential, over the column's scale.
   */
  double kktViolation(NewtonStep step) {
    double[][] e = predictorChange(step);
    double[][] he = curvatureTimes(e);
    double[][] g = negativeGradient();
    double[][] r = new double[classes][rows];
    double worst = 0;
    for (int k = 0; k < classes; k++) {
      double sum = 0;
      double magnitude = 0;
      for (int i = 0; i < rows; i++) {
        r[k][i] = g[k][i] - he[k][i];
        sum += r[k][i];
        magnitude += Math.abs(g[k][i]);
      }
      if (context.intercept) {
        worst = Math.max(worst, Math.abs(sum) / magnitude);
      }
    }
    for (int j = 0; j < context.columns; j++) {
      double[] gradient = new double[classes];
      double[] b = new double[classes];
      double norm = 0;
      for (int k = 0; k < classes; k++) {
        for (int i = 0; i < rows; i++) {
          gradient[k] += context.design.stored(i, j) * r[k][i];
        }
        b[k] = state.coef[k][j] + step.changes()[k][j];
        norm = Math.hypot(norm, b[k]);
      }
      double l1 = penalty.l1[j];
      double l2 = penalty.l2[j];
      double violation = 0;
      if (penalty.grouped) {
        double length = 0;
        for (int k = 0; k < classes; k++) {
          double d = norm > 0 ? -gradient[k] + l2 * b[k] + l1 * b[k] / norm : gradient[k];
          length = Math.hypot(length, d);
        }
        violation = norm > 0 ? length : Math.max(0, length - l1);
      } else {
        for (int k = 0; k < classes; k++) {
          double smooth = -gradient[k] + l2 * b[k];
          double right = smooth + (b[k] >= 0 ? l1 : -l1);
          double left = smooth + (b[k] > 0 ? l1 : -l1);
          violation = Math.max(violation, Math.max(-right, left));
        }
      }
      worst = Math.max(worst, violation / penalty.scale[j]);
    }
    return worst;
  }

  /**
   * The IRLS floor of row i as the model adds it, c (I - 11'/K):
   * c = w max_k (floor - p_k (1 - p_k))_+ K / (K - 1).
   */
  static double floorExcess(ModelState state, int i, double w, double floor) {
    int classes = state.prob.length;
    double deficit = 0;
    for (int k = 0; k < classes; k++) {
      double p = state.prob[k][i];
      deficit = Math.max(deficit, floor - p * (1 - p));
    }
    return w * deficit * classes / (classes - 1);
  }
}
