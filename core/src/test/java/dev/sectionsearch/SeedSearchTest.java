package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over the seed article, indexed on disk: what a reader expects to find. */
class SeedSearchTest {
  static final Path SEEDS = Path.of("..", "seeds");

  @TempDir static Path folder;
  private static SectionIndex index;
  private static IndexSummary summary;

  @BeforeAll
  static void indexSeeds() {
    index = SectionIndex.open(folder.resolve("index"));
    summary = index.addAll(SEEDS, IndexingListener.NONE);
    index.commit();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static SearchHit first(String query) {
    SearchResults results = index.search(query);
    assertFalse(results.hits().isEmpty(), "no hits for " + query);
    return results.hits().get(0);
  }

  private static String heading(SearchHit hit) {
    return hit.heading().replace('\u2019', '\'');
  }

  @Test
  void indexingTheSeedsGivesOneDocumentOfThirteenSections() {
    assertEquals(1, summary.added());
    assertEquals(13, summary.sections());
    assertEquals(13, index.stats().sections());
    assertTrue(summary.boilerplateLines() > 0);
  }

  @Test
  void dronesInUkraineFindTheSectionAboutIransSupportForRussia() {
    assertEquals("Iran's Support for Russia in Ukraine", heading(first("Russia Ukraine drones")));
  }

  @Test
  void nuclearQueryFindsTheNuclearProgramSection() {
    assertEquals("Russia's Role in Iran's Nuclear Program", heading(first("nuclear reactor")));
  }

  @Test
  void oilAndSanctionsFindTheEconomicSection() {
    assertEquals(
        "Economic Dimensions of the Alliance: Oil, Trade, and Sanctions",
        heading(first("oil sanctions trade")));
  }

  @Test
  void israelFindsTheSectionNamedForIt() {
    assertEquals("Navigating Relations with Israel", heading(first("Israel")));
  }

  @Test
  void passagesHighlightTheMatchedWords() {
    SearchHit hit = first("drones");
    assertFalse(hit.passages().isEmpty());
    Passage passage = hit.passages().get(0);
    assertFalse(passage.highlights().isEmpty());
    for (String highlighted : passage.highlightedTexts()) {
      assertTrue(highlighted.toLowerCase(Locale.ROOT).startsWith("drone"), highlighted);
    }
  }

  @Test
  void passagesStartAndEndOnWordBoundaries() {
    for (SearchHit hit :
        index.search(SearchRequest.of("military cooperation").withLimit(13)).hits()) {
      for (Passage passage : hit.passages()) {
        String text = passage.text();
        assertEquals(text.strip(), text);
        assertTrue(passage.end() - passage.start() == text.length());
        assertTrue(text.length() <= 400, "passage of " + text.length() + " characters");
      }
    }
  }

  @Test
  void aPhraseIsHighlightedAsAWholeAndOnlyWhereItOccurs() {
    SearchHit hit = first("\"Axis of Resistance\"");
    List<String> highlighted =
        hit.passages().stream().flatMap(p -> p.highlightedTexts().stream()).toList();
    assertFalse(highlighted.isEmpty());
    for (String text : highlighted) {
      assertEquals("axis of resistance", text.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void spamLinksCannotBeFound() {
    assertEquals(0, index.search("Meggnut").totalHits());
    assertEquals(0, index.search("\"Shag Carpet\"").totalHits());
    assertEquals(0, index.search("\"Daily Caller\"").totalHits());
  }

  @Test
  void collapsingReturnsOneHitForTheOneDocument() {
    SearchResults results = index.search(SearchRequest.of("Iran Russia").withCollapse(true));
    assertEquals(1, results.totalHits());
    assertEquals(1, results.hits().size());
  }
}
