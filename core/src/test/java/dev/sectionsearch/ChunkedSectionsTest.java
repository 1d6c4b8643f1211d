package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every part of a section is findable by meaning: its chunks' vectors are stored with it, replaced
 * and deleted with it, and counted as nothing but the section. The embedder here reads a window of
 * words, as a real model does, and knows a few concepts, so that what it finds is predictable.
 */
class ChunkedSectionsTest {
  @TempDir Path folder;

  /** About 2,600 characters on one subject, then the only sentence on another. */
  private static final String LONG =
      "The river turns the wheel of the old mill every day. ".repeat(50)
          + "Behind the mill a hangar keeps a zeppelin, the last dirigible of the valley.";

  private static Document longDocument(String id, String topic) {
    return Document.builder(id)
        .title("Valley history")
        .date(LocalDate.of(2020, 1, 1))
        .metadata("topic", topic)
        .section("The mill", LONG)
        .section("Bakery", "The baker kneads the dough before dawn.")
        .build();
  }

  private static Document distractor() {
    // one sentence on the subject, among two others: nearer the query than the mill's
    // opening, farther than the hangar sentence
    return Document.builder("fair")
        .title("Fair")
        .metadata("topic", "fun")
        .section("Fair", "Balloons at the festival, bread from the oven, and a zeppelin overhead.")
        .build();
  }

  @Test
  void aSentenceAtTheEndOfALongSectionFindsItAndIsItsPassage() {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(new ConceptEmbedder()).build()) {
      index.add(longDocument("valley", "history"));
      index.add(distractor());
      index.commit();
      SearchResults results =
          index.search(
              SearchRequest.of("airship").withMode(SearchMode.SEMANTIC).withMaxPassages(1));
      SearchHit first = results.hits().get(0);
      assertEquals("valley", first.docId(), results.hits().toString());
      assertEquals("The mill", first.heading());
      assertEquals(1, first.passages().size());
      Passage passage = first.passages().get(0);
      assertTrue(passage.semantic(), passage.toString());
      assertTrue(passage.text().endsWith("the last dirigible of the valley."), passage.text());
      assertTrue(passage.start() > 2000, "from the section's end: " + passage.start());
      assertEquals(
          "valley", index.search(SearchRequest.of("airship")).hits().get(0).docId(), "hybrid");
    }
  }

  @Test
  void replacingOrDeletingADocumentLeavesNoChunkBehind() throws IOException {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(new ConceptEmbedder()).build()) {
      index.add(longDocument("valley", "history"));
      index.add(distractor());
      index.commit();
      int chunks = chunksOf(LONG) + 1 + 1;
      assertEquals(3 + chunks, liveDocuments(false), "sections and their chunks");
      assertEquals(chunks, liveDocuments(true));
      assertEquals(3, index.stats().sections());
      assertEquals(2, index.stats().documents());

      index.add(
          Document.builder("valley")
              .title("Valley history")
              .section("Bakery", "The baker kneads the dough before dawn.")
              .build());
      index.commit();
      assertEquals(2 + 2, liveDocuments(false), "the mill's chunks went with it");
      assertEquals(2, liveDocuments(true));

      assertTrue(index.delete("valley"));
      index.commit();
      assertEquals(1 + 1, liveDocuments(false));
      assertEquals(1, liveDocuments(true));
      assertEquals(1, index.stats().sections());
      assertTrue(index.get("valley").isEmpty());
    }
  }

  @Test
  void filtersCountsAndFacetsSeeSectionsNotChunks() {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(new ConceptEmbedder()).build()) {
      index.add(longDocument("valley", "history"));
      index.add(longDocument("other", "other"));
      index.add(distractor());
      index.commit();

      SearchResults filtered =
          index.search(
              SearchRequest.of("airship")
                  .withMode(SearchMode.SEMANTIC)
                  .withFilter("topic", "other")
                  .withFacets("topic"));
      assertEquals(2, filtered.hits().size(), filtered.hits().toString());
      assertEquals("other", filtered.hits().get(0).docId());
      assertEquals("The mill", filtered.hits().get(0).heading());
      assertEquals(2, filtered.totalHits());
      assertEquals(Map.of("other", 2L), filtered.facets().get("topic"));

      SearchResults dated =
          index.search(
              SearchRequest.of("airship")
                  .withMode(SearchMode.SEMANTIC)
                  .withUntil(LocalDate.of(2021, 1, 1)));
      assertEquals(4, dated.hits().size(), "the dated sections only");

      SearchResults required =
          index.search(SearchRequest.of("airship +baker").withMode(SearchMode.SEMANTIC));
      assertEquals(2, required.hits().size());
      assertTrue(required.hits().stream().allMatch(h -> h.heading().equals("Bakery")));

      SearchResults all = index.search(SearchRequest.browse().withFacets("topic"));
      assertEquals(5, all.totalHits());
      assertEquals(Map.of("history", 2L, "other", 2L, "fun", 1L), all.facets().get("topic"));
      SearchResults collapsed =
          index.search(
              SearchRequest.of("airship").withMode(SearchMode.SEMANTIC).withCollapse(true));
      assertEquals(3, collapsed.totalHits(), "documents");
      assertEquals(3, index.search(SearchRequest.of("-dough")).totalHits(), "exclusions only");
      assertEquals(2, index.get("valley").orElseThrow().sections().size());
    }
  }

  private static int chunksOf(String text) {
    return dev.sectionsearch.internal.passage.SemanticPassages.chunks(
            text,
            dev.sectionsearch.internal.passage.SemanticPassages.chunkChars(
                "Valley history\nThe mill"))
        .size();
  }

  private int liveDocuments(boolean chunksOnly) throws IOException {
    try (FSDirectory directory = FSDirectory.open(folder);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      return chunksOnly
          ? new IndexSearcher(reader).count(new FieldExistsQuery("vector"))
          : reader.numDocs();
    }
  }

  /**
   * Reads the first 120 words of a text, as a model reads its window, and knows four concepts: a
   * vector has a small constant component and a 1 for each concept it saw.
   */
  static final class ConceptEmbedder implements Embedder {
    private static final List<List<String>> CONCEPTS =
        List.of(
            List.of("zeppelin", "dirigible", "airship"),
            List.of("river", "mill", "wheel"),
            List.of("bread", "dough", "oven", "baker"),
            List.of("balloons", "festival"));

    @Override
    public String modelId() {
      return "test/concepts";
    }

    @Override
    public int dimensions() {
      return 1 + CONCEPTS.size();
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] vectors = new float[texts.size()][];
      for (int t = 0; t < vectors.length; t++) {
        float[] vector = new float[dimensions()];
        vector[0] = 0.1f;
        String[] words = texts.get(t).toLowerCase(Locale.ROOT).split("[^a-z]+", -1);
        for (int w = 0; w < Math.min(120, words.length); w++) {
          for (int c = 0; c < CONCEPTS.size(); c++) {
            if (CONCEPTS.get(c).contains(words[w])) {
              vector[1 + c] = 1;
            }
          }
        }
        vectors[t] = vector;
      }
      return vectors;
    }
  }
}
