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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON the CLI prints: the documented field names, in the documented order. */
class JsonTest {
  @Test
  void searchResultsHaveTheDocumentedShape() {
    Passage passage =
        new Passage("Owls \"hunt\" at night.", List.of(new Highlight(0, 4)), 10, 31, 112, 140);
    SearchHit hit =
        SearchHit.builder("birds/owls.md")
            .title("Owls")
            .headingPath(List.of("Habits", "Hunting"))
            .ordinal(1)
            .date(LocalDate.of(2024, 5, 1))
            .source("docs/birds/owls.md")
            .score(2.5f)
            .range(100, 200)
            .metadata(Map.of("tags", List.of("birds")))
            .passages(List.of(passage))
            .build();
    String json =
        Json.results(
            SearchResults.builder("owls")
                .totalHits(3, true)
                .hits(List.of(hit))
                .nextCursor("c1")
                .facet("tags", Map.of("birds", 3L))
                .build());
    assertEquals(
        "{\"query\":\"owls\",\"totalHits\":3,\"totalHitsExact\":true,\"next\":\"c1\","
            + "\"hits\":[{\"docId\":\"birds/owls.md\",\"title\":\"Owls\","
            + "\"heading\":\"Hunting\",\"headingPath\":[\"Habits\",\"Hunting\"],\"ordinal\":1,"
            + "\"date\":\"2024-05-01\",\"source\":\"docs/birds/owls.md\",\"start\":100,\"end\":200,"
            + "\"page\":null,\"score\":2.5,\"meta\":{\"tags\":[\"birds\"]},\"passages\":[{\"text\":"
            + "\"Owls \\\"hunt\\\" at night.\",\"sourceStart\":112,\"sourceEnd\":140,\"semantic\":false,"
            + "\"highlights\":[{\"start\":0,\"end\":4}]}]}],\"facets\":{\"tags\":{\"birds\":3}},"
            + "\"notes\":[]}",
        json);
  }

  @Test
  void aMissingDateIsNull() {
    SearchHit hit = SearchHit.builder("a").build();
    String json = Json.results(SearchResults.builder("q").hits(List.of(hit)).build());
    assertTrue(json.contains("\"date\":null"), json);
    assertTrue(json.contains("\"next\":null"), json);
  }

  @Test
  void aHitOfAPdfSaysItsPage() {
    SearchHit hit = SearchHit.builder("a").page(12).build();
    String json = Json.results(SearchResults.builder("q").hits(List.of(hit)).build());
    assertTrue(json.contains("\"end\":0,\"page\":12,\"score\""), json);
  }

  @Test
  void statsHaveTheirFields() {
    String json = Json.stats(new IndexStats(1, 13, Optional.empty(), Optional.empty(), 2048));
    assertEquals(
        "{\"documents\":1,\"sections\":13,\"oldest\":null,\"newest\":null,\"sizeBytes\":2048}",
        json);
  }
}
