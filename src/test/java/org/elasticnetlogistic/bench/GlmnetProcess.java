package org.elasticnetlogistic.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code Rscript src/scripts/glmnet_benchmark.R}: one R session that loads the
 * data once and times glmnet on request, so that its fits can be interleaved with ours.
 * Each command gets one answer line, {@code OK key=value ...} or {@code ERROR message}
 * (see the script). R's standard error goes to a log file.
 */
final class GlmnetProcess implements AutoCloseable {

  private final Process process;
  private final PrintWriter commands;
  private final BufferedReader answers;
  private final Map<String, String> versions;

  private GlmnetProcess(Process process) throws IOException {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    this.versions = readAnswer("start");
  }

  /**
   * Starts R with the script, or gives the reason it cannot (no Rscript, no glmnet).
   *
   * @param rscript the Rscript executable
   * @param script the benchmark's R script
   * @param log where R's standard error goes
   */
  static Result start(String rscript, Path script, Path log) {
    try {
      Process process = new ProcessBuilder(rscript, script.toString())
          .redirectError(log.toFile())
          .start();
      return new Result(Optional.of(new GlmnetProcess(process)), "");
    } catch (IOException e) {
      return new Result(Optional.empty(), e.getMessage() + " (see " + log + ")");
    }
  }

  /** The started process, or why there is none. */
  record Result(Optional<GlmnetProcess> process, String failure) {
  }

  /** The glmnet and R versions, as the script reports them. */
  String versions() {
    return "glmnet " + versions.get("glmnet") + ", R " + versions.get("R");
  }

  /** Sends one command and returns its answer's key=value pairs. */
  Map<String, String> call(String command) throws IOException {
    commands.println(command);
    return readAnswer(command);
  }

  private Map<String, String> readAnswer(String command) throws IOException {
    String line;
    while ((line = answers.readLine()) != null) {
      if (line.startsWith("ERROR")) {
        throw new IOException("glmnet_benchmark.R failed on '" + command + "': " + line);
      }
      if (line.startsWith("OK")) {
        Map<String, String> values = new HashMap<>();
        for (String word : line.substring(2).trim().split("\\s+")) {
          int equals = word.indexOf('=');
          if (equals > 0) {
            values.put(word.substring(0, equals), word.substring(equals + 1));
          }
        }
        return values;
      }
    }
    throw new IOException("R ended before answering '" + command + "'");
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("quit");
    commands.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
