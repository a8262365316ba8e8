package org.elasticnetlogistic.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child JVM that sees only the class path it is given and a private, offline WEKA_HOME:
 * how the integration tests run Weka with the installed package, as a user would.
 */
public final class ChildJvm {

  private ChildJvm() {
  }

  /** A finished child: its exit code and its merged stdout and stderr. */
  public record Result(int exitCode, String output) {
  }

  /**
   * Runs {@code java -cp classPath arguments...} headless, with WEKA_HOME set and the package
   * manager offline; output goes to a log under {@code workDir}.
   *
   * @throws AssertionError when the child runs for more than five minutes
   */
  public static Result run(Path wekaHome, Path workDir, String classPath,
      List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Djava.awt.headless=true");
    command.add("-DWEKA_HOME=" + wekaHome);
    command.add("-Dweka.packageManager.offline=true");
    command.add("-cp");
    command.add(classPath);
    command.addAll(arguments);
    Path log = Files.createTempFile(workDir, "child", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Deletes a directory tree, deepest entries first; nothing when it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed())
          .toList()) {
        Files.delete(p);
      }
    }
  }
}
