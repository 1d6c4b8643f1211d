package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Related sections through the API on an on-disk index, with and without vectors. */
class RelatedSectionsTest {
  @TempDir Path dir;

  private static List<Document> corpus() {
    return List.of(
        Document.builder("trains")
            .title("Rail travel")
            .section(
                "Night trains",
                "Night trains run sleeper carriages between capitals. A sleeper berth on the"
                    + " night train saves a hotel; the carriages leave the station late.")
            .section(
                "Tickets",
                "Rail tickets are cheapest when booked early; a rail pass covers many trains.")
            .build(),
        Document.builder("sleepers")
            .title("Europe by rail")
            .section(
                "Sleeper services",
                "Sleeper carriages on night trains: each berth has a blanket, and the train"
                    + " reaches the station at dawn.")
            .build(),
        Document.builder("baking")
            .title("Bread")
            .section(
                "Sourdough",
                "Sourdough bread rises overnight; the starter feeds on flour and water, and the"
                    + " loaf bakes in a hot oven.")
            .section("Rye", "Rye bread is dense; rye flour holds water, so the dough is sticky.")
            .build(),
        Document.builder("stations")
            .title("Architecture")
            .section(
                "Old stations",
                "The station hall has a glass roof; trains arrive under it. A hotel faces the"
                    + " station square.")
            .build());
  }

  private static List<String> sections(SearchResults results) {
    List<String> ids = new ArrayList<>();
    for (SearchHit hit : results.hits()) {
      ids.add(hit.docId() + "#" + hit.ordinal());
    }
    return ids;
  }

  private SectionIndex open(boolean vectors) {
    Path folder = dir.resolve(vectors ? "with-vectors" : "index");
    SectionIndex index =
        vectors
            ? EmbeddedIndex.builder()
                .folder(folder)
                .embedder(new SectionIndexContract.WordHashEmbedder())
                .build()
            : SectionIndex.open(folder);
    corpus().forEach(index::add);
    index.commit();
    return index;
  }

  @Test
  void aSectionOnTheSameTopicRanksFirstAndTheSectionItselfIsNeverReturned() {
    try (SectionIndex index = open(false)) {
      SearchResults related = index.related("trains", 0, 10);
      List<String> found = sections(related);
      assertFalse(found.contains("trains#0"), found.toString());
      assertEquals("sleepers#0", found.get(0), found.toString());
      // bread shares no telling word with sleeper trains
      assertFalse(found.contains("baking#0"), found.toString());
      assertTrue(
          found.indexOf("stations#0") > found.indexOf("sleepers#0"),
          "a section mentioning trains and stations ranks below one about sleeper trains: "
              + found);
      // the words searched are the section's own, the rarest and most used first
      assertTrue(related.query().contains("sleeper"), related.query());
      assertFalse(related.query().contains("the"), related.query());
      // hits show the shared words
      SearchHit first = related.hits().get(0);
      assertFalse(first.passages().isEmpty());
      assertFalse(first.passages().get(0).highlights().isEmpty(), first.passages().toString());
    }
  }

  @Test
  void theLimitCutsTheHitsAndBreadFindsBread() {
    try (SectionIndex index = open(false)) {
      assertEquals(1, index.related("trains", 0, 1).hits().size());
      List<String> found = sections(index.related("baking", 1, 10));
      assertEquals("baking#0", found.get(0), found.toString());
      assertFalse(found.contains("baking#1"), found.toString());
    }
  }

  @Test
  void anUnknownSectionIsRefusedNamingIt() {
    try (SectionIndex index = open(false)) {
      IllegalArgumentException noDocument =
          assertThrows(IllegalArgumentException.class, () -> index.related("planes", 0, 5));
      assertEquals("document planes has no section 0", noDocument.getMessage());
      IllegalArgumentException noSection =
          assertThrows(IllegalArgumentException.class, () -> index.related("trains", 7, 5));
      assertEquals("document trains has no section 7", noSection.getMessage());
      assertThrows(IllegalArgumentException.class, () -> index.related("trains", 0, 0));
    }
  }

  @Test
  void withVectorsTheSectionsNearInMeaningJoinAndTheSectionItselfStaysOut() {
    try (SectionIndex index = open(true)) {
      SearchResults related = index.related("trains", 0, 10);
      List<String> found = sections(related);
      assertFalse(found.contains("trains#0"), found.toString());
      assertEquals("sleepers#0", found.get(0), found.toString());
      // the nearest by meaning join the candidates: every other section has a vector
      assertEquals(5, found.size(), found.toString());
      assertFalse(related.totalHitsExact());
    }
  }
}
