package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code sectionsearch} and the class-data-sharing archive the build makes for
 * it: the archive fits the jar it was made from, and the launcher answers as {@code java -jar}
 * does.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("sectionsearch");

  @TempDir Path work;

  @Test
  void theBuildsClassArchiveFitsTheJarItWasMadeFor() throws Exception {
    Path archive = CliProcess.jar().resolveSibling("sectionsearch-cli.jsa");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    // -Xshare:on refuses to start unless the archive maps and matches the jar
    Result result =
        run(
            List.of(
                java,
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-jar",
                CliProcess.jar().toString(),
                "--version"));

    assertEquals(0, result.exitCode(), result.out() + result.err());
    assertTrue(result.out().startsWith("sectionsearch "), result.out());
  }

  @Test
  void theLauncherAnswersASearchExactlyAsTheJarDoes() throws Exception {
    String index = work.resolve("index").toString();
    assertEquals(
        0, CliProcess.run("index", "--index", index, CliProcess.seeds().toString()).exitCode());

    Result launched =
        run(List.of("sh", LAUNCHER.toString(), "search", "--index", index, "--json", "drones"));
    Result jar = CliProcess.run("search", "--index", index, "--json", "drones");

    assertEquals(0, launched.exitCode(), launched.err());
    assertEquals("", launched.err());
    assertEquals(jar.out(), launched.out());
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String out = readAll(process.getInputStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish: " + command);
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
