package dev.sectionsearch.semantic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.docs.DocExamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the pages that tell a reader to add {@code sectionsearch-semantic} compile
 * with exactly what those pages name (docs/semantic.md).
 */
class DocExamplesTest {
  @Test
  void thePagesExamplesCompileWithTheDependenciesTheyName(@TempDir Path work) {
    List<String> pages = DocExamples.compileAll("sectionsearch-semantic", work);
    assertTrue(pages.contains("docs/semantic.md"), "compiled " + pages);
  }
}
