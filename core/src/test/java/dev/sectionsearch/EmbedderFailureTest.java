package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A failing or misdeclared embedder is named as such, never as a corrupt index (issue 24). */
class EmbedderFailureTest {
  @TempDir Path folder;

  /** An embedder of four dimensions whose vectors {@code vector} gives, per text. */
  private record Model(int dimensions, Function<String, float[]> vector) implements Embedder {
    @Override
    public String modelId() {
      return "test/model";
    }

    @Override
    public float[][] embed(List<String> texts) {
      return texts.stream().map(vector).toArray(float[][]::new);
    }
  }

  private static float[] fine(String text) {
    return new float[] {1, text.length(), 0.5f, 0.25f};
  }

  @Test
  void anEmbedderThatThrowsOnTheQueryIsNamedNotTheIndex() {
    Path path = folder.resolve("index");
    try (SectionIndex index =
        EmbeddedIndex.builder()
            .folder(path)
            .embedder(new Model(4, EmbedderFailureTest::fine))
            .build()) {
      index.add(Document.builder("a").section("Herons", "A heron waits by the pond.").build());
      index.commit();
    }
    Function<String, float[]> failing =
        text -> {
          if (text.contains("heron")) {
            throw new IllegalStateException("model server unreachable");
          }
          return fine(text);
        };
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(path).embedder(new Model(4, failing)).build()) {
      SectionSearchException e =
          assertThrows(SectionSearchException.class, () -> index.search("heron"));
      assertTrue(e.getMessage().contains("embedder test/model failed"), e.getMessage());
      assertTrue(e.getMessage().contains("model server unreachable"), e.getMessage());
      assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
      // the index itself is fine: a lexical search still answers
      index.search(SearchRequest.of("heron").withMode(dev.sectionsearch.search.SearchMode.LEXICAL));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3, 5000})
  void dimensionsLuceneCannotIndexAreRefusedAtBuild(int dimensions) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EmbeddedIndex.builder()
                    .folder(folder.resolve("index"))
                    .embedder(new Model(dimensions, EmbedderFailureTest::fine))
                    .build());
    assertTrue(e.getMessage().contains(dimensions + " dimensions"), e.getMessage());
  }

  @Test
  void aVectorOfSubnormalNumbersIsNormalisedOrRefusedClearly() {
    float[] tiny = new float[4];
    Arrays.fill(tiny, Float.MIN_VALUE);
    try (SectionIndex index =
        EmbeddedIndex.builder().embedder(new Model(4, text -> tiny.clone())).build()) {
      index.add(Document.builder("a").section("Herons", "A heron waits by the pond.").build());
      index.commit();
      assertTrue(index.search("heron").totalHits() >= 1);
    }
    float[] infinite = {Float.POSITIVE_INFINITY, 1, 1, 1};
    try (SectionIndex index =
        EmbeddedIndex.builder().embedder(new Model(4, text -> infinite.clone())).build()) {
      SectionSearchException e =
          assertThrows(
              SectionSearchException.class,
              () -> index.add(Document.builder("a").section("Herons", "A heron waits.").build()));
      assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }
  }
}
