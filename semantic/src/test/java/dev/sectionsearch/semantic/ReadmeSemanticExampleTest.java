package dev.sectionsearch.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's semantic search example compiles against the library and this module. */
class ReadmeSemanticExampleTest {
  private static final Path README = Path.of("..", "docs", "semantic.md");

  @TempDir Path work;

  @Test
  void readmeSemanticExampleCompiles() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    String example = null;
    while (block.find()) {
      if (block.group(1).contains("MiniLmEmbedder.create()")) {
        example = block.group(1);
      }
    }
    assertTrue(example != null, "docs/semantic.md has the semantic example");
    String source = example;
    Path file = work.resolve("SemanticExample.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int compiled =
        compiler.run(
            null,
            null,
            null,
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            work.toString(),
            file.toString());
    assertEquals(0, compiled, "the README's semantic example compiles:\n" + source);
  }
}
