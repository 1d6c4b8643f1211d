package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI jar as a separate process, as a user would. */
final class CliProcess {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {}

  private CliProcess() {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("cli.jar", "target/sectionsearch-cli.jar"));
    assertTrue(Files.isRegularFile(jar), "the CLI jar is built: " + jar.toAbsolutePath());
    return jar;
  }

  static Path seeds() {
    return Path.of(System.getProperty("seeds.dir", "../seeds"));
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), List.of(), environment, args);
  }

  /**
   * Runs the jar started by a launcher (e.g. {@code setpriv} to drop privileges; empty for none) in
   * a JVM with the given options (e.g. {@code -Xmx512m}).
   */
  static Result run(
      List<String> launcher,
      List<String> jvmOptions,
      Map<String, String> environment,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toAbsolutePath().toString());
    command.addAll(List.of(args));
    return runCommand(command, environment);
  }

  /** Runs any command with this environment added, and collects its exit code and output. */
  static Result runCommand(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String out = readAll(process.getInputStream());
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish: " + command);
    }
    return new Result(process.exitValue(), out, err.join());
  }

  private static String readAll(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
