package org.elasticnetlogistic.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's command line, checked once.
 *
 * @param quick small sizes, a smoke test
 * @param scaling run the scaling series instead of the jobs
 * @param jobs the jobs to run, by name ({@link #JOB_NAMES}), in the benchmark's order
 * @param repetitions rounds per job (the best and the first are reported)
 * @param withGlmnet time glmnet (when R and glmnet are there)
 * @param withLogistic time Weka's Logistic
 * @param outputDirectory data files and the record of every run
 * @param rScript the R side, {@code glmnet_benchmark.R}
 * @param rscript the Rscript executable
 * @param logisticLimitSeconds Logistic is not repeated when its first fit took longer
 * @param repeatLimitSeconds no other contender is repeated when its first fit took longer
 */
record BenchmarkSettings(boolean quick, boolean scaling, Set<String> jobs, int repetitions,
    boolean withGlmnet, boolean withLogistic, Path outputDirectory, Path rScript,
    String rscript, double logisticLimitSeconds, double repeatLimitSeconds) {

  /** The jobs' names, in the order they run: J1 to J5. */
  static final List<String> JOB_NAMES = List.of("path", "path3", "ridge", "cv", "sparse");

  static final String USAGE = "options: --jobs " + String.join(",", JOB_NAMES)
      + " (a subset; J1..J5 also work) --quick --scaling --reps N --no-glmnet --no-logistic"
      + " --logistic-limit SECONDS --repeat-limit SECONDS --out DIR --r-script FILE"
      + " --rscript EXECUTABLE";

  BenchmarkSettings {
    jobs = Set.copyOf(jobs);
    if (repetitions < 1) {
      throw new IllegalArgumentException("--reps must be at least 1");
    }
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("--jobs selects no job; " + USAGE);
    }
  }

  static BenchmarkSettings parse(String[] args) {
    boolean quick = false;
    boolean scaling = false;
    Set<String> jobs = new LinkedHashSet<>(JOB_NAMES);
    int repetitions = 3;
    boolean withGlmnet = true;
    boolean withLogistic = true;
    Path output = Path.of("target", "benchmark");
    Path rScript = Path.of("src", "scripts", "glmnet_benchmark.R");
    String rscript = "Rscript";
    double logisticLimit = 10;
    double repeatLimit = 300;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--scaling" -> scaling = true;
        case "--jobs" -> jobs = jobNames(value(args, ++i));
        case "--no-glmnet" -> withGlmnet = false;
        case "--no-logistic" -> withLogistic = false;
        case "--reps" -> repetitions = Integer.parseInt(value(args, ++i));
        case "--out" -> output = Path.of(value(args, ++i));
        case "--r-script" -> rScript = Path.of(value(args, ++i));
        case "--rscript" -> rscript = value(args, ++i);
        case "--logistic-limit" -> logisticLimit = Double.parseDouble(value(args, ++i));
        case "--repeat-limit" -> repeatLimit = Double.parseDouble(value(args, ++i));
        case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; "
            + USAGE);
      }
    }
    return new BenchmarkSettings(quick, scaling, jobs, repetitions, withGlmnet, withLogistic,
        output, rScript, rscript, logisticLimit, repeatLimit);
  }

  /** Whether the job of that name runs. */
  boolean runs(String jobName) {
    return jobs.contains(jobName);
  }

  private static Set<String> jobNames(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String word : list.split(",")) {
      String name = word.trim().toLowerCase(Locale.ROOT);
      if (name.matches("j[1-5]")) {
        name = JOB_NAMES.get(name.charAt(1) - '1');
      }
      if (!JOB_NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown job '" + word + "'; " + USAGE);
      }
      names.add(name);
    }
    return names;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * The sizes of one run.
   *
   * @param denseRows rows of the dense sets
   * @param denseColumns predictors of the dense sets
   * @param sparseRows rows of the sparse set
   * @param sparseColumns columns of the sparse set
   * @param sparseNonZerosPerRow mean distinct columns per row of the sparse set
   * @param scalingRows the rows of the scaling series
   */
  record Sizes(int denseRows, int denseColumns, int sparseRows, int sparseColumns,
      int sparseNonZerosPerRow, List<Integer> scalingRows) {

    Sizes {
      scalingRows = List.copyOf(scalingRows);
    }

    /**
     * The full sizes of issue 4, or the quick ones. The quick sparse set is not smaller
     * than 10,000 x 10,000: on smaller ones (2,000 x 2,000: minutes) the path lingers where
     * the active set is a few hundred to 1,500 columns, which the solver handles slowly.
     */
    static Sizes of(boolean quick) {
      return quick
          ? new Sizes(5_000, 100, 10_000, 10_000, 50, List.of(2_000, 10_000, 50_000))
          : new Sizes(50_000, 100, 20_000, 20_000, 50,
              List.of(10_000, 50_000, 250_000, 1_000_000));
    }
  }
}
