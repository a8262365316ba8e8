package org.elasticnetlogistic.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.elasticnetlogistic.core.PathPoint;
import weka.classifiers.Classifier;
import weka.classifiers.functions.ElasticNetLogistic;
import weka.classifiers.functions.Logistic;
import weka.core.Instances;

/**
 * The speed benchmark of issue 4: ElasticNetLogistic against glmnet (R) and Weka's
 * Logistic on the same generated data, in one run. {@code src/scripts/benchmark.sh} runs it;
 * the class path needs the test classes, the package and Weka.
 *
 * <p>Jobs (name, then options as given to the classifier):
 * <ul>
 * <li>J1 {@code path}: the lasso path, dense, two classes: {@code -alpha 1 -folds 0};
 * glmnet(family = "binomial").</li>
 * <li>J2 {@code path3}: the lasso path, dense, three classes: {@code -alpha 1 -folds 0};
 * glmnet(family = "multinomial"); Weka's Logistic as one ridge fit on the same data (J3's
 * ridge).</li>
 * <li>J3 {@code ridge}: one ridge fit, J1's data: {@code -alpha 0 -lambda 1e-4};
 * glmnet(alpha = 0, lambda = 1e-4); Logistic {@code -R (W-1) lambda / 2}, the same model
 * (README: Relation to Weka's Logistic). The largest differences in probability over the
 * rows and in coefficient tell whether all reached the same optimum.</li>
 * <li>J4 {@code cv}: 10-fold cross-validation on the default path, J1's data:
 * {@code -alpha 0.5} (folds on all cores) and {@code -alpha 0.5 -threads 1};
 * cv.glmnet(alpha = 0.5, nfolds = 10), serial.</li>
 * <li>J5 {@code sparse}: the lasso path, sparse counts held as Weka SparseInstances, two
 * classes: {@code -alpha 1 -folds 0}; glmnet on a dgCMatrix.</li>
 * </ul>
 * The binomial paths (J1, J5) are also compared at equal accuracy: glmnet's default
 * threshold stops far short of our default tolerance, so the largest KKT violation over
 * each path is measured on both sides (the same formula, in R for glmnet), ours is timed
 * again with {@code -tol} set to glmnet's violation, and glmnet is timed once more at each
 * of {@link #TIGHTER_THRESHOLDS}.
 * Only {@code buildClassifier} (and the glmnet call) is timed, on data already in memory.
 * Each job runs its contenders in turn, ours first, then glmnet, then Logistic, and repeats
 * that round (3 times by default), so that the sides share the machine's conditions; it
 * reports the first (cold) run and the best. A full garbage collection runs before each
 * timed fit on both sides, untimed. The system load average is recorded around each job,
 * since other work on the machine disturbs the times.
 *
 * <p>Options: see {@link BenchmarkSettings#USAGE}.
 */
public final class ElasticNetLogisticBenchmark {

  private static final PrintStream OUT = System.out;
  private static final PrintStream PROGRESS = System.err;

  /** The single ridge lambda of J3, as written on both command lines. */
  static final String RIDGE_LAMBDA = "1e-4";
  /** glmnet's convergence threshold for J3's untimed check of the optimum. */
  static final String TIGHT_THRESHOLD = "1e-14";
  /** glmnet's thresholds for the binomial paths' comparison at equal accuracy. */
  static final List<String> TIGHTER_THRESHOLDS = List.of("1e-9", "1e-11");

  private ElasticNetLogisticBenchmark() {
  }

  /**
   * One data set, in Weka and, when glmnet runs, loaded into R under {@code rName}.
   */
  record DataSet(String rName, String description, Instances instances) {
  }

  /**
   * One job: our option sets (the first is the job's own; more are variants reported on
   * rows of their own), and what glmnet and Logistic run on the same data.
   */
  record Job(String id, String name, String title, String dataName, List<String[]> ourOptions,
      Optional<String> glmnetCommand, Optional<String[]> logisticOptions,
      boolean compareOptima, boolean compareAccuracy) {
  }

  /** What a job measured, and the load average before and after it. */
  record JobResult(Job job, DataSet data, List<Timings> ours, Timings glmnet,
      Timings logistic, double liveMb, double loadBefore, double loadAfter,
      List<String> notes) {
  }

