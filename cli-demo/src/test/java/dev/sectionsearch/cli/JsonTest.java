package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.IndexStats;
import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchResults;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON the CLI prints: the documented field names, in the documented order. */
class JsonTest {
  @Test
  void searchResultsHaveTheDocumentedShape() {
    Passage passage = new Passage("Owls \"hunt\" at night.", List.of(new Highlight(0, 4)), 10, 31);
    SearchHit hit =
        new SearchHit(
            "birds/owls.md", "Owls", "Hunting", List.of("Habits", "Hunting"), 1,
            Optional.of(LocalDate.of(2024, 5, 1)), "docs/birds/owls.md", 2.5f, 100, 200,
            List.of(passage));
    String json =
        Json.results(
            new SearchResults(
                "owls", 3, true, List.of(hit), Optional.empty(), List.of("query shortened")));
    assertEquals(
        "{\"query\":\"owls\",\"totalHits\":3,\"notes\":[\"query shortened\"],"
            + "\"hits\":[{\"docId\":\"birds/owls.md\",\"title\":\"Owls\","
            + "\"heading\":\"Hunting\",\"headingPath\":[\"Habits\",\"Hunting\"],\"date\":\"2024-05-01\","
            + "\"source\":\"docs/birds/owls.md\",\"score\":2.5,\"passages\":[{\"text\":"
            + "\"Owls \\\"hunt\\\" at night.\",\"highlights\":[{\"start\":0,\"end\":4}]}]}]}",
        json);
  }

  @Test
  void aMissingDateIsNull() {
    SearchHit hit =
        new SearchHit("a", "A", "", List.of(), 0, Optional.empty(), "a", 1f, 0, 1, List.of());
    String json =
        Json.results(new SearchResults("q", 1, true, List.of(hit), Optional.empty(), List.of()));
    assertTrue(json.contains("\"date\":null"), json);
  }

  @Test
  void statsHaveTheirFields() {
    String json = Json.stats(new IndexStats(1, 13, Optional.empty(), Optional.empty(), 2048));
    assertEquals(
        "{\"documents\":1,\"sections\":13,\"oldest\":null,\"newest\":null,\"sizeBytes\":2048}", json);
  }
}
