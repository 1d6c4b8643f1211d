package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.passage.SemanticPassages;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an index gives its embedder to read. */
class EmbeddedTextTest {
  @Test
  void aHugeSectionIsEmbeddedAsItsFirstChunksEachWithTitleAndHeading() {
    RecordingEmbedder embedder = new RecordingEmbedder();
    String sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
    String huge = sentence.repeat(4_000_000 / sentence.length());
    try (SectionIndex index = EmbeddedIndex.builder().embedder(embedder).build()) {
      index.add(Document.builder("log").title("Server log").section("All", huge).build());
      index.commit();
      List<String> texts = embedder.texts;
      assertEquals(SemanticPassages.MAX_CHUNKS, texts.size(), "the section's first chunks");
      for (String text : texts) {
        assertTrue(text.startsWith("Server log\nAll\nLorem ipsum"), text);
        assertTrue(text.length() <= SemanticPassages.WINDOW_CHARS, text);
        assertTrue(text.endsWith("elit."), "whole sentences: " + text);
      }
      assertEquals(
          1, index.search(SearchRequest.of("server").withMode(SearchMode.SEMANTIC)).hits().size());
      assertEquals(1, index.stats().sections(), "chunks are not sections");
    }
  }

  @Test
  void aSurrogatePairAtAChunkLimitIsNotCut() {
    RecordingEmbedder embedder = new RecordingEmbedder();
    int chunk = SemanticPassages.chunkChars("T\nH");
    // no space to cut at: the limit falls inside the emoji
    String text = "a".repeat(chunk - 1) + "\uD83D\uDE00" + "b".repeat(100);
    try (SectionIndex index = EmbeddedIndex.builder().embedder(embedder).build()) {
      index.add(Document.builder("e").title("T").section("H", text).build());
      assertEquals(2, embedder.texts.size());
      String first = embedder.texts.get(0);
      assertEquals("T\nH\n" + "a".repeat(chunk - 1), first);
      assertTrue(embedder.texts.get(1).startsWith("T\nH\n\uD83D\uDE00b"), embedder.texts.get(1));
    }
  }

  /** Records what it is given; every text gets the same direction. */
  private static final class RecordingEmbedder implements Embedder {
    final List<String> texts = new ArrayList<>();

    @Override
    public String modelId() {
      return "test/recording";
    }

    @Override
    public int dimensions() {
      return 4;
    }

    @Override
    public synchronized float[][] embed(List<String> batch) {
      texts.addAll(batch);
      float[][] vectors = new float[batch.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = new float[] {1, 0.5f, 0.25f, i};
      }
      return vectors;
    }
  }
}
