package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When added documents become visible to searches (within the refresh interval, before they are
 * durable) and when they become durable (at commit); and what an index remembers of how it was
 * written.
 */
class VisibilityTest {
  @TempDir Path folder;

  private static Document note(String id, String text) {
    return Document.builder(id).section("Note", text).build();
  }

  @Test
  void addedDocumentsAreSeenAfterTheRefreshIntervalWithoutACommit() throws Exception {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).refreshInterval(Duration.ofMillis(200)).build()) {
      index.add(note("owl", "barn owls hunt at night"));
      Thread.sleep(250);
      assertEquals(1, index.search("owls").totalHits());
    }
  }

  @Test
  void aZeroIntervalShowsEveryChangeToTheNextSearch() {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).refreshInterval(Duration.ZERO).build()) {
      index.add(note("owl", "barn owls hunt at night"));
      assertEquals(1, index.search("owls").totalHits());
      index.delete("owl");
      assertEquals(0, index.search("owls").totalHits());
    }
  }

  @Test
  void refreshShowsChangesAtOnce() {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).refreshInterval(Duration.ofHours(1)).build()) {
      index.search("owls"); // a view from before the add
      index.add(note("owl", "barn owls hunt at night"));
      assertEquals(0, index.search("owls").totalHits(), "not yet refreshed");
      index.refresh();
      assertEquals(1, index.search("owls").totalHits());
    }
  }

  @Test
  void aVisibleChangeIsNotDurableUntilCommitted() {
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).refreshInterval(Duration.ZERO).build()) {
      index.add(note("kept", "committed owls"));
      index.commit();
      index.add(note("pending", "uncommitted owls"));
      assertEquals(2, index.search("owls").totalHits());
      // another process sees the index as it is on disk: the last commit
      try (SectionIndex reader = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
        assertEquals(1, reader.search("owls").totalHits());
      }
      index.commit();
      try (SectionIndex reader = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
        assertEquals(2, reader.search("owls").totalHits());
      }
    }
  }

  @Test
  void anIndexRefusesToOpenWithAnotherAnalyzerAndNamesBoth() {
    try (SectionIndex index = SectionIndex.open(folder)) {
      index.add(note("owl", "barn owls hunt at night"));
    }
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(folder).analyzer(new StandardAnalyzer()).build());
    assertTrue(e.getMessage().contains("StandardAnalyzer"), e.getMessage());
    assertTrue(e.getMessage().contains("SectionAnalyzer"), e.getMessage());
    assertThrows(
        SectionSearchException.class,
        () ->
            EmbeddedIndex.builder()
                .folder(folder)
                .readOnly()
                .analyzer(new StandardAnalyzer())
                .build());
    // the default analyzer again is the same analyzer
    try (SectionIndex again = EmbeddedIndex.builder().folder(folder).build()) {
      assertEquals(1, again.search("owls").totalHits());
    }
  }

  @Test
  void anAnalyzerOfTheSameClassConfiguredOtherwiseIsRefusedToo() {
    try (SectionIndex index = SectionIndex.open(folder)) {
      index.add(note("owl", "the barn owls hunt at night"));
    }
    assertThrows(
        SectionSearchException.class,
        () ->
            EmbeddedIndex.builder()
                .folder(folder)
                .analyzer(new EnglishAnalyzer(CharArraySet.EMPTY_SET))
                .build());
  }
}
