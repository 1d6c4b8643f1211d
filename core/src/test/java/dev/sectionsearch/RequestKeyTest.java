package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filter and facet keys no document can have are refused, not matched against nothing. */
class RequestKeyTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "Tags", "a b", "title", "-x", "tag\u0000"})
  void invalidFilterKeysAreRefusedAsAddingRefusesThem(String key) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SearchRequest.of("x").withFilter(key, "v"));
    assertTrue(e.getMessage().contains("metadata key"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Tags", "a b"})
  void invalidFacetNamesAreRefused(String key) {
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x").withFacets(key));
  }

  @Test
  void validKeysAndTheDateFacetAreAccepted() {
    SearchRequest request =
        SearchRequest.of("x").withFilter("tags", "a").withFacets("tags", SearchRequest.DATE_FACET);
    assertTrue(request.facets().contains("date"));
  }
}
