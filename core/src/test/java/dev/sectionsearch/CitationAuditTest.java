package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The citation audit over a real documentation tree: every passage of searches over Debian's Python
 * 3.11 HTML documentation (530 Sphinx pages, fetched by {@code
 * ../shared/corpora/fetch-debian-docs.sh DEST}) cites a range of its file that holds its words. The
 * tree is found at the system property {@code sectionsearch.pythonDocs} or the environment variable
 * {@code SECTIONSEARCH_PYTHON_DOCS} (the {@code DEST/python-doc/html} folder); without either the
 * audit is skipped.
 */
@Tag("slow") // indexes 530 pages; runs in verify
class CitationAuditTest {
  @TempDir Path folder;

  @Test
  void everyPassageOfThePythonDocumentationCitesARangeHoldingIt() throws IOException {
    Optional<Path> tree =
        Optional.ofNullable(System.getProperty("sectionsearch.pythonDocs"))
            .or(() -> Optional.ofNullable(System.getenv("SECTIONSEARCH_PYTHON_DOCS")))
            .map(Path::of);
    Assumptions.assumeTrue(
        tree.isPresent() && Files.isDirectory(tree.get()),
        "no Python documentation tree (set SECTIONSEARCH_PYTHON_DOCS)");
    List<Path> pages;
    try (var walk = Files.walk(tree.get())) {
      pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    try (SectionIndex index = SectionIndex.open(folder.resolve("index"))) {
      for (Path page : pages) {
        index.add(page);
      }
      index.commit();
      int checked = 0;
      // the queries of the application's audit that found wrong citations, then common ones
      for (String query :
          List.of(
              "dataclass field default",
              "unicode filenames",
              "format examples",
              "the",
              "example",
              "list",
              "string",
              "file",
              "error",
              "return value",
              "class",
              "import",
              "default",
              "module",
              "function",
              "print",
              "for example",
              "code",
              "type",
              "None")) {
        checked +=
            CitationTest.assertCitable(
                index.search(SearchRequest.of(query).withLimit(200).withMaxPassages(3)));
      }
      System.out.println("citation audit: " + checked + " passages of " + pages.size() + " pages");
      assertTrue(checked > 5000, "passages checked: " + checked);
    }
  }
}
