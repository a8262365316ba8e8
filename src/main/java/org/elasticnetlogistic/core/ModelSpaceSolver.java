package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * Solves the penalised quadratic model in the space of its variables, given its dense
 * curvature matrix B (see {@link GramModel}):
 *
 * <pre>
 *   minimise over d:  -r'd + 1/2 d'Bd + sum_v P_v(c_v + d_v) - P_v(c_v)
 * </pre>
 *
 * <p>with r the negative loss gradient and c the current values. Coordinate descent keeps
 * u = Bd, so a coordinate costs O(variables) and a sweep O(variables^2), independent of the
 * number of rows. When sweeps converge slowly (correlated columns, the softmax's flat
 * directions) the signs found so far are held and the orthant's smooth problem is solved
 * by Cholesky ({@link ReducedNewtonStep}). Stops when a sweep moves no coordinate by more
 * than the tolerance (in KKT units on the standardised scale).
 */
final class ModelSpaceSolver {

  /** Sweeps before the first exact orthant solve is tried. */
  private static final int SWEEPS_BEFORE_EXACT = 3;

  private ModelSpaceSolver() {
  }

  /**
   * The penalty of each variable: l1, l2 on the stored scale, box limits, the scale that
   * turns moves into standardised KKT units, and whether it is penalised (intercepts are
   * not) or frozen (an intercept of a model without one).
   */
  record VariablePenalty(double[] l1, double[] l2, double[] lower, double[] upper,
      double[] scale, boolean[] penalised, boolean[] frozen, int[][] groups) {
  }

  /** Majorised steps per group visit. */
  static final int GROUP_STEPS = 8;

  /** The solution: the move of every variable, and the sweeps it took. */
  record Solution(double[] move, int sweeps, boolean converged) {
  }

  /**
   * @param penalty the per-variable penalty; when its groups are set (the grouped
   *     multinomial penalty) each group is updated as a whole by majorised proximal steps,
   *     and l1, l2 of a group's members are the group's
   */
  static Solution solve(double[][] b, int size, double[] rhs, double[] current,
      VariablePenalty penalty, double tolerance, int maxSweeps) {
    if (penalty.groups() != null) {
      return solveGrouped(b, size, rhs, current, penalty, tolerance, maxSweeps);
    }
    double[] move = new double[size];
    double[] u = new double[size];
    int sweeps = 0;
    boolean converged = false;
    int sinceExact = 0;
    double previousViolation = Double.NaN;
    while (sweeps < maxSweeps) {
      double violation = 0;
      for (int v = 0; v < size; v++) {
        if (penalty.frozen[v]) {
          continue;
        }
        double h = b[v][v];
        double value = current[v] + move[v];
        double gradient = rhs[v] - u[v];
        double updated;
        if (!penalty.penalised[v]) {
          updated = h > 0 ? value + gradient / h : value;
        } else {
          updated = Numerics.elasticNetUpdate(h * value + gradient, h, penalty.l1[v],
              penalty.l2[v], penalty.lower[v], penalty.upper[v]);
        }
        double step = updated - value;
        if (step == 0) {
          continue;
        }
        move[v] = updated - current[v];
        double[] column = b[v];
        for (int t = 0; t < size; t++) {
          u[t] += step * column[t];
        }
        violation = Math.max(violation,
            (h + penalty.l2[v]) * Math.abs(step) / penalty.scale[v]);
      }
      sweeps++;
      sinceExact++;
      if (violation <= tolerance) {
        converged = true;
        break;
      }
      // a sweep costs size^2 and the orthant's Cholesky orthant^3 / 3: solve when the
      // sweeps it saves cost more
      if (sinceExact >= SWEEPS_BEFORE_EXACT && CoordinateDescent.exactSolvePays(sinceExact,
          previousViolation, violation, tolerance,
          sweepsPerCholesky(orthantSize(size, current, move, penalty), size))) {
        exactOrthantSolve(b, size, rhs, current, penalty, move, u);
        sinceExact = 0;
        previousViolation = Double.NaN;
      } else {
        previousViolation = violation;
      }
    }
    return new Solution(move, sweeps, converged);
  }

