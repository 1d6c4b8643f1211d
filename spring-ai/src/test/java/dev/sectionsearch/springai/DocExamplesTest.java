package dev.sectionsearch.springai;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.docs.DocExamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the pages that tell a reader to add {@code sectionsearch-spring-ai} compile
 * with exactly what those pages name (docs/spring-ai.md).
 */
class DocExamplesTest {
  @Test
  void thePagesExamplesCompileWithTheDependenciesTheyName(@TempDir Path work) {
    List<String> pages = DocExamples.compileAll("sectionsearch-spring-ai", work);
    assertTrue(pages.contains("docs/spring-ai.md"), "compiled " + pages);
  }
}