  public static void main(String[] args) throws Exception {
    BenchmarkSettings settings;
    try {
      settings = BenchmarkSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    BenchmarkSettings.Sizes sizes = BenchmarkSettings.Sizes.of(settings.quick());
    Files.createDirectories(settings.outputDirectory());
    printEnvironment(settings);
    if (settings.scaling()) {
      ScalingRun.run(sizes.scalingRows(), sizes.denseColumns(), settings, OUT, PROGRESS);
      return;
    }
    Optional<GlmnetProcess> glmnet = Optional.empty();
    if (settings.withGlmnet()) {
      GlmnetProcess.Result started = GlmnetProcess.start(settings.rscript(),
          settings.rScript(), settings.outputDirectory().resolve("glmnet.log"));
      glmnet = started.process();
      OUT.println(glmnet.map(g -> "glmnet: " + g.versions())
          .orElse("glmnet: not run: " + started.failure()));
    } else {
      OUT.println("glmnet: not run (--no-glmnet, or no Rscript with glmnet)");
    }
    OUT.println("Logistic: " + (settings.withLogistic() ? "weka.classifiers.functions.Logistic"
        : "not run (--no-logistic)"));
    try {
      runJobs(settings, sizes, glmnet);
    } finally {
      if (glmnet.isPresent()) {
        glmnet.get().close();
      }
    }
  }

  private static void printEnvironment(BenchmarkSettings settings) {
    OUT.printf(Locale.ROOT, "ElasticNetLogistic benchmark, %s%n",
        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    OUT.printf(Locale.ROOT, "java %s (%s), %d cores, max heap %.0f MB, load average %.2f;"
        + " mode %s, up to %d runs each%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), HeapMeter.maxMb(), loadAverage(),
        (settings.quick() ? "quick" : "full") + (settings.scaling() ? " scaling" : ""),
        settings.repetitions());
  }

  /** The jobs, J1 to J5, on data sets named dense2, dense3 and sparse2. */
  private static List<Job> jobs(BenchmarkSettings.Sizes sizes) {
    // Logistic's ridge R equal to glmnet's lambda: R = (W - 1) lambda / 2, every weight 1
    String ridge = String.format(Locale.ROOT, "%.10g",
        (sizes.denseRows() - 1) * Double.parseDouble(RIDGE_LAMBDA) / 2);
    return List.of(
        new Job("J1", "path", "path, alpha=1, binomial dense", "dense2",
            List.<String[]>of(options("-alpha 1 -folds 0")),
            Optional.of("path dense2 binomial 1"), Optional.empty(), false, true),
        new Job("J2", "path3", "path, alpha=1, 3 classes dense", "dense3",
            List.<String[]>of(options("-alpha 1 -folds 0")),
            Optional.of("path dense3 multinomial 1"),
            Optional.of(options("-R " + ridge)), false, false),
        new Job("J3", "ridge", "one ridge fit, lambda=" + RIDGE_LAMBDA + ", binomial dense",
            "dense2", List.<String[]>of(options("-alpha 0 -lambda " + RIDGE_LAMBDA)),
            Optional.of("fit dense2 binomial 0 " + RIDGE_LAMBDA),
            Optional.of(options("-R " + ridge)), true, false),
        new Job("J4", "cv", "10-fold CV, alpha=0.5, binomial dense", "dense2",
            List.of(options("-alpha 0.5"), options("-alpha 0.5 -threads 1")),
            Optional.of("cv dense2 binomial 0.5 10"), Optional.empty(), false, false),
        new Job("J5", "sparse", "path, alpha=1, binomial sparse", "sparse2",
            List.<String[]>of(options("-alpha 1 -folds 0")),
            Optional.of("path sparse2 binomial 1"), Optional.empty(), false, true));
  }

  private static void runJobs(BenchmarkSettings settings, BenchmarkSettings.Sizes sizes,
      Optional<GlmnetProcess> glmnet) throws Exception {
    List<Job> jobs = jobs(sizes).stream().filter(job -> settings.runs(job.name())).toList();
    Map<String, DataSet> data = new LinkedHashMap<>();
    for (Job job : jobs) {
      if (!data.containsKey(job.dataName())) {
        data.put(job.dataName(), generate(job.dataName(), sizes));
      }
    }
    double dataLiveMb = HeapMeter.liveMb();
    if (glmnet.isPresent()) {
      for (DataSet set : data.values()) {
        loadIntoR(set, settings.outputDirectory(), glmnet.get());
      }
    }
    List<JobResult> results = new ArrayList<>();
    for (Job job : jobs) {
      results.add(runJob(job, data.get(job.dataName()), settings, glmnet));
    }
    Report.print(List.copyOf(data.values()), dataLiveMb, results, settings.repetitions(),
        OUT);
    Path tsv = settings.outputDirectory().resolve("results.tsv");
    Report.writeTsv(results, tsv);
    OUT.println();
    OUT.println("Every run: " + tsv);
  }

  private static DataSet generate(String name, BenchmarkSettings.Sizes sizes) {
    return switch (name) {
      case "dense2" -> dense(name, new CorrelatedGaussianData(sizes.denseRows(),
          sizes.denseColumns(), 2, 1));
      case "dense3" -> dense(name, new CorrelatedGaussianData(sizes.denseRows(),
          sizes.denseColumns(), 3, 2));
      case "sparse2" -> sparse(name, new ZipfCountData(sizes.sparseRows(),
          sizes.sparseColumns(), sizes.sparseNonZerosPerRow(), 3));
      default -> throw new IllegalArgumentException("no data set " + name);
    };
  }

  private static String[] options(String line) {
    return line.split(" ");
  }

  private static DataSet dense(String rName, CorrelatedGaussianData spec) {
    long start = System.nanoTime();
    Instances instances = WekaData.dense(spec);
    String description = String.format(Locale.ROOT,
        "dense %d x %d, AR(1) rho=%.1f, %d classes (seed %d), generated in %.1f s",
        spec.rows(), spec.columns(), CorrelatedGaussianData.NEIGHBOUR_CORRELATION,
        spec.classes(), spec.seed(), seconds(start));
    PROGRESS.println("data " + rName + ": " + description);
    return new DataSet(rName, description, instances);
  }

  private static DataSet sparse(String rName, ZipfCountData spec) {
    long start = System.nanoTime();
    SparseCounts counts = spec.generate();
    Instances instances = WekaData.sparse(counts, spec.seed());
    String description = String.format(Locale.ROOT,
        "sparse %d x %d counts, %d non-zeros, 2 classes (seed %d), generated in %.1f s",
        spec.rows(), spec.columns(), counts.nonZeros(), spec.seed(), seconds(start));
    PROGRESS.println("data " + rName + ": " + description);
    return new DataSet(rName, description, instances);
  }

  private static void loadIntoR(DataSet data, Path directory, GlmnetProcess glmnet)
      throws IOException {
    long start = System.nanoTime();
    Map<String, String> answer;
    if (data.rName().startsWith("sparse")) {
      Path matrix = directory.resolve(data.rName() + ".mtx");
      Path labels = directory.resolve(data.rName() + ".labels.txt");
      DataFiles.writeMatrixMarket(data.instances(), matrix, labels);
      answer = glmnet.call("sparse " + data.rName() + " " + matrix + " " + labels);
    } else {
      Path csv = directory.resolve(data.rName() + ".csv");
      DataFiles.writeCsv(data.instances(), csv);
      answer = glmnet.call("dense " + data.rName() + " " + csv);
    }
    PROGRESS.printf(Locale.ROOT, "data %s written and read by R in %.1f s: %s%n", data.rName(),
        seconds(start), answer);
  }

  private static JobResult runJob(Job job, DataSet dataSet, BenchmarkSettings settings,
      Optional<GlmnetProcess> glmnet) throws Exception {
    PROGRESS.println("== " + job.id() + " " + job.name() + ": " + job.title());
    double loadBefore = loadAverage();
    Instances data = dataSet.instances();
    List<Timings> ours = new ArrayList<>();
    for (int v = 0; v < job.ourOptions().size(); v++) {
      ours.add(new Timings());
    }
    Timings glmnetTimings = new Timings();
    Timings logisticTimings = new Timings();
    List<String> notes = new ArrayList<>();
    boolean glmnetWorks = glmnet.isPresent() && job.glmnetCommand().isPresent();
    boolean logisticRuns = settings.withLogistic() && job.logisticOptions().isPresent();
    ElasticNetLogistic lastOurs = null;
    Logistic lastLogistic = null;
    for (int rep = 1; rep <= settings.repetitions(); rep++) {
      for (int v = 0; v < job.ourOptions().size(); v++) {
        if (!due(ours.get(v), settings.repeatLimitSeconds())) {
          continue;
        }
        if (v == 0) {
          lastOurs = null; // let the previous model go before the next fit
        }
        ElasticNetLogistic model = new ElasticNetLogistic();
        model.setOptions(job.ourOptions().get(v).clone());
        Timings.Run run = timeBuild(model, data);
        ours.get(v).add(new Timings.Run(run.seconds(), model.getPath().size(), run.peakMb()));
        progress(job, rep, "ours " + String.join(" ", job.ourOptions().get(v)), run.seconds());
        if (v == 0) {
          lastOurs = model;
        }
      }
      if (glmnetWorks && due(glmnetTimings, settings.repeatLimitSeconds())) {
        try {
          Map<String, String> answer = glmnet.get().call(job.glmnetCommand().get());
          double seconds = Double.parseDouble(answer.get("seconds"));
          glmnetTimings.add(new Timings.Run(seconds, Integer.parseInt(answer.get("lambdas")),
              Double.parseDouble(answer.get("maxMb"))));
          progress(job, rep, "glmnet " + job.glmnetCommand().get(), seconds);
        } catch (IOException e) {
          notes.add("glmnet failed: " + e.getMessage());
          PROGRESS.println(job.id() + " glmnet failed: " + e.getMessage());
          glmnetWorks = false;
        }
      }
      if (logisticRuns && due(logisticTimings, settings.logisticLimitSeconds())) {
        lastLogistic = null;
        Logistic logistic = new Logistic();
        logistic.setOptions(job.logisticOptions().get().clone());
        Timings.Run run = timeBuild(logistic, data);
        logisticTimings.add(run);
        lastLogistic = logistic;
        progress(job, rep, "Logistic " + String.join(" ", job.logisticOptions().get()),
            run.seconds());
      }
    }
    if (lastOurs == null) {
      throw new IllegalStateException("no fit of ours was kept");
    }
    if (job.compareOptima()) {
      notes.addAll(compareOptima(job, lastOurs, lastLogistic,
          glmnetWorks && !glmnetTimings.isEmpty() ? glmnet : Optional.empty(), data,
          settings.outputDirectory()));
    }
    if (job.compareAccuracy() && glmnetWorks && !glmnetTimings.isEmpty()) {
      notes.addAll(compareAccuracy(job, lastOurs, ours.get(0), glmnetTimings, data, settings,
          glmnet.get()));
    }
    lastLogistic = null;
    double liveMb = HeapMeter.liveMb();
    return new JobResult(job, dataSet, ours, glmnetTimings, logisticTimings, liveMb,
        loadBefore, loadAverage(), notes);
  }

  /** Whether a contender runs again: always at first, then while its first run was short. */
  private static boolean due(Timings timings, double limitSeconds) {
    return timings.isEmpty() || timings.first() <= limitSeconds;
  }

  private static List<String> compareOptima(Job job, ElasticNetLogistic ours,
      Logistic logistic, Optional<GlmnetProcess> glmnet, Instances data, Path directory)
      throws Exception {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "largest |coefficient| of ours: %.4f",
        OptimumComparison.largestCoefficient(ours, data)));
    if (logistic != null) {
      notes.add(String.format(Locale.ROOT,
          "vs Logistic: max |p_ours - p_Logistic| = %.2e, max |b_ours - b_Logistic| = %.2e",
          OptimumComparison.maxProbabilityDifference(ours, logistic, data),
          OptimumComparison.maxCoefficientDifference(ours, logistic, data)));
    }
    if (glmnet.isPresent()) {
      notes.add(compareWithGlmnet("vs glmnet (timed fit, default thresh 1e-7):", job, ours,
          glmnet.get(), data, directory, ""));
      // glmnet's default threshold stops early; a tight refit shows where its optimum is
      glmnet.get().call(job.glmnetCommand().orElseThrow() + " " + TIGHT_THRESHOLD);
      notes.add(compareWithGlmnet("vs glmnet (untimed refit, thresh " + TIGHT_THRESHOLD
          + "):", job, ours, glmnet.get(), data, directory, "-tight"));
    }
    return notes;
  }

