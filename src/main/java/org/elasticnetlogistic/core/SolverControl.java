package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * How hard a solver works at one lambda.
 *
 * @param tolerance stop when the largest KKT violation (standardised scale, objective
 *     normalised by the total weight) is at most this
 * @param maxIterations the proximal Newton iterations allowed at one lambda
 * @param maxSweeps the coordinate-descent sweeps allowed in one Newton step
 */
public record SolverControl(double tolerance, int maxIterations, int maxSweeps)
    implements Serializable {

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
  }

  public static SolverControl defaults() {
    return new SolverControl(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_SWEEPS);
  }

  SolverControl withTolerance(double newTolerance) {
    return new SolverControl(newTolerance, maxIterations, maxSweeps);
  }
}
