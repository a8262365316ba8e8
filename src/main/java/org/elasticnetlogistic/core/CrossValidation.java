package org.elasticnetlogistic.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * k-fold cross-validation over a fixed lambda sequence. Folds are stratified by class and
 * seeded; each fold fits the whole sequence on its training rows and scores its held-out
 * rows. Folds run in parallel, and since each fold's work is independent and the results
 * are combined in fold order, the answer is the same for any number of threads.
 */
final class CrossValidation {

  /** glmnet clips held-out probabilities to [1e-5, 1 - 1e-5] in the CV deviance. */
  static final double PROBABILITY_CLIP = 1e-5;

  private CrossValidation() {
  }

  static CrossValidationResult run(LogisticProblem problem, FitSettings settings,
      double[] lambdas, ProgressListener listener) {
    int folds = settings.folds();
    int[] foldOf = stratifiedFolds(problem, folds, settings.seed());
    List<FoldScore> scores = new ArrayList<>(folds);
    int threads = Math.min(settings.threads(), folds);
    if (threads <= 1) {
      for (int f = 0; f < folds; f++) {
        scores.add(scoreFold(problem, settings, lambdas, foldOf, f));
        listener.foldFinished(f, folds);
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "elastic-net-cv");
        thread.setDaemon(true);
        return thread;
      });
      try {
        List<Future<FoldScore>> futures = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
          final int fold = f;
          futures.add(pool.submit(() -> {
            FoldScore score = scoreFold(problem, settings, lambdas, foldOf, fold);
            listener.foldFinished(fold, folds);
            return score;
          }));
        }
        for (Future<FoldScore> future : futures) {
          scores.add(future.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("cross-validation was interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("a cross-validation fold failed", cause);
      } finally {
        pool.shutdownNow();
      }
    }
    return combine(settings.measure(), folds, lambdas, scores);
  }

  /** One fold's measure at every lambda, and the fold's total weight. */
  record FoldScore(double[] values, double weight) {
  }

