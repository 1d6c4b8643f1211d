package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.IndexSettings;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.internal.search.Cursor;
import dev.sectionsearch.search.SearchRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Misuse of the builder, and a cluster that is down: clear errors, no cluster needed. */
class OpenSearchSectionIndexBuilderTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost:9200", "ftp://host:21", "http://", "://x"})
  void anUrlThatIsNoOpenSearchUrlIsRefusedNamingIt(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OpenSearchSectionIndex.builder().urls(url).index("x").build());
    assertTrue(e.getMessage().contains(url), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Upper", "_hidden", "with space", "a/b", ""})
  void anIndexNameOpenSearchWouldRefuseIsRefusedNamingIt(String name) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OpenSearchSectionIndex.builder().index(name));
    assertTrue(e.getMessage().endsWith(": " + name), e.getMessage());
  }

  @Test
  void outOfRangeSettingsAreRefusedNamingThem() {
    OpenSearchSectionIndex.Builder builder = OpenSearchSectionIndex.builder();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.shards(0))
            .getMessage()
            .contains("shards"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.replicas(-1))
            .getMessage()
            .contains("replicas"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.bm25(1.2f, 2f))
            .getMessage()
            .contains("b in [0, 1]"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.titleBoost(Float.NaN))
            .getMessage()
            .contains("titleBoost"));
    assertThrows(IllegalArgumentException.class, () -> builder.urls(" , "));
    assertThrows(NullPointerException.class, () -> builder.urls((String) null));
  }

  @Test
  void bothBuildersCheckTheSharedSettingsByOneRule() {
    IndexSettings tuned = IndexSettings.DEFAULTS.withBm25(0.9f, 0.4f).withProximityBoost(0);
    OpenSearchSectionIndex.Builder builder = OpenSearchSectionIndex.builder().bm25(0.9f, 0.4f);
    builder.proximityBoost(0);
    assertEquals(tuned, builder.settings);
    assertEquals(
        assertThrows(IllegalArgumentException.class, () -> EmbeddedIndex.builder().bm25(-1, 0.5f))
            .getMessage(),
        assertThrows(
                IllegalArgumentException.class,
                () -> OpenSearchSectionIndex.builder().bm25(-1, 0.5f))
            .getMessage());
  }

  @Test
  void aClusterThatIsDownIsOneLineNamingItsUrl() {
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> OpenSearchSectionIndex.builder().urls("http://127.0.0.1:1").index("x").build());
    assertTrue(e.getMessage().startsWith("OpenSearch at http://127.0.0.1:1 is unreachable"));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "os1.", "os1.bm90LWpzb24", "AgAAAAAAAAAGAlM9", "os1.e30"})
  void aCursorThisBackendDidNotIssueIsRefusedNamingTheQuery(String cursor) {
    QueryException e =
        assertThrows(
            QueryException.class, () -> Cursor.of(SearchRequest.of("kestrel").withAfter(cursor)));
    assertTrue(e.getMessage().contains("kestrel"), e.getMessage());
  }

  @Test
  void metadataKeysWithDotsStayOneField() {
    assertEquals("meta.team:name", IndexLayout.metadataField("team.name"));
    assertEquals(List.of("a"), List.of(IndexLayout.metadataField("a").substring(5)));
  }
}
