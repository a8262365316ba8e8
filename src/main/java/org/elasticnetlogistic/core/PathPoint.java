package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * The solution at one lambda of a path.
 *
 * @param lambda the penalty weight
 * @param coefficients on the original scale (multinomial rows centred as ALGORITHM.md says)
 * @param nonZeroColumns columns with a non-zero coefficient in some class
 * @param deviance 2 (1/W) sum_i w_i l_i at the solution: the mean deviance per unit weight
 * @param devianceRatio the fraction of the null deviance explained, 1 - deviance / null
 * @param iterations proximal Newton iterations at this lambda
 * @param sweeps coordinate-descent sweeps at this lambda
 * @param kktViolation the largest KKT violation (standardised scale)
 * @param converged whether the violation met the tolerance
 */
public record PathPoint(double lambda, Coefficients coefficients, int nonZeroColumns,
    double deviance, double devianceRatio, int iterations, int sweeps, double kktViolation,
    boolean converged) implements Serializable {
}