  static FoldScore scoreFold(LogisticProblem problem, FitSettings settings, double[] lambdas,
      int[] foldOf, int fold) {
    int n = problem.rows();
    int heldOutCount = 0;
    for (int i = 0; i < n; i++) {
      if (foldOf[i] == fold) {
        heldOutCount++;
      }
    }
    int[] train = new int[n - heldOutCount];
    int[] test = new int[heldOutCount];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (foldOf[i] == fold) {
        test[b++] = i;
      } else {
        train[a++] = i;
      }
    }
    LogisticProblem training = problem.selectRows(train);
    DesignMatrix heldOut = problem.design().selectRows(test);
    int[] classes = new int[test.length];
    double[] weights = new double[test.length];
    double foldWeight = 0;
    for (int r = 0; r < test.length; r++) {
      classes[r] = problem.classOf(test[r]);
      weights[r] = problem.weight(test[r]);
      foldWeight += weights[r];
    }
    List<LinearClassifier> models = ElasticNetFitter.classifiersAlong(training, settings,
        lambdas);
    double[] values = new double[lambdas.length];
    for (int k = 0; k < lambdas.length; k++) {
      double[][] probabilities = models.get(k).probabilities(heldOut);
      values[k] = measure(settings.measure(), probabilities, classes, weights,
          problem.numClasses());
    }
    return new FoldScore(values, foldWeight);
  }

  /**
   * Fold of each row. Rows of each class are shuffled with the seed and dealt to the folds
   * in turn, the deal continuing from class to class, so folds are balanced in size and in
   * every class.
   */
  static int[] stratifiedFolds(LogisticProblem problem, int folds, long seed) {
    int n = problem.rows();
    Random random = new Random(seed);
    int[] foldOf = new int[n];
    int next = 0;
    for (int c = 0; c < problem.numClasses(); c++) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (problem.classOf(i) == c) {
          count++;
        }
      }
      int[] members = new int[count];
      for (int i = 0, m = 0; i < n; i++) {
        if (problem.classOf(i) == c) {
          members[m++] = i;
        }
      }
      for (int m = count - 1; m > 0; m--) {
        int swap = random.nextInt(m + 1);
        int tmp = members[m];
        members[m] = members[swap];
        members[swap] = tmp;
      }
      for (int member : members) {
        foldOf[member] = next;
        next = (next + 1) % folds;
      }
    }
    return foldOf;
  }

  static double measure(FitSettings.Measure measure, double[][] probabilities, int[] classes,
      double[] weights, int numClasses) {
    return switch (measure) {
      case DEVIANCE -> deviance(probabilities, classes, weights);
      case MISCLASSIFICATION -> misclassification(probabilities, classes, weights);
      case AUC -> auc(probabilities, classes, weights, numClasses);
    };
  }

  /** Weighted mean of -2 log p(y), with p clipped to [1e-5, 1 - 1e-5] as glmnet does. */
  static double deviance(double[][] probabilities, int[] classes, double[] weights) {
    double sum = 0;
    double total = 0;
    for (int i = 0; i < classes.length; i++) {
      double p = Math.min(Math.max(probabilities[i][classes[i]], PROBABILITY_CLIP),
          1 - PROBABILITY_CLIP);
      sum += weights[i] * -2 * Math.log(p);
      total += weights[i];
    }
    return total > 0 ? sum / total : Double.NaN;
  }

  /** Weighted share of rows whose most probable class (first among ties) is wrong. */
  static double misclassification(double[][] probabilities, int[] classes, double[] weights) {
    double wrong = 0;
    double total = 0;
    for (int i = 0; i < classes.length; i++) {
      int predicted = 0;
      for (int k = 1; k < probabilities[i].length; k++) {
        if (probabilities[i][k] > probabilities[i][predicted]) {
          predicted = k;
        }
      }
      if (predicted != classes[i]) {
        wrong += weights[i];
      }
      total += weights[i];
    }
    return total > 0 ? wrong / total : Double.NaN;
  }

  /**
   * Weighted AUC. Two classes: of the class-1 probability. More: the one-against-rest AUCs
   * averaged with the class weights, over the classes present with both outcomes. NaN when
   * no class has both outcomes.
   */
  static double auc(double[][] probabilities, int[] classes, double[] weights,
      int numClasses) {
    int n = classes.length;
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    if (numClasses == 2) {
      for (int i = 0; i < n; i++) {
        score[i] = probabilities[i][1];
        positive[i] = classes[i] == 1;
      }
      return binaryAuc(score, positive, weights);
    }
    double sum = 0;
    double total = 0;
    for (int c = 0; c < numClasses; c++) {
      double classWeight = 0;
      for (int i = 0; i < n; i++) {
        score[i] = probabilities[i][c];
        positive[i] = classes[i] == c;
        if (positive[i]) {
          classWeight += weights[i];
        }
      }
      double value = binaryAuc(score, positive, weights);
      if (!Double.isNaN(value) && classWeight > 0) {
        sum += classWeight * value;
        total += classWeight;
      }
    }
    // a weighted mean of values in [0, 1]; rounding may not take it past 1
    return total > 0 ? Math.min(1.0, sum / total) : Double.NaN;
  }

  /** Weighted Mann-Whitney AUC with ties counted one half. */
  static double binaryAuc(double[] score, boolean[] positive, double[] weights) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double negativeBelow = 0;
    double pairs = 0;
    double positiveTotal = 0;
    double negativeTotal = 0;
    int start = 0;
    while (start < n) {
      int end = start;
      double tiedPositive = 0;
      double tiedNegative = 0;
      while (end < n && score[order[end]] == score[order[start]]) {
        int i = order[end];
        if (positive[i]) {
          tiedPositive += weights[i];
        } else {
          tiedNegative += weights[i];
        }
        end++;
      }
      pairs += tiedPositive * (negativeBelow + 0.5 * tiedNegative);
      negativeBelow += tiedNegative;
      positiveTotal += tiedPositive;
      negativeTotal += tiedNegative;
      start = end;
    }
    if (!(positiveTotal > 0 && negativeTotal > 0)) {
      return Double.NaN;
    }
    // pairs sums the same weights in another order than the totals: perfectly ranked
    // scores can round to 1 + 2e-16, which an AUC cannot be
    return Math.min(1.0, pairs / (positiveTotal * negativeTotal));
  }

  /** glmnet's cvm and cvsd: fold-weighted mean and the standard error of that mean. */
  static CrossValidationResult combine(FitSettings.Measure measure, int folds,
      double[] lambdas, List<FoldScore> scores) {
    int m = lambdas.length;
    double[] mean = new double[m];
    double[] standardError = new double[m];
    for (int k = 0; k < m; k++) {
      double weightSum = 0;
      double sum = 0;
      double smallest = Double.POSITIVE_INFINITY;
      double largest = Double.NEGATIVE_INFINITY;
      int defined = 0;
      for (FoldScore score : scores) {
        double v = score.values()[k];
        if (!Double.isNaN(v) && score.weight() > 0) {
          sum += score.weight() * v;
          weightSum += score.weight();
          smallest = Math.min(smallest, v);
          largest = Math.max(largest, v);
          defined++;
        }
      }
      if (defined == 0) {
        mean[k] = Double.NaN;
        standardError[k] = Double.NaN;
        continue;
      }
      // a weighted mean lies within its values; rounding may not take it past them (an
      // AUC of 1 in every fold must average to 1, not 1 + 2e-16)
      mean[k] = Math.min(largest, Math.max(smallest, sum / weightSum));
      double squares = 0;
      for (FoldScore score : scores) {
        double v = score.values()[k];
        if (!Double.isNaN(v) && score.weight() > 0) {
          squares += score.weight() * (v - mean[k]) * (v - mean[k]);
        }
      }
      standardError[k] = defined > 1
          ? Math.sqrt(squares / weightSum / (defined - 1)) : Double.NaN;
    }
    return new CrossValidationResult(measure, folds, lambdas, mean, standardError);
  }
}
