package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings both backends share are checked once, and what an index can do is data. */
class IndexSettingsTest {
  @Test
  void theEmbeddedBuilderRefusesBm25ParametersByTheSharedRule() {
    // the embedded builder used to pass these to Lucene, which refused them in its own words, while
    // the OpenSearch builder gave this message: one rule now, the same message on both
    for (float[] bad :
        new float[][] {{-1f, 0.75f}, {1.2f, 2f}, {Float.NaN, 0.75f}, {1.2f, -0.1f}}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> EmbeddedIndex.builder().bm25(bad[0], bad[1]));
      assertEquals("BM25 needs k1 >= 0 and b in [0, 1]: " + bad[0] + ", " + bad[1], e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> EmbeddedIndex.builder().bm25(Float.POSITIVE_INFINITY, 0.75f));
  }

  @Test
  void eachSettingIsCheckedNamingIt() {
    IndexSettings s = IndexSettings.DEFAULTS;
    assertTrue(message(() -> s.withTitleBoost(-1)).contains("titleBoost"));
    assertTrue(message(() -> s.withHeadingBoost(Float.NaN)).contains("headingBoost"));
    assertTrue(message(() -> s.withProximityBoost(Float.POSITIVE_INFINITY)).contains("proximity"));
    assertTrue(message(() -> s.withMaxQueryWords(0)).contains("maxQueryWords"));
    assertTrue(message(() -> s.withMaxFileBytes(0)).contains("maxFileBytes"));
    assertTrue(message(() -> s.withRefreshInterval(Duration.ofSeconds(-1))).contains("refresh"));
  }

  @Test
  void settingsAreValuesAndTheBuilderSettersChangeOneEach() {
    IndexSettings tuned =
        IndexSettings.DEFAULTS.withBm25(0.9f, 0.4f).withTitleBoost(1).withMaxQueryWords(8);
    assertEquals(1.2f, IndexSettings.DEFAULTS.k1(), "with... leaves the value unchanged");
    assertEquals(
        tuned, IndexSettings.DEFAULTS.withMaxQueryWords(8).withTitleBoost(1).withBm25(0.9f, 0.4f));
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder().bm25(0.9f, 0.4f).titleBoost(1);
    builder.maxQueryWords(8);
    assertEquals(tuned, builder.settings);
    assertEquals(tuned, EmbeddedIndex.builder().settings(tuned).settings);
  }

  @Test
  void theSettingsReachTheIndex() {
    // a one-word query limit is applied: the second word is dropped and the results say so
    try (SectionIndex index =
        EmbeddedIndex.builder()
            .settings(IndexSettings.DEFAULTS.withMaxQueryWords(1))
            .refreshInterval(Duration.ZERO)
            .build()) {
      index.add(Document.builder("a").title("A").text("zebra lion", Format.TEXT).build());
      assertFalse(index.search("zebra lion").notes().isEmpty());
    }
  }

  @Test
  void anIndexSaysWhichModesItRuns(@TempDir Path folder) {
    try (SectionIndex index = EmbeddedIndex.builder().build()) {
      assertEquals(Set.of(SearchMode.LEXICAL), index.capabilities().searchModes());
      assertTrue(index.capabilities().typoTolerance());
      assertTrue(index.capabilities().suggestions());
      assertTrue(index.capabilities().folderOptions());
      // the refusal stays for a caller that did not look
      assertThrows(
          QueryException.class,
          () -> index.search(SearchRequest.of("x").withMode(SearchMode.SEMANTIC)));
    }
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(new Fixed()).build()) {
      assertEquals(Set.of(SearchMode.values()), index.capabilities().searchModes());
      index.add(Document.builder("a").title("A").text("text", Format.TEXT).build());
    }
    // written with vectors, opened read-only without the model: words only
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
      assertFalse(index.capabilities().supports(SearchMode.HYBRID));
      assertTrue(index.capabilities().supports(SearchMode.LEXICAL));
    }
  }

  @Test
  void capabilitiesAlwaysIncludeLexicalSearch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Capabilities(Set.of(SearchMode.SEMANTIC), false, false, false));
  }

  private static String message(Supplier<IndexSettings> call) {
    return assertThrows(IllegalArgumentException.class, call::get).getMessage();
  }

  private static final class Fixed implements Embedder {
    @Override
    public String modelId() {
      return "test/fixed";
    }

    @Override
    public int dimensions() {
      return 2;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] vectors = new float[texts.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = new float[] {1, 0};
      }
      return vectors;
    }
  }
}
