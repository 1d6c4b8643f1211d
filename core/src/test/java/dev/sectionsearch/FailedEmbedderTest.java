package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An indexing run whose model cannot be loaded leaves an index that a later run can use. */
class FailedEmbedderTest {
  @TempDir Path folder;

  /** A model that never loads. */
  private static final class Unloadable implements Embedder {
    @Override
    public String modelId() {
      return "test/unloadable";
    }

    @Override
    public int dimensions() {
      return 4;
    }

    @Override
    public float[][] embed(List<String> texts) {
      throw new SectionSearchException("the embedding model test/unloadable could not be loaded");
    }
  }

  private static Document note(String id) {
    return Document.builder(id).title("Note " + id).section("Body", "a heron waits").build();
  }

  @Test
  void anEmptyIndexLeftByAFailedRunWithAModelIsWrittenWithoutOne() {
    Path path = folder.resolve("index");
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(path).embedder(new Unloadable()).build()) {
      SectionSearchException e =
          assertThrows(SectionSearchException.class, () -> index.add(note("a")));
      assertEquals("the embedding model test/unloadable could not be loaded", e.getMessage());
    }
    try (SectionIndex index = SectionIndex.open(path)) {
      index.add(note("a"));
      index.commit();
      assertEquals(1, index.search("heron").totalHits());
    }
    try (SectionIndex index = SectionIndex.open(path)) {
      assertEquals(1, index.search("heron").totalHits(), "the index is plain now");
    }
  }

  @Test
  void anIndexWithSectionsStillRefusesWritingWithoutItsModel() {
    Path path = folder.resolve("index");
    try (SectionIndex index = SectionIndex.open(path)) {
      index.add(note("a"));
    }
    try (SectionIndex index = EmbeddedIndex.builder().folder(path).build()) {
      assertEquals(1, index.search("heron").totalHits());
    }
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(path).embedder(new Unloadable()).build());
    assertEquals(true, e.getMessage().contains("without an embedding model"), e.getMessage());
  }
}
