package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuse of the API fails at once, with the library's own exception and a message, never later or
 * silently: nulls, out-of-range values, contradictory content, writes to a read-only index, use
 * after close.
 */
class ApiMisuseTest {
  @TempDir Path folder;

  private static void refused(Class<? extends Throwable> type, Executable call) {
    Throwable thrown = assertThrows(type, call);
    if (thrown.getMessage() == null || thrown.getMessage().isBlank()) {
      throw new AssertionError("no message: " + thrown);
    }
  }

  @Test
  void theIndexBuilderRefusesNullsAndBadBounds() {
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder();
    refused(NullPointerException.class, () -> builder.folder(null));
    refused(NullPointerException.class, () -> builder.analyzer(null));
    refused(NullPointerException.class, () -> builder.refreshInterval(null));
    refused(IllegalArgumentException.class, () -> builder.refreshInterval(Duration.ofSeconds(-1)));
    refused(IllegalArgumentException.class, () -> builder.titleBoost(-1f));
    refused(IllegalArgumentException.class, () -> builder.headingBoost(Float.NaN));
    refused(IllegalArgumentException.class, () -> builder.proximityBoost(Float.POSITIVE_INFINITY));
    refused(IllegalArgumentException.class, () -> builder.maxFileBytes(0));
    refused(IllegalArgumentException.class, () -> builder.indexingThreads(0));
    refused(IllegalArgumentException.class, () -> builder.ramBufferMb(0.5));
  }

  @Test
  void aRequestRefusesNullsAndBadBounds() {
    SearchRequest request = SearchRequest.of("owls");
    refused(NullPointerException.class, () -> SearchRequest.of(null));
    refused(IllegalArgumentException.class, () -> request.withLimit(0));
    refused(IllegalArgumentException.class, () -> request.withLimit(SearchRequest.MAX_LIMIT + 1));
    refused(IllegalArgumentException.class, () -> request.withMaxPassages(-1));
    refused(IllegalArgumentException.class, () -> request.withMaxPassages(11));
    refused(NullPointerException.class, () -> request.withSince(null));
    refused(NullPointerException.class, () -> request.withSort(null));
    refused(NullPointerException.class, () -> request.withAfter(null));
    refused(
        IllegalArgumentException.class,
        () -> request.withSince(LocalDate.of(2024, 2, 1)).withUntil(LocalDate.of(2024, 1, 1)));
    refused(IllegalArgumentException.class, () -> request.withFilter("tags", List.of()));
    refused(NullPointerException.class, () -> request.withFilter("tags", (String) null));
    refused(NullPointerException.class, () -> request.withFacets((String) null));
  }

  @Test
  void aDocumentNeedsExactlyOneKindOfContent() {
    refused(IllegalStateException.class, () -> Document.builder("empty").build());
    refused(
        IllegalStateException.class,
        () ->
            Document.builder("both")
                .text("Owls.", Format.TEXT)
                .section("Owls", "Owls hunt.")
                .build());
    refused(IllegalArgumentException.class, () -> Document.builder(" "));
    refused(NullPointerException.class, () -> Document.builder(null));
    refused(NullPointerException.class, () -> Document.builder("x").title(null));
    refused(NullPointerException.class, () -> Document.builder("x").text("Owls.", null));
  }

  @Test
  void aReadOnlyIndexRefusesWrites() {
    try (SectionIndex writer = SectionIndex.open(folder)) {
      writer.add(Document.builder("owl").section("Owls", "Owls hunt.").build());
    }
    try (SectionIndex reader = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
      Document owl = Document.builder("owl2").section("Owls", "Owls hunt.").build();
      refused(IllegalStateException.class, () -> reader.add(owl));
      refused(IllegalStateException.class, () -> reader.delete("owl"));
      refused(IllegalStateException.class, reader::commit);
      // refreshing reads: it looks for a newer commit
      reader.refresh();
    }
  }

  @Test
  void aClosedIndexSaysSo() {
    SectionIndex index = SectionIndex.inMemory();
    index.close();
    refused(SectionSearchException.class, () -> index.search("owls"));
    refused(
        SectionSearchException.class,
        () -> index.add(Document.builder("owl").section("Owls", "Owls hunt.").build()));
    refused(SectionSearchException.class, index::commit);
  }

  @Test
  void nullsIntoAnOpenIndexAreRefused() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      refused(NullPointerException.class, () -> index.add((Document) null));
      refused(NullPointerException.class, () -> index.search((SearchRequest) null));
      refused(NullPointerException.class, () -> index.delete(null));
      refused(NullPointerException.class, () -> index.get(null));
    }
  }
}
