package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import org.junit.jupiter.api.Test;

/** A paging cursor is refused, with a clear message, by any search but its own (issue 24). */
class ForeignCursorTest {
  @Test
  void aCursorFromAnotherQueryOrFilterIsRefused() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      for (int i = 0; i < 6; i++) {
        index.add(
            Document.builder("d" + i)
                .metadata("kind", "bird")
                .section("Herons " + i, "Herons and egrets wade in the pond " + i + ".")
                .build());
      }
      index.commit();
      SearchResults first = index.search(SearchRequest.of("herons").withLimit(2));
      String cursor = first.nextCursor().orElseThrow();
      SearchResults second =
          index.search(SearchRequest.of("herons").withLimit(2).withAfter(cursor));
      assertEquals(2, second.hits().size());
      for (SearchRequest other :
          new SearchRequest[] {
            SearchRequest.of("egrets").withAfter(cursor),
            SearchRequest.of("herons").withFilter("kind", "bird").withAfter(cursor)
          }) {
        QueryException e = assertThrows(QueryException.class, () -> index.search(other));
        assertTrue(e.getMessage().contains("another search"), e.getMessage());
      }
    }
  }
}
