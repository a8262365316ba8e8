package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The loss the solvers minimise, (1/W) sum_i w_i l_i, at generated points: its gradient and
 * its Hessian (the Newton model's curvature) against central finite differences, the
 * Hessian's symmetry and semi-definiteness, and convexity of the loss and of the penalised
 * objective along random segments.
 *
 * <p>Points live on the solvers' stored scale: variable (slot, block) is the intercept of
 * block b for slot 0 and the coefficient of the s-th included column for slot s, the order
 * of {@link GramModel}.
 */
class LossProperties {

  /** Values for up to 4 blocks of (intercept + 8 coefficients); a point takes what it needs. */
  @Provide
  Arbitrary<double[]> points() {
    return Generators.coefficients(1.5).array(double[].class).ofSize(4 * 9);
  }

  private static void collectRegimes(GeneratedProblem generated) {
    Generators.coverProblems(generated);
  }

  /** The loss of one problem as a function of the stored-scale variables. */
  private static final class Loss {
    final FitContext context;
    final int blocks;
    final int[] columns;
    final int size;

    Loss(GeneratedProblem generated) {
      LogisticProblem problem = generated.problem();
      this.context = new FitContext(problem, ElasticNetPenalty.of(1, problem.columns()), true,
          true);
      this.blocks = context.blocks;
      this.columns = context.included;
      this.size = (columns.length + 1) * blocks;
    }

    int variable(int slot, int block) {
      return slot * blocks + block;
    }

    /** The first size() values as a point. */
    double[] point(double[] values) {
      return java.util.Arrays.copyOf(values, size);
    }

    ModelState state(double[] theta) {
      double[] intercepts = new double[blocks];
      double[][] coef = new double[blocks][context.columns];
      for (int b = 0; b < blocks; b++) {
        intercepts[b] = theta[variable(0, b)];
        for (int s = 0; s < columns.length; s++) {
          coef[b][columns[s]] = theta[variable(s + 1, b)];
        }
      }
      return ModelState.at(context, intercepts, coef);
    }

    double value(double[] theta) {
      return state(theta).loss();
    }

    /** The solvers' gradient: per block, sum of w (p - y), and x_j' w (p - y). */
    double[] gradient(double[] theta) {
      ModelState state = state(theta);
      double[] g = new double[size];
      for (int b = 0; b < blocks; b++) {
        double[] etaGradient = state.etaGradient(b);
        g[variable(0, b)] = Numerics.sum(etaGradient, etaGradient.length);
        for (int s = 0; s < columns.length; s++) {
          g[variable(s + 1, b)] = context.design.dot(columns[s], etaGradient);
        }
      }
      return g;
    }

    /** The exact Hessian: the Newton model's curvature with no floor. */
    double[][] hessian(double[] theta) {
      GramModel model = new GramModel(context);
      model.refresh(state(theta), 0.0, columns);
      assertEquals(size, model.size());
      return model.matrix();
    }

    /** The largest change of a linear predictor per unit move along direction. */
    double predictorChange(double[] direction) {
      ModelState moved = state(direction);
      double largest = 0;
      for (double[] row : moved.eta) {
        for (double e : row) {
          largest = Math.max(largest, Math.abs(e));
        }
      }
      return largest;
    }
  }

  @Provide
  Arbitrary<Double> moveSizes() {
    return net.jqwik.api.Arbitraries.of(1e-6, 1e-2, 0.5, 3.0);
  }

  /**
   * The exact loss changes the line search prices its steps with equal the differences of
   * the loss: {@code lossChange} (one block's predictors move), with more classes
   * {@code lossChangeAllClasses} (every class's move at once), and
   * {@code lossChangeAllBlocks} (every block's move, either model), for steps t = 1 and 1/2.
   * Moves of up to a few units reach the log-sum-exp forms; small ones the log1p forms.
   */
  @Property(tries = 150)
  void lossChangesAreTheDifferencesOfTheLoss(@ForAll @SmallProblem GeneratedProblem generated,
      @ForAll("points") double[] values, @ForAll("points") double[] directions,
      @ForAll("moveSizes") double size) {
    Loss loss = new Loss(generated);
    double[] theta = loss.point(values);
    double[] direction = scaled(loss.point(directions), size);
    ModelState state = loss.state(theta);
    double before = state.loss();
    // the predictors' moves: eta of the direction as a point (intercept included)
    double[][] etaMove = loss.state(direction).eta;
    for (double t : new double[] {1.0, 0.5}) {
      for (int b = 0; b < loss.blocks; b++) {
        double[] blockDirection = new double[direction.length];
        for (int s = 0; s <= loss.columns.length; s++) {
          blockDirection[loss.variable(s, b)] = direction[loss.variable(s, b)];
        }
        double after = loss.value(along(theta, blockDirection, t));
        assertEquals(after - before, state.lossChange(b, etaMove[b], t),
            1e-12 * (1 + Math.abs(before) + Math.abs(after)), "block " + b + ", t = " + t);
      }
      double after = loss.value(along(theta, direction, t));
      if (loss.blocks > 1) {
        assertEquals(after - before, state.lossChangeAllClasses(etaMove, t),
            1e-12 * (1 + Math.abs(before) + Math.abs(after)), "all classes, t = " + t);
      }
      assertEquals(after - before, state.lossChangeAllBlocks(etaMove, t),
          1e-12 * (1 + Math.abs(before) + Math.abs(after)), "all blocks, t = " + t);
    }
  }

  /**
   * The line search's cheap bound never falls below the exact change of the loss (every
   * block's predictors moving at once: the binomial block, or all classes), for moves from
   * tiny to several units, where its exp(2 |d|) factor is far from one; and for tiny moves,
   * where the first-order term dominates, it is within 1e-12 of the exact change.
   */
  @Property(tries = 150)
  void lossChangeBoundIsAnUpperBoundThatTightensForSmallMoves(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll("points") double[] values,
      @ForAll("points") double[] directions, @ForAll("moveSizes") double size) {
    Loss loss = new Loss(generated);
    double[] theta = loss.point(values);
    double[] direction = scaled(loss.point(directions), size);
    ModelState state = loss.state(theta);
    double[][] etaMove = loss.state(direction).eta;
    for (double t : new double[] {1.0, 0.5}) {
      double exact = loss.blocks == 1 ? state.lossChange(0, etaMove[0], t)
          : state.lossChangeAllClasses(etaMove, t);
      double bound = state.lossChangeBound(etaMove, t);
      // the exact change is accurate to 1e-12 relative (lossChangesAreTheDifferencesOfTheLoss)
      assertTrue(bound >= exact - 1e-12 * (1 + Math.abs(exact)),
          "bound " + bound + " below the exact change " + exact + ", t = " + t);
      if (size <= 1e-6) {
        assertEquals(exact, bound, 1e-12, "a tiny move's bound, t = " + t);
      }
    }
  }

  private static double[] scaled(double[] v, double size) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= size;
    }
    return out;
  }

  private static double[] along(double[] theta, double[] direction, double t) {
    double[] out = theta.clone();
    for (int v = 0; v < out.length; v++) {
      out[v] += t * direction[v];
    }
    return out;
  }

  private static double[] unit(int size, int v) {
    double[] e = new double[size];
    e[v] = 1;
    return e;
  }

  /**
   * The five-point central difference (f(-2h) - 8 f(-h) + 8 f(h) - f(2h)) / 12h. Its
   * truncation error is h^4/30 |f'''''|; with h small against the predictors' change this
   * is below 1e-11, and the rounding below 1e-11 (1 + |f|).
   */
  private static double derivative(java.util.function.DoubleUnaryOperator f, double h) {
    return (f.applyAsDouble(-2 * h) - 8 * f.applyAsDouble(-h) + 8 * f.applyAsDouble(h)
        - f.applyAsDouble(2 * h)) / (12 * h);
  }

  /** A step that moves no linear predictor by more than 1e-3. */
  private static double step(Loss loss, double[] direction) {
    return 1e-3 / Math.max(1, loss.predictorChange(direction));
  }

  @Property(tries = 200)
  void gradientMatchesCentralFiniteDifferences(@ForAll @SmallProblem GeneratedProblem generated,
      @ForAll("points") double[] values) {
    collectRegimes(generated);
    Loss loss = new Loss(generated);
    double[] theta = loss.point(values);
    double[] analytic = loss.gradient(theta);
    double scale = 1 + Math.abs(loss.value(theta));
    for (int v = 0; v < loss.size; v++) {
      double[] e = unit(loss.size, v);
      double numeric = derivative(t -> loss.value(along(theta, e, t)), step(loss, e));
      assertEquals(numeric, analytic[v], 1e-6 * Math.abs(analytic[v]) + 1e-9 * scale,
          "variable " + v + " (slot " + v / loss.blocks + ", block " + v % loss.blocks + ")");
    }
  }

  /**
   * The independent oracle of the KKT properties ({@link ReferenceObjective}) differentiates
   * in the standardised parameters: moving bt_j by t moves b_j by t / s_j and the intercept
   * by -t m_j / s_j. Its gradient must match finite differences of its own loss.
   */
  @Property(tries = 150)
  void referenceGradientMatchesCentralFiniteDifferences(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll("points") double[] values) {
    collectRegimes(generated);
    ReferenceObjective reference = generated.reference();
    int rows = generated.classes() == 2 ? 1 : generated.classes();
    int p = generated.columns();
    double[] intercepts = new double[rows];
    double[][] slopes = new double[rows][p];
    for (int r = 0; r < rows; r++) {
      intercepts[r] = values[r * 9];
      for (int j = 0; j < p; j++) {
        slopes[r][j] = values[r * 9 + 1 + j];
      }
    }
    double[][] analytic = reference.standardisedGradient(intercepts, slopes);
    double scale = 1 + reference.loss(intercepts, slopes);
    for (int r = 0; r < rows; r++) {
      for (int j = -1; j < p; j++) {
        if (j >= 0 && !(reference.sd[j] > 0)) {
          continue;
        }
        int row = r;
        int column = j;
        double largest = 0;
        for (double[] x : reference.x) {
          largest = Math.max(largest, column < 0 ? 1
              : Math.abs(x[column] - reference.mean[column]) / reference.sd[column]);
        }
        double numeric = derivative(t -> {
          double[] a = intercepts.clone();
          double[][] b = new double[rows][];
          for (int k = 0; k < rows; k++) {
            b[k] = slopes[k].clone();
          }
          if (column < 0) {
            a[row] += t;
          } else {
            b[row][column] += t / reference.sd[column];
            a[row] -= t * reference.mean[column] / reference.sd[column];
          }
          return reference.loss(a, b);
        }, 1e-3 / Math.max(1, largest));
        assertEquals(numeric, analytic[r][j + 1],
            1e-6 * Math.abs(analytic[r][j + 1]) + 1e-9 * scale, "row " + r + " column " + j);
      }
    }
  }

  /**
   * Column v of the Hessian is the derivative of the gradient along variable v. The multinomial
   * Hessian includes the cross-class curvature -w p_k p_l.
   */
  @Property(tries = 150)
  void hessianMatchesFiniteDifferencesOfTheGradient(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll("points") double[] values) {
    collectRegimes(generated);
    Loss loss = new Loss(generated);
    double[] theta = loss.point(values);
    double[][] hessian = loss.hessian(theta);
    double largest = 0;
    for (double[] row : hessian) {
      for (double h : row) {
        largest = Math.max(largest, Math.abs(h));
      }
    }
    for (int v = 0; v < loss.size; v++) {
      double[] e = unit(loss.size, v);
      double h = step(loss, e);
      double[][] samples = new double[4][];
      double[] offsets = {-2, -1, 1, 2};
      for (int s = 0; s < 4; s++) {
        samples[s] = loss.gradient(along(theta, e, offsets[s] * h));
      }
      for (int u = 0; u < loss.size; u++) {
        double numeric = (samples[0][u] - 8 * samples[1][u] + 8 * samples[2][u]
            - samples[3][u]) / (12 * h);
        assertEquals(numeric, hessian[u][v], 1e-6 * Math.abs(hessian[u][v]) + 1e-9 * (1
            + largest), "entry (" + u + ", " + v + ")");
      }
    }
  }

  /**
   * The Hessian is symmetric and positive semi-definite; the symmetric multinomial model is
   * flat along "all classes up by one" for every slot (intercept or column), so there each
   * row of the Hessian sums to zero over the classes.
   */
  @Property(tries = 200)
  void hessianIsSymmetricAndPositiveSemidefinite(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll("points") double[] values) {
    collectRegimes(generated);
    Loss loss = new Loss(generated);
    double[][] hessian = loss.hessian(loss.point(values));
    int size = loss.size;
    double largest = 0;
    for (int u = 0; u < size; u++) {
      for (int v = 0; v < size; v++) {
        assertEquals(hessian[u][v], hessian[v][u], 0.0, "asymmetric at (" + u + ", " + v
            + ")");
        largest = Math.max(largest, Math.abs(hessian[u][v]));
      }
    }
    double[] eigenvalues = new EigenDecomposition(new Array2DRowRealMatrix(hessian))
        .getRealEigenvalues();
    double smallest = java.util.Arrays.stream(eigenvalues).min().orElseThrow();
    // the eigenvalues of a symmetric matrix are perturbed by at most size eps max|H|
    assertTrue(smallest >= -1e-13 * size * largest, "eigenvalue " + smallest + " (largest "
        + "entry " + largest + ")");
    if (loss.blocks > 1) {
      double rounding = 1e-14 * loss.blocks * largest;
      for (int u = 0; u < size; u++) {
        for (int slot = 0; slot <= loss.columns.length; slot++) {
          double sum = 0;
          for (int b = 0; b < loss.blocks; b++) {
            sum += hessian[u][loss.variable(slot, b)];
          }
          assertEquals(0, sum, rounding, "row " + u + " over the classes of slot " + slot);
        }
      }
    }
  }

  /** Two points and a fraction between them. */
  @Property(tries = 200)
  void lossIsConvexAlongRandomSegments(@ForAll @SmallProblem GeneratedProblem generated,
      @ForAll("points") double[] first, @ForAll("points") double[] second,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
    collectRegimes(generated);
    Loss loss = new Loss(generated);
    double[] a = loss.point(first);
    double[] b = loss.point(second);
    double[] direction = along(b, a, -1);
    double fa = loss.value(a);
    double fb = loss.value(b);
    double ft = loss.value(along(a, direction, fraction));
    // each value is a sum of at most 40 accurately rounded terms
    double rounding = 1e-13 * (1 + fa + fb);
    assertTrue(ft <= (1 - fraction) * fa + fraction * fb + rounding, "f(t) = " + ft
        + " above the chord " + ((1 - fraction) * fa + fraction * fb));
    // and the midpoint of a short segment around that point (curvature, not only the chord)
    double h = step(loss, direction);
    double[] centre = along(a, direction, fraction);
    double secondDifference = loss.value(along(centre, direction, -h))
        + loss.value(along(centre, direction, h)) - 2 * loss.value(centre);
    assertTrue(secondDifference >= -rounding, "negative second difference "
        + secondDifference);
  }

  /**
   * The penalised objective loss + lambda * penalty, ungrouped or grouped, as the line
   * search evaluates it ({@link ScaledPenalty} on the stored scale), is convex too.
   */
  @Property(tries = 200)
  void penalisedObjectiveIsConvexAlongRandomSegments(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll("points") double[] first,
      @ForAll("points") double[] second, @ForAll @DoubleRange(min = 0, max = 1) double fraction,
      @ForAll @Alpha double alpha, @ForAll @DoubleRange(min = 0, max = 0.5) double lambda,
      @ForAll boolean grouped) {
    collectRegimes(generated);
    Generators.coverAlpha(alpha, true);
    LogisticProblem problem = generated.problem();
    FitContext context = new FitContext(problem, ElasticNetPenalty.create(alpha, null, null,
        null, grouped, problem.columns()), true, true);
    ScaledPenalty penalty = new ScaledPenalty(context, lambda);
    Loss loss = new Loss(generated);
    java.util.function.ToDoubleFunction<double[]> objective = theta -> {
      ModelState state = loss.state(theta);
      double sum = state.loss();
      for (int j : context.included) {
        sum += penalty.columnValue(j, state.coef, null, 0);
      }
      return sum;
    };
    double[] a = loss.point(first);
    double[] b = loss.point(second);
    double fa = objective.applyAsDouble(a);
    double fb = objective.applyAsDouble(b);
    double ft = objective.applyAsDouble(along(a, along(b, a, -1), fraction));
    double rounding = 1e-13 * (1 + fa + fb);
    assertTrue(ft <= (1 - fraction) * fa + fraction * fb + rounding, "F(t) = " + ft
        + " above the chord " + ((1 - fraction) * fa + fraction * fb));
  }
}
