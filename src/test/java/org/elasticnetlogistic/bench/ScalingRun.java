package org.elasticnetlogistic.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.Instances;

/**
 * The scaling run: the lasso path ({@code -alpha 1 -folds 0}) on dense binomial data
 * (J1's generator, so each set is the first rows of the next) of growing n, to show that
 * the time grows linearly in n. The number of lambdas the path solves can change with n
 * (glmnet's early stopping), so the time per row and per lambda is printed too, and the
 * slope of log(time) against log(n) is fitted. Each size's data replaces the previous one,
 * so the largest must fit in the heap alone, with its fit.
 */
final class ScalingRun {

  private static final String[] OPTIONS = {"-alpha", "1", "-folds", "0"};
  private static final String ROW =
      "%9s | %8s %8s %4s | %7s | %10s %13s | %8s %8s | %9s%n";

  private ScalingRun() {
  }

  static void run(List<Integer> sizes, int columns, BenchmarkSettings settings,
      PrintStream out, PrintStream progress) throws Exception {
    double[] logRows = new double[sizes.size()];
    double[] logSeconds = new double[sizes.size()];
    StringBuilder table = new StringBuilder();
    for (int s = 0; s < sizes.size(); s++) {
      int rows = sizes.get(s);
      CorrelatedGaussianData spec = new CorrelatedGaussianData(rows, columns, 2, 1);
      long start = System.nanoTime();
      Instances data = WekaData.dense(spec);
      progress.printf(Locale.ROOT, "data n=%d generated in %.1f s%n", rows,
          ElasticNetLogisticBenchmark.seconds(start));
      double dataMb = HeapMeter.liveMb();
      double loadBefore = ElasticNetLogisticBenchmark.loadAverage();
      Timings timings = new Timings();
      for (int rep = 1; rep <= settings.repetitions(); rep++) {
        if (!timings.isEmpty() && timings.first() > settings.repeatLimitSeconds()) {
          break;
        }
        ElasticNetLogistic model = new ElasticNetLogistic();
        model.setOptions(OPTIONS.clone());
        Timings.Run run = ElasticNetLogisticBenchmark.timeBuild(model, data);
        int lambdas = model.getPath().size();
        timings.add(new Timings.Run(run.seconds(), lambdas, run.peakMb()));
        progress.printf(Locale.ROOT, "n=%d run %d: %.3f s, %d lambdas (load %.2f)%n", rows,
            rep, run.seconds(), lambdas, ElasticNetLogisticBenchmark.loadAverage());
      }
      data = null; // the next size is generated without this one
      double best = timings.best();
      logRows[s] = Math.log(rows);
      logSeconds[s] = Math.log(best);
      table.append(String.format(Locale.ROOT, ROW, rows, format(timings.first()),
          format(best), timings.runs().size(), timings.lambdas(),
          String.format(Locale.ROOT, "%.2f", best / rows * 1e6),
          String.format(Locale.ROOT, "%.1f", best / rows / timings.lambdas() * 1e9),
          String.format(Locale.ROOT, "%.0f", dataMb),
          String.format(Locale.ROOT, "%.0f", timings.peakMb()),
          String.format(Locale.ROOT, "%.1f-%.1f", loadBefore,
              ElasticNetLogisticBenchmark.loadAverage())));
    }
    out.println();
    out.printf(Locale.ROOT, "Scaling: lasso path (%s), dense binomial, p = %d, max heap %.0f MB;"
        + " seconds for the fit alone, first and best of up to %d runs%n",
        String.join(" ", OPTIONS), columns, HeapMeter.maxMb(), settings.repetitions());
    out.printf(Locale.ROOT, ROW, "n", "first", "best", "runs", "lambdas", "us per row",
        "ns/row/lambda", "data MB", "peak MB", "load");
    out.print(table);
    out.printf(Locale.ROOT, "slope of log(best time) on log(n): %.2f (1 = linear)%n",
        slope(logRows, logSeconds));
    out.println("data MB: JVM heap live with the data set loaded; peak MB: the heap pools' "
        + "peaks during the fit, summed (an upper bound), data included");
  }

  private static String format(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /** The least-squares slope of y on x. */
  static double slope(double[] x, double[] y) {
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < x.length; i++) {
      meanX += x[i] / x.length;
      meanY += y[i] / y.length;
    }
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return covariance / variance;
  }
}
