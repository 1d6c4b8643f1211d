package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example compiles against the library and does what the README says. */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SEEDS = Path.of("..", "seeds");

  @TempDir Path work;

  private static String exampleSource() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has a java block");
    return block.group(1);
  }

  @Test
  void readmeExampleCompilesAndFindsTheSeedSection() throws Exception {
    Path source = work.resolve("Example.java");
    Files.writeString(source, exampleSource(), StandardCharsets.UTF_8);
    String classPath = System.getProperty("java.class.path");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int compiled =
        compiler.run(null, null, null, "-cp", classPath, "-d", work.toString(), source.toString());
    assertEquals(0, compiled, "the README example compiles");

    Path seeds = Files.createDirectories(work.resolve("seeds"));
    try (var files = Files.list(SEEDS)) {
      for (Path file : files.toList()) {
        Files.copy(file, seeds.resolve(file.getFileName()));
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(java.toString(), "-cp", work + File.pathSeparator + classPath, "Example"))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    String firstHit = output.lines().skip(1).findFirst().orElse("");
    assertTrue(firstHit.contains("Support for Russia in Ukraine"), output);
    assertTrue(output.contains("[Russia]") || output.contains("[Ukraine]"), output);
    assertTrue(Files.isDirectory(work.resolve("example-index")));
  }
}
