package org.elasticnetlogistic.core;

/**
 * The solution of one penalised weighted least-squares subproblem: a proposed move of one
 * block's coefficients, and what it does to the linear predictors.
 *
 * @param changedColumns the columns whose coefficient moves
 * @param changes the moves, aligned with changedColumns
 * @param interceptChange the move of the intercept
 * @param etaChange the move of every row's linear predictor
 * @param modelDecrease grad' d + P(b + d) - P(b), which is negative for a descent step; the
 *     line search compares the true decrease against it
 * @param active the columns that were non-zero at some point of the solve
 * @param sweeps coordinate-descent sweeps used
 * @param converged whether the subproblem met its tolerance within the sweep limit
 */
record QuadraticStep(int[] changedColumns, double[] changes, double interceptChange,
    double[] etaChange, double modelDecrease, int[] active, int sweeps, boolean converged) {
}
