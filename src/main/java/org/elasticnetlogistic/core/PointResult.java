package org.elasticnetlogistic.core;

/**
 * How the solve at one lambda ended.
 *
 * @param lambda the penalty weight
 * @param iterations proximal Newton iterations (a multinomial iteration visits every class)
 * @param sweeps coordinate-descent sweeps, summed over iterations
 * @param kktViolation the largest KKT violation at the returned point
 * @param converged whether kktViolation is within the tolerance
 */
record PointResult(double lambda, int iterations, int sweeps, double kktViolation,
    boolean converged) {
}
