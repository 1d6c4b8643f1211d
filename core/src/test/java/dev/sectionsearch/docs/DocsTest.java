package dev.sectionsearch.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.docs.DocPages.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: a short README that maps every docs page, relative links and
 * anchors that lead somewhere, and every Java example compiled by some module's test.
 */
class DocsTest {
  /** The modules with a {@code DocExamplesTest}: each compiles the examples of its pages. */
  private static final Set<String> MODULES_COMPILING_EXAMPLES =
      Set.of(
          "sectionsearch-core",
          "sectionsearch-semantic",
          "sectionsearch-langchain4j",
          "sectionsearch-spring-ai",
          "sectionsearch-opensearch");

  @Test
  void readmeIsAtMost250Lines() {
    long lines = DocPages.page("README.md").text().lines().count();
    assertTrue(
        lines <= DocPages.README_MAX_LINES,
        "README.md has "
            + lines
            + " lines, over "
            + DocPages.README_MAX_LINES
            + ": move the detail into a docs/ page and link it");
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeading() {
    List<String> broken = new ArrayList<>();
    List<Page> pages = new ArrayList<>(DocPages.all());
    pages.add(DocPages.page("CONTRIBUTING.md"));
    for (Page page : pages) {
      for (String link : page.links()) {
        if (link.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
          continue; // https:, mailto: - not checked offline
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target =
            file.isEmpty() ? page.path() : page.path().getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
          broken.add(page.name() + ": " + link + " (no such file)");
        } else if (hash >= 0 && target.toString().endsWith(".md")) {
          String anchor = link.substring(hash + 1);
          Page linked = target.equals(page.path()) ? page : DocPages.page(relative(target));
          if (!linked.anchors().contains(anchor)) {
            broken.add(page.name() + ": " + link + " (no heading #" + anchor + ")");
          }
        }
      }
    }
    assertEquals(
        List.of(), broken, "broken relative links in README.md, docs/ and CONTRIBUTING.md");
  }

  @Test
  void everyDocsPageIsInTheReadmesMap() {
    List<String> readmeLinks = DocPages.page("README.md").links();
    List<String> missing = new ArrayList<>();
    for (Page page : DocPages.all()) {
      String name = page.name();
      if (name.startsWith("docs/")
          && readmeLinks.stream()
              .noneMatch(link -> link.equals(name) || link.startsWith(name + "#"))) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "docs pages the README's documentation map does not link");
  }

  @Test
  void everyJavaExampleIsCompiledByTheModuleOfTheArtifactItsPageNames() {
    List<String> orphans = new ArrayList<>();
    for (Page page : DocPages.all()) {
      if (page.javaBlocks().isEmpty()) {
        continue;
      }
      String artifact = page.exampleArtifact();
      if (!MODULES_COMPILING_EXAMPLES.contains(artifact)) {
        orphans.add(
            page.name()
                + ": examples need "
                + artifact
                + ", whose module has no DocExamplesTest (add one, and list it here)");
      }
    }
    assertEquals(List.of(), orphans);
  }

  @Test
  void anchorsAreGithubs() {
    assertEquals(
        "the-search-page-the-json-api-and-mcp",
        DocPages.anchor("The search page, the JSON API and MCP"));
    assertEquals("batch-search-trec-runs", DocPages.anchor("Batch search: TREC runs"));
    assertEquals("asciidoc-adoc-asciidoc", DocPages.anchor("AsciiDoc (`.adoc`, `.asciidoc`)"));
  }

  private static String relative(Path target) {
    return DocPages.root().relativize(target).toString().replace('\\', '/');
  }
}
