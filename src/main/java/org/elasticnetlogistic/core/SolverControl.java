package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * How hard a solver works at one lambda.
 *
 * @param tolerance stop when the largest KKT violation (standardised scale, objective
 *     normalised by the total weight) is at most this
 * @param maxIterations the proximal Newton iterations allowed at one lambda
 * @param maxSweeps the coordinate-descent sweeps allowed in one Newton step
 * @param space where the Newton subproblems are solved
 */
public record SolverControl(double tolerance, int maxIterations, int maxSweeps,
    SubproblemSpace space) implements Serializable {

  /** Where a Newton subproblem is solved. Both spaces reach the same optimum. */
  public enum SubproblemSpace {
    /** In the variables' space on the cached curvature model, or on the data when cheaper. */
    BY_COST,
    /**
     * Always by coordinate descent on the data. The cost rule sends only wide problems
     * there; forcing it lets small problems check the data-space solvers against the model
     * space.
     */
    DATA
  }

  /** The default KKT tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-8;
  /** The default Newton iteration limit per lambda. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;
  /** The default sweep limit per Newton step. */
  public static final int DEFAULT_MAX_SWEEPS = 10_000;

  public SolverControl {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite, got "
          + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("the iteration limit must be at least 1, got "
          + maxIterations);
    }
    if (maxSweeps < 1) {
      throw new IllegalArgumentException("the sweep limit must be at least 1, got "
          + maxSweeps);
    }
    if (space == null) {
      throw new IllegalArgumentException("the subproblem space must be given");
    }
  }

  /** The controls with the subproblem space chosen by cost. */
  public SolverControl(double tolerance, int maxIterations, int maxSweeps) {
    this(tolerance, maxIterations, maxSweeps, SubproblemSpace.BY_COST);
  }

  public static SolverControl defaults() {
    return new SolverControl(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_SWEEPS);
  }

  SolverControl withTolerance(double newTolerance) {
    return new SolverControl(newTolerance, maxIterations, maxSweeps, space);
  }
}
