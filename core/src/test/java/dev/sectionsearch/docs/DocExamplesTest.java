package dev.sectionsearch.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the pages that tell a reader to add {@code sectionsearch-core} compile with
 * exactly what those pages name (README.md and others).
 */
class DocExamplesTest {
  @Test
  void thePagesExamplesCompileWithTheDependenciesTheyName(@TempDir Path work) {
    List<String> pages = DocExamples.compileAll("sectionsearch-core", work);
    assertTrue(pages.contains("README.md"), "compiled " + pages);
  }
}
