package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an index gives its embedder to read. */
class EmbeddedTextTest {
  @Test
  void aHugeSectionIsEmbeddedFromItsFirst8192Characters() {
    RecordingEmbedder embedder = new RecordingEmbedder();
    String sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
    String huge = sentence.repeat(4_000_000 / sentence.length());
    try (SectionIndex index = SectionIndex.builder().embedder(embedder).build()) {
      index.add(Document.builder("log").title("Server log").section("All", huge).build());
      index.commit();
      List<String> texts = embedder.texts;
      assertEquals(1 + 6, texts.size(), "the section and its first six runs");
      assertEquals(8192, texts.get(0).length());
      assertTrue(texts.get(0).startsWith("Server log\nAll\nLorem ipsum"), texts.get(0));
      assertEquals(
          1, index.search(SearchRequest.of("server").withMode(SearchMode.SEMANTIC)).hits().size());
    }
  }

  @Test
  void aSurrogatePairAtTheLimitIsNotCut() {
    RecordingEmbedder embedder = new RecordingEmbedder();
    // the title and headings are "T\nH\n": 4 characters, so the limit falls inside the emoji
    String text = "a".repeat(8192 - 4 - 1) + "\uD83D\uDE00" + " tail";
    try (SectionIndex index = SectionIndex.builder().embedder(embedder).build()) {
      index.add(Document.builder("e").title("T").section("H", text).build());
      String embedded = embedder.texts.get(0);
      assertEquals(8191, embedded.length());
      assertTrue(Character.isLetter(embedded.charAt(embedded.length() - 1)), embedded);
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