  /**
   * The binomial path at equal accuracy: the largest KKT violation over the path of each
   * side at its default; ours timed at glmnet's violation; glmnet timed at tighter
   * thresholds. glmnet's last fit must be its default path.
   */
  private static List<String> compareAccuracy(Job job, ElasticNetLogistic ours,
      Timings oursDefault, Timings glmnetDefault, Instances data, BenchmarkSettings settings,
      GlmnetProcess glmnet) throws Exception {
    List<String> notes = new ArrayList<>();
    double oursViolation = largestViolation(ours);
    double glmnetViolation = Double.parseDouble(glmnet.call("kkt " + job.dataName()).get("max"));
    notes.add(String.format(Locale.ROOT, "largest KKT violation over the path: ours %.1e "
        + "(default -tol 1e-8), glmnet %.1e (default thresh 1e-7)", oursViolation,
        glmnetViolation));
    // ours at glmnet's accuracy, best of the job's repetitions
    String[] options = withTolerance(job.ourOptions().get(0), glmnetViolation);
    Timings loose = new Timings();
    double looseViolation = 0;
    for (int rep = 1; rep <= settings.repetitions(); rep++) {
      ElasticNetLogistic model = new ElasticNetLogistic();
      model.setOptions(options.clone());
      Timings.Run run = timeBuild(model, data);
      loose.add(run);
      looseViolation = largestViolation(model);
      progress(job, rep, "ours " + String.join(" ", options), run.seconds());
    }
    notes.add(String.format(Locale.ROOT, "at glmnet's accuracy: ours %s %.3f s (largest "
        + "violation %.1e), glmnet default %.3f s: ours/glmnet %.2f", String.join(" ", options),
        loose.best(), looseViolation, glmnetDefault.best(),
        loose.best() / glmnetDefault.best()));
    // glmnet nearer our accuracy, one run each
    for (String threshold : TIGHTER_THRESHOLDS) {
      String command = job.glmnetCommand().orElseThrow() + " " + threshold;
      double seconds = Double.parseDouble(glmnet.call(command).get("seconds"));
      progress(job, 1, "glmnet " + command, seconds);
      double violation = Double.parseDouble(glmnet.call("kkt " + job.dataName()).get("max"));
      notes.add(String.format(Locale.ROOT, "glmnet thresh %s: %.3f s, largest violation "
          + "%.1e; ours at default (%.1e) %.3f s: ours/glmnet %.2f", threshold, seconds,
          violation, oursViolation, oursDefault.best(), oursDefault.best() / seconds));
    }
    return notes;
  }

