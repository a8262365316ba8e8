package org.elasticnetlogistic.core;

/**
 * A proposed Newton move of every block (class) at once: the solution of one penalised
 * quadratic subproblem, and what it does to the linear predictors.
 *
 * @param changes the move of every coefficient, [block][column] (zero where none)
 * @param interceptChange the move of every block's intercept
 * @param etaChange the move of every row's linear predictor, [block][row]
 * @param modelDecrease grad' d + P(b + d) - P(b), negative for a descent step; the line
 *     search compares the true decrease against it
 * @param changedColumns the columns with a non-zero move in some block
 * @param sweeps coordinate-descent sweeps used
 * @param converged whether the subproblem met its tolerance within the sweep limit
 */
record NewtonStep(double[][] changes, double[] interceptChange, double[][] etaChange,
    double modelDecrease, int[] changedColumns, int sweeps, boolean converged) {
}
