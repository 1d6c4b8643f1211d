package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Highlights mark the words of the section's text that matched, whatever kind of query word matched
 * them, also where the title and headings before the text hold query words too: the title and
 * headings are indexed in the same field as the text, ahead of it.
 */
class PassageHighlightTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "migrate|migrate",
        "migrat*|migrate",
        "\"migrate south\"|migrate south",
        "kestrels migrate|kestrels migrate",
        "kestrel*|kestrels",
        "+kestrels -owls|kestrels",
      })
  void aQueryWordIsHighlightedWhereItStandsInTheText(String query, String highlighted) {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("birds.md")
              .title("Kestrels and migration")
              .section(
                  "Where kestrels migrate", "Some kestrels migrate south in winter; most stay.")
              .build());
      index.commit();
      SearchHit hit = index.search(query).hits().get(0);
      assertEquals(List.of(highlighted), highlightedTexts(hit), query);
    }
  }

  private static List<String> highlightedTexts(SearchHit hit) {
    List<String> texts = new ArrayList<>();
    for (Passage passage : hit.passages()) {
      for (Highlight highlight : passage.highlights()) {
        texts.add(passage.text().substring(highlight.start(), highlight.end()));
      }
    }
    return texts;
  }
}