  /** The largest KKT violation over a fitted path's lambdas. */
  private static double largestViolation(ElasticNetLogistic model) {
    double largest = 0;
    for (PathPoint point : model.getPath().points()) {
      largest = Math.max(largest, point.kktViolation());
    }
    return largest;
  }

  private static String[] withTolerance(String[] options, double tolerance) {
    String[] out = java.util.Arrays.copyOf(options, options.length + 2);
    out[options.length] = "-tol";
    out[options.length + 1] = String.format(Locale.ROOT, "%.3g", tolerance);
    return out;
  }

  private static String compareWithGlmnet(String label, Job job, ElasticNetLogistic ours,
      GlmnetProcess glmnet, Instances data, Path directory, String suffix) throws Exception {
    Path probabilities = directory.resolve(job.id() + "-glmnet" + suffix + "-probabilities.csv");
    Path coefficients = directory.resolve(job.id() + "-glmnet" + suffix + "-coefficients.csv");
    glmnet.call("predict " + job.dataName() + " " + probabilities);
    glmnet.call("coefficients " + job.dataName() + " " + coefficients);
    return String.format(Locale.ROOT, "%s max |p_ours - p_glmnet| = %.2e, "
        + "max |b_ours - b_glmnet| = %.2e", label,
        OptimumComparison.maxProbabilityDifference(ours, probabilities, data),
        OptimumComparison.maxCoefficientDifference(ours, coefficients, data));
  }

  /** Times buildClassifier alone, after a full collection, and notes the heap peak. */
  static Timings.Run timeBuild(Classifier classifier, Instances data) throws Exception {
    System.gc();
    HeapMeter.resetPeaks();
    long start = System.nanoTime();
    classifier.buildClassifier(data);
    double seconds = seconds(start);
    return new Timings.Run(seconds, 0, HeapMeter.peakMb());
  }

  private static void progress(Job job, int rep, String what, double seconds) {
    PROGRESS.printf(Locale.ROOT, "%s run %d  %-48s %9.3f s  (load %.2f)%n", job.id(), rep,
        what, seconds, loadAverage());
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The system's one-minute load average (negative where the platform has none). */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
