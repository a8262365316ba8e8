package org.elasticnetlogistic.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.elasticnetlogistic.bench.ElasticNetLogisticBenchmark.DataSet;
import org.elasticnetlogistic.bench.ElasticNetLogisticBenchmark.JobResult;

/** The benchmark's printed table and its tab-separated record of every run. */
final class Report {

  private static final String ROW =
      "%-4s %-8s | %8s %8s | %8s %8s | %8s %8s | %6s %6s | %6s %6s | %s%n";

  private Report() {
  }

  static void print(List<DataSet> data, double dataLiveMb, List<JobResult> results,
      int repetitions, PrintStream out) {
    out.println();
    out.println("Data (JVM heap live with all of it loaded: "
        + String.format(Locale.ROOT, "%.0f MB", dataLiveMb) + ")");
    for (DataSet set : data) {
      out.println("  " + set.rName() + ": " + set.description());
    }
    out.println();
    out.printf(Locale.ROOT, "Seconds for the fit alone: first (cold) run and best of up to %d;"
        + " ratios ours/other of the best runs and of the first runs; one-minute load average"
        + " before-after the job%n", repetitions);
    out.printf(Locale.ROOT, "%-4s %-8s | %-17s | %-17s | %-17s | %-13s | %-13s | %s%n", "", "",
        "ours", "glmnet", "Logistic", "ours/glmnet", "ours/Logistic", "load");
    out.printf(Locale.ROOT, ROW, "job", "name", "first", "best", "first", "best", "first",
        "best", "best", "first", "best", "first", "avg");
    for (JobResult result : results) {
      for (int v = 0; v < result.ours().size(); v++) {
        Timings ours = result.ours().get(v);
        String id = v == 0 ? result.job().id() : result.job().id() + "'";
        out.printf(Locale.ROOT, ROW, id, result.job().name(),
            seconds(ours.first()), seconds(ours.best()),
            seconds(result.glmnet().first()), seconds(result.glmnet().best()),
            v == 0 ? seconds(result.logistic().first()) : "",
            v == 0 ? seconds(result.logistic().best()) : "",
            ratio(ours.best(), result.glmnet().best()),
            ratio(ours.first(), result.glmnet().first()),
            v == 0 ? ratio(ours.best(), result.logistic().best()) : "",
            v == 0 ? ratio(ours.first(), result.logistic().first()) : "",
            v == 0 ? load(result) : "");
      }
    }
    out.println();
    out.println("Jobs");
    for (JobResult result : results) {
      printDetails(result, out);
    }
  }

  private static void printDetails(JobResult result, PrintStream out) {
    ElasticNetLogisticBenchmark.Job job = result.job();
    out.println(job.id() + " " + job.name() + "  " + job.title() + " (" + job.dataName()
        + ")");
    for (int v = 0; v < result.ours().size(); v++) {
      Timings ours = result.ours().get(v);
      out.printf(Locale.ROOT,
          "    %-5s ours %s: %d run(s), %d lambdas; JVM heap peak <= %.0f MB%n",
          v == 0 ? job.id() : job.id() + "'", String.join(" ", job.ourOptions().get(v)),
          ours.runs().size(), ours.lambdas(), ours.peakMb());
    }
    out.printf(Locale.ROOT, "          JVM heap live after the job, our last model kept: "
        + "%.0f MB%n", result.liveMb());
    if (!result.glmnet().isEmpty()) {
      out.printf(Locale.ROOT,
          "          glmnet '%s': %d run(s), %d lambdas; R max used %.0f MB%n",
          job.glmnetCommand().orElse(""), result.glmnet().runs().size(),
          result.glmnet().lambdas(), result.glmnet().peakMb());
    }
    if (!result.logistic().isEmpty()) {
      out.printf(Locale.ROOT, "          Logistic %s: %d run(s); JVM heap peak <= %.0f MB%n",
          String.join(" ", job.logisticOptions().orElse(new String[0])),
          result.logistic().runs().size(), result.logistic().peakMb());
    }
    for (String note : result.notes()) {
      out.println("          " + note);
    }
  }

  /** The load averages before and after the job. */
  private static String load(JobResult result) {
    return String.format(Locale.ROOT, "%.1f-%.1f", result.loadBefore(), result.loadAfter());
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String ratio(double ours, double other) {
    return Double.isNaN(ours) || Double.isNaN(other) ? "-"
        : String.format(Locale.ROOT, "%.2f", ours / other);
  }

  /** Writes the runs, one per line, tab-separated, for later comparison. */
  static void writeTsv(List<JobResult> results, Path file) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("job\tname\tcontender\trun\tseconds\tlambdas\tpeakMb");
      for (JobResult result : results) {
        for (int v = 0; v < result.ours().size(); v++) {
          writeRuns(out, result.job(), "ours " + String.join(" ",
              result.job().ourOptions().get(v)), result.ours().get(v));
        }
        writeRuns(out, result.job(), "glmnet", result.glmnet());
        writeRuns(out, result.job(), "Logistic", result.logistic());
      }
    }
  }

  private static void writeRuns(PrintWriter out, ElasticNetLogisticBenchmark.Job job,
      String contender, Timings timings) {
    List<Timings.Run> runs = timings.runs();
    for (int r = 0; r < runs.size(); r++) {
      Timings.Run run = runs.get(r);
      out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%.6f\t%d\t%.1f%n", job.id(), job.name(),
          contender, r + 1, run.seconds(), run.lambdas(), run.peakMb());
    }
  }
}
