package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.docs.DocExamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the pages that tell a reader to add {@code sectionsearch-opensearch} compile
 * with exactly what those pages name (docs/scaling.md).
 */
class DocExamplesTest {
  @Test
  void thePagesExamplesCompileWithTheDependenciesTheyName(@TempDir Path work) {
    List<String> pages = DocExamples.compileAll("sectionsearch-opensearch", work);
    assertTrue(pages.contains("docs/scaling.md"), "compiled " + pages);
  }
}