  /**
   * Block coordinate descent over groups (and the free variables one by one). A group's
   * step minimises the model majorised by L ||d||^2 / 2, L a Gershgorin bound on its block
   * of B: a group soft-threshold, repeated a few times per visit.
   */
  private static Solution solveGrouped(double[][] b, int size, double[] rhs,
      double[] current, VariablePenalty penalty, double tolerance, int maxSweeps) {
    double[] move = new double[size];
    double[] u = new double[size];
    int[][] groups = penalty.groups();
    double[] bound = new double[groups.length];
    for (int g = 0; g < groups.length; g++) {
      for (int a : groups[g]) {
        double row = 0;
        for (int c : groups[g]) {
          row += Math.abs(b[a][c]);
        }
        bound[g] = Math.max(bound[g], row);
      }
    }
    int[] groupOf = groupOf(size, groups);
    int sweeps = 0;
    boolean converged = false;
    int sinceNewton = 0;
    double previousViolation = Double.NaN;
    while (sweeps < maxSweeps) {
      double violation = 0;
      for (int v = 0; v < size; v++) {
        if (penalty.frozen[v] || penalty.penalised[v]) {
          continue;
        }
        double h = b[v][v];
        if (!(h > 0)) {
          continue;
        }
        double step = (rhs[v] - u[v]) / h;
        if (step == 0) {
          continue;
        }
        move[v] += step;
        addColumn(b, v, step, u, size);
        violation = Math.max(violation, h * Math.abs(step) / penalty.scale[v]);
      }
      for (int g = 0; g < groups.length; g++) {
        int[] members = groups[g];
        double l = bound[g];
        if (!(l > 0)) {
          continue;
        }
        int first = members[0];
        double l1 = penalty.l1[first];
        double l2 = penalty.l2[first];
        double total = 0;
        for (int inner = 0; inner < GROUP_STEPS; inner++) {
          double norm = 0;
          double[] y = new double[members.length];
          for (int m = 0; m < members.length; m++) {
            int v = members[m];
            y[m] = current[v] + move[v] + (rhs[v] - u[v]) / l;
            norm += y[m] * y[m];
          }
          norm = Math.sqrt(norm);
          double factor = norm > 0 ? Math.max(0, 1 - l1 / (l * norm)) * l / (l + l2) : 0;
          double change = 0;
          for (int m = 0; m < members.length; m++) {
            int v = members[m];
            double target = factor * y[m];
            double step = target - (current[v] + move[v]);
            if (step != 0) {
              move[v] = target - current[v];
              addColumn(b, v, step, u, size);
              change += step * step;
            }
          }
          total = Math.max(total, Math.sqrt(change));
          if (change == 0) {
            break;
          }
        }
        violation = Math.max(violation, (l + l2) * total / penalty.scale[first]);
      }
      sweeps++;
      sinceNewton++;
      if (violation <= tolerance) {
        converged = true;
        break;
      }
      // the same trade as the orthant solve: along correlated columns the group steps
      // crawl, and one Newton step on the support crosses the slow directions
      if (sinceNewton >= SWEEPS_BEFORE_EXACT && CoordinateDescent.exactSolvePays(sinceNewton,
          previousViolation, violation, tolerance,
          sweepsPerCholesky(support(size, groupNorms(groups, current, move), penalty,
              groupOf).length, size))) {
        supportNewtonStep(b, size, rhs, current, penalty, groupOf, move, u);
        sinceNewton = 0;
        previousViolation = Double.NaN;
      } else {
        previousViolation = violation;
      }
    }
    return new Solution(move, sweeps, converged);
  }

  /** Steps of the support Newton line search before it gives up. */
  private static final int MAX_HALVINGS = 30;

  /**
   * Whether grouped variable v is on the smooth support: free and unpenalised, or in a
   * group whose penalty is differentiable at its current value (non-zero, or without l1).
   */
  private static boolean onSupport(int v, double[] norms, int[] groupOf, VariablePenalty
      penalty) {
    if (penalty.frozen[v]) {
      return false;
    }
    if (!penalty.penalised[v]) {
      return true;
    }
    int g = groupOf[v];
    return g >= 0 && (norms[g] > 0 || penalty.l1[v] == 0);
  }

  /** The variables on the smooth support, given the groups' norms; increasing. */
  private static int[] support(int size, double[] norms, VariablePenalty penalty,
      int[] groupOf) {
    int[] index = new int[size];
    int d = 0;
    for (int v = 0; v < size; v++) {
      if (onSupport(v, norms, groupOf, penalty)) {
        index[d++] = v;
      }
    }
    return Arrays.copyOf(index, d);
  }

