package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        CliProcess.runCommand(
            List.of(
                java,
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-jar",
                CliProcess.jar().toString(),
                "--version"),
            Map.of());

    assertEquals(0, result.exitCode(), result.out() + result.err());
    assertTrue(result.out().startsWith("sectionsearch "), result.out());
  }

  @Test
  void theLauncherAnswersASearchExactlyAsTheJarDoes() throws Exception {
    String index = work.resolve("index").toString();
    assertEquals(
        0, CliProcess.run("index", "--index", index, CliProcess.seeds().toString()).exitCode());

    Result launched =
        CliProcess.runCommand(
            List.of("sh", LAUNCHER.toString(), "search", "--index", index, "--json", "drones"),
            Map.of());
    Result jar = CliProcess.run("search", "--index", index, "--json", "drones");

    assertEquals(0, launched.exitCode(), launched.err());
    assertEquals("", launched.err());
    assertEquals(jar.out(), launched.out());
  }

  @Test
  void theLauncherIndexesOnTheQuickCompilerAndIndexesWhatTheJarIndexes() throws Exception {
    String launched = work.resolve("launched").toString();
    String jar = work.resolve("jar").toString();
    // the flags the JVM runs with, printed before the command's own output
    Result index =
        CliProcess.runCommand(
            List.of(
                "sh",
                LAUNCHER.toString(),
                "index",
                "--index",
                launched,
                CliProcess.seeds().toString()),
            Map.of("SECTIONSEARCH_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
    assertEquals(0, index.exitCode(), index.err());
    assertTrue(index.out().matches("(?s).*TieredStopAtLevel\\s+= 1\\s.*"), "not on C1 alone");
    assertTrue(index.out().matches("(?s).*UseParallelGC\\s+= true\\s.*"), "not ParallelGC");
    assertEquals(
        0, CliProcess.run("index", "--index", jar, CliProcess.seeds().toString()).exitCode());

    for (String query : List.of("drones", "Russia Ukraine", "\"air defence\"")) {
      Result fromLauncher = CliProcess.run("search", "--index", launched, "--json", query);
      Result fromJar = CliProcess.run("search", "--index", jar, "--json", query);
      assertEquals(0, fromJar.exitCode(), fromJar.err());
      assertEquals(
          fromJar.out().replace(jar, "INDEX"), fromLauncher.out().replace(launched, "INDEX"));
    }
  }
}
