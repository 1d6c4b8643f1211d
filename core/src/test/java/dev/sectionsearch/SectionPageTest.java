package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page a section of a paged document starts on, from the document to the hit and back. */
class SectionPageTest {
  @TempDir Path folder;

  private static Document paged() {
    return Document.builder("manual")
        .section(List.of("Nesting"), "Ospreys build nests on poles.", 1)
        .section(List.of("Fishing"), "Ospreys dive for fish.", 7)
        .build();
  }

  @Test
  void aHitAndAStoredSectionCarryThePageTheSectionStartsOn() {
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).build()) {
      index.add(paged());
      index.add(Document.builder("notes").section("Notes", "Ospreys dive in spring.").build());
      index.refresh();
      List<SearchHit> hits = index.search("dive").hits();
      SearchHit manual = hits.stream().filter(h -> h.docId().equals("manual")).findFirst().get();
      assertEquals(7, manual.page().orElseThrow());
      SearchHit notes = hits.stream().filter(h -> h.docId().equals("notes")).findFirst().get();
      assertTrue(notes.page().isEmpty(), "a document without pages gives none");
      assertEquals(7, index.section("manual", 1).orElseThrow().page());
      assertEquals(0, index.section("notes", 0).orElseThrow().page());
    }
  }

  @Test
  void theSameSectionsOnOtherPagesAreAChange() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      assertEquals(AddResult.Status.ADDED, index.add(paged()).status());
      assertEquals(AddResult.Status.UNCHANGED, index.add(paged()).status());
      Document moved =
          Document.builder("manual")
              .section(List.of("Nesting"), "Ospreys build nests on poles.", 1)
              .section(List.of("Fishing"), "Ospreys dive for fish.", 8)
              .build();
      assertEquals(AddResult.Status.REPLACED, index.add(moved).status());
    }
  }

  @Test
  void aNegativePageIsRefused() {
    Document.Builder builder = Document.builder("manual");
    assertThrows(IllegalArgumentException.class, () -> builder.section(List.of("A"), "text", -1));
  }
}