  static int[] groupOf(int size, int[][] groups) {
    int[] out = new int[size];
    Arrays.fill(out, -1);
    for (int g = 0; g < groups.length; g++) {
      for (int v : groups[g]) {
        out[v] = g;
      }
    }
    return out;
  }

  private static double[] groupNorms(int[][] groups, double[] current, double[] move) {
    double[] norms = new double[groups.length];
    for (int g = 0; g < groups.length; g++) {
      double squares = 0;
      for (int v : groups[g]) {
        double value = current[v] + move[v];
        squares += value * value;
      }
      norms[g] = Math.sqrt(squares);
    }
    return norms;
  }

  /**
   * One damped Newton step of the grouped model on its smooth support (the free variables
   * and the groups away from zero, where l1 ||b|| + l2/2 ||b||^2 is twice differentiable):
   * the support's block of B plus the penalty's Hessian l2 I + l1 (I - b b'/||b||^2)/||b||,
   * solved by Cholesky, then halved until the model falls. Variables off the support stay;
   * a step that does not lower the model changes nothing. Package-private for tests.
   *
   * @param groupOf each variable's group, -1 for none
   * @param move the move so far, updated
   * @param u B move, updated with it
   */
  static void supportNewtonStep(double[][] b, int size, double[] rhs,
      double[] current, VariablePenalty penalty, int[] groupOf, double[] move, double[] u) {
    int[][] groups = penalty.groups();
    double[] norms = groupNorms(groups, current, move);
    int[] index = support(size, norms, penalty, groupOf);
    int d = index.length;
    if (d == 0) {
      return;
    }
    double[][] hessian = new double[d][d];
    double[] gradient = new double[d];
    for (int a = 0; a < d; a++) {
      int v = index[a];
      double value = current[v] + move[v];
      gradient[a] = u[v] - rhs[v];
      for (int c = 0; c < d; c++) {
        hessian[a][c] = b[v][index[c]];
      }
      int g = groupOf[v];
      if (!penalty.penalised[v] || g < 0) {
        continue;
      }
      double l1 = penalty.l1[v];
      double l2 = penalty.l2[v];
      double norm = norms[g];
      gradient[a] += l2 * value + (norm > 0 ? l1 * value / norm : 0);
      hessian[a][a] += l2 + (norm > 0 ? l1 / norm : 0);
      if (norm > 0) {
        for (int c = 0; c < d; c++) {
          int w = index[c];
          if (groupOf[w] == g) {
            hessian[a][c] -= l1 * value * (current[w] + move[w]) / (norm * norm * norm);
          }
        }
      }
    }
    // a multinomial group without penalty is flat along the shift of all its classes, and a
    // low-rank curvature has flat directions of its own: there a ridge, or a tiny pivot,
    // threw the step to 1e17 (seed 3624843950601254388 of modelSpaceSolverSolvesItsModel),
    // so the variables that depend on earlier ones are held; the line search checks the rest
    double[] direction = Cholesky.solveHoldingDependent(hessian, gradient, null);
    if (direction == null) {
      return;
    }
    double slope = 0;
    for (int a = 0; a < d; a++) {
      direction[a] = -direction[a];
      slope += gradient[a] * direction[a];
    }
    if (!(slope < 0)) {
      return;
    }
    // the model's change along t * direction: t (u - r)'m + t^2/2 m'Bm plus the penalty's
    double linear = 0;
    double quadratic = 0;
    for (int a = 0; a < d; a++) {
      int v = index[a];
      linear += (u[v] - rhs[v]) * direction[a];
      for (int c = 0; c < d; c++) {
        quadratic += direction[a] * b[v][index[c]] * direction[c];
      }
    }
    double before = groupedPenalty(groups, penalty, current, move, null, 0, null);
    double t = 1;
    for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
      double after = groupedPenalty(groups, penalty, current, move, index, t, direction);
      double change = t * linear + 0.5 * t * t * quadratic + after - before;
      if (change < 0) {
        for (int a = 0; a < d; a++) {
          int v = index[a];
          double step = t * direction[a];
          move[v] += step;
          addColumn(b, v, step, u, size);
        }
        return;
      }
      t *= 0.5;
    }
  }

  /**
   * The groups' penalty sum_g l1 ||b_g|| + l2/2 ||b_g||^2 at current + move, moved further
   * by t * direction on the indexed variables when given.
   */
  private static double groupedPenalty(int[][] groups, VariablePenalty penalty,
      double[] current, double[] move, int[] index, double t, double[] direction) {
    double[] extra = new double[current.length];
    if (index != null) {
      for (int a = 0; a < index.length; a++) {
        extra[index[a]] = t * direction[a];
      }
    }
    double sum = 0;
    for (int[] group : groups) {
      double squares = 0;
      for (int v : group) {
        double value = current[v] + move[v] + extra[v];
        squares += value * value;
      }
      int first = group[0];
      sum += penalty.l1[first] * Math.sqrt(squares) + 0.5 * penalty.l2[first] * squares;
    }
    return sum;
  }

  /** The orthant's variables: the unpenalised ones and the non-zero penalised ones. */
  private static int orthantSize(int size, double[] current, double[] move,
      VariablePenalty penalty) {
    int d = 0;
    for (int v = 0; v < size; v++) {
      if (inOrthant(v, current, move, penalty)) {
        d++;
      }
    }
    return d;
  }

  /**
   * Whether variable v moves in the orthant solve: free, and unpenalised or non-zero and
   * strictly inside its limits.
   */
  private static boolean inOrthant(int v, double[] current, double[] move,
      VariablePenalty penalty) {
    // a penalised variable at a limit is held there, as at zero: a long step that starts on
    // the box's face (or an ulp outside it, as current + move can round) is cut at length
    // zero, and the exact solve would do nothing
    double value = current[v] + move[v];
    return !penalty.frozen[v] && (!penalty.penalised[v]
        || value != 0 && value > penalty.lower[v] && value < penalty.upper[v]);
  }

  /** How many sweeps over size variables one Cholesky of order d costs. */
  static double sweepsPerCholesky(int d, int size) {
    return (double) d * d * d / (3.0 * size * size);
  }

  private static void addColumn(double[][] b, int v, double step, double[] u, int size) {
    double[] column = b[v];
    for (int t = 0; t < size; t++) {
      u[t] += step * column[t];
    }
  }

  /**
   * Holds the signs of the non-zero penalised variables strictly inside their limits (those at
   * zero or at a limit stay), frees the unpenalised ones and solves the model on that orthant
   * exactly; updates move and u = B move.
   */
  private static void exactOrthantSolve(double[][] b, int size, double[] rhs,
      double[] current, VariablePenalty penalty, double[] move, double[] u) {
    int[] index = new int[size];
    int d = 0;
    for (int v = 0; v < size; v++) {
      if (inOrthant(v, current, move, penalty)) {
        index[d++] = v;
      }
    }
    if (d == 0) {
      return;
    }
    index = Arrays.copyOf(index, d);
    double[][] hessian = new double[d][d];
    double[] right = new double[d];
    double[] values = new double[d];
    boolean[] signFixed = new boolean[d];
    double[] lower = new double[d];
    double[] upper = new double[d];
    for (int a = 0; a < d; a++) {
      int v = index[a];
      double value = current[v] + move[v];
      values[a] = value;
      signFixed[a] = penalty.penalised[v];
      lower[a] = penalty.lower[v];
      upper[a] = penalty.upper[v];
      double l2 = penalty.l2[v];
      right[a] = rhs[v] - u[v] - (penalty.penalised[v]
          ? penalty.l1[v] * Math.signum(value) + l2 * value : 0.0);
      double[] row = b[v];
      for (int c = 0; c < d; c++) {
        hessian[a][c] = row[index[c]];
      }
      hessian[a][a] += l2;
    }
    ReducedNewtonStep step = ReducedNewtonStep.solve(hessian, right, values, signFixed, lower,
        upper);
    if (step == null) {
      return;
    }
    double[] target = step.target();
    for (int a = 0; a < d; a++) {
      int v = index[a];
      double change = target[a] - values[a];
      if (change == 0) {
        continue;
      }
      move[v] = target[a] - current[v];
      double[] column = b[v];
      for (int t = 0; t < size; t++) {
        u[t] += change * column[t];
      }
    }
  }
}
