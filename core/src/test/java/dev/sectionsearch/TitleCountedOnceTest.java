package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A document's title counts once in ranking however it reaches the index: given in code, as the
 * only {@code #} heading of a Markdown file, or as the first line of an untitled HTML page.
 */
class TitleCountedOnceTest {
  private static final String TITLE = "Barn owls";
  private static final String TEXT = "They hunt voles at night over open fields and hedges.";

  @TempDir Path folder;

  /** Each document's score for a query on the title's words, by document id. */
  private Map<String, Float> scores(float boost, Path file) {
    try (SectionIndex index =
        EmbeddedIndex.builder().titleBoost(boost).headingBoost(boost).build()) {
      index.add(Document.builder("code").title(TITLE).section("", TEXT).build());
      index.add(file);
      index.commit();
      List<SearchHit> hits = index.search("barn owls").hits();
      assertEquals(2, hits.size());
      return hits.stream()
          .collect(
              Collectors.toMap(
                  hit -> hit.docId().equals("code") ? "code" : "file", SearchHit::score));
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.5f})
  void aMarkdownTitleHeadingScoresLikeATitleGivenInCode(float boost) throws IOException {
    Path file = folder.resolve("owls.md");
    Files.writeString(file, "# " + TITLE + "\n\n" + TEXT + "\n", StandardCharsets.UTF_8);
    Map<String, Float> scores = scores(boost, file);
    assertEquals(scores.get("code"), scores.get("file"), 1e-6f);
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.5f})
  void anHtmlPageNamedByItsFirstLineScoresLikeATitleGivenInCode(float boost) throws IOException {
    Path file = folder.resolve("owls.html");
    Files.writeString(
        file,
        "<html><pre>\n\n" + TITLE + "\n\n" + TEXT + "\n</pre></html>",
        StandardCharsets.UTF_8);
    Map<String, Float> scores = scores(boost, file);
    assertEquals(scores.get("code"), scores.get("file"), 1e-6f);
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.5f})
  void theTitleHeadingIsStillShownAsTheSectionHeading(float boost) throws IOException {
    Path file = folder.resolve("owls.md");
    Files.writeString(file, "# " + TITLE + "\n\n" + TEXT + "\n", StandardCharsets.UTF_8);
    try (SectionIndex index = EmbeddedIndex.builder().headingBoost(boost).build()) {
      index.add(file);
      index.commit();
      SearchHit hit = index.search("voles").hits().get(0);
      assertEquals(TITLE, hit.title());
      assertEquals(TITLE, hit.heading());
    }
  }
}
