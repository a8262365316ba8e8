package org.elasticnetlogistic.bench;

import java.util.ArrayList;
import java.util.List;

/** The runs of one contender on one job, in the order they ran. */
final class Timings {

  /**
   * One timed run.
   *
   * @param seconds wall-clock time of the fit alone
   * @param lambdas number of lambdas the fit solved (0 where that means nothing)
   * @param peakMb the heap peak during the fit (JVM: an upper bound; R: its "max used")
   */
  record Run(double seconds, int lambdas, double peakMb) {
  }

  private final List<Run> runs = new ArrayList<>();

  void add(Run run) {
    runs.add(run);
  }

  boolean isEmpty() {
    return runs.isEmpty();
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  /** The first (cold) run's time, or NaN without runs. */
  double first() {
    return runs.isEmpty() ? Double.NaN : runs.get(0).seconds();
  }

  /** The fastest run's time, or NaN without runs. */
  double best() {
    return runs.stream().mapToDouble(Run::seconds).min().orElse(Double.NaN);
  }

  /** The last run's number of lambdas, or 0 without runs. */
  int lambdas() {
    return runs.isEmpty() ? 0 : runs.get(runs.size() - 1).lambdas();
  }

  /** The largest heap peak over the runs, or NaN without runs. */
  double peakMb() {
    return runs.stream().mapToDouble(Run::peakMb).max().orElse(Double.NaN);
  }
}
