package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.internal.search.SearchPipeline;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index as a program embedding the library uses it: documents built in code. */
class SectionIndexTest {
  @TempDir Path folder;

  private static Document note(String id, LocalDate date, String body) {
    return Document.builder(id).title("Note " + id).date(date).section("Body", body).build();
  }

  @Test
  void documentsBuiltFromSectionsAreSearchable() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("guide")
              .title("Gardening guide")
              .section("Tomatoes", "Tomatoes need sun and regular watering.")
              .section("Roses", "Roses are pruned in early spring.")
              .build());
      index.commit();
      SearchHit hit = index.search("pruning").hits().get(0);
      assertEquals("guide", hit.docId());
      assertEquals("Roses", hit.heading());
      assertEquals(1, hit.ordinal());
      assertEquals("Gardening guide", hit.title());
    }
  }

  @Test
  void changesBecomeVisibleAtCommit() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(note("a", LocalDate.of(2024, 1, 1), "kestrels hover over fields"));
      assertEquals(0, index.search("kestrel").totalHits());
      index.commit();
      assertEquals(1, index.search("kestrel").totalHits());
    }
  }

  @Test
  void addingTheSameDocumentAgainDoesNoWork() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      Document doc = note("a", LocalDate.of(2024, 1, 1), "kestrels hover over fields");
      assertEquals(AddResult.Status.ADDED, index.add(doc).status());
      index.commit();
      assertEquals(AddResult.Status.UNCHANGED, index.add(doc).status());
    }
  }

  @Test
  void addingChangedContentReplacesAllSectionsOfTheDocument() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("a").section("One", "old falcon").section("Two", "old hawk").build());
      index.commit();
      AddResult result = index.add(Document.builder("a").section("One", "new owl").build());
      index.commit();
      assertEquals(AddResult.Status.REPLACED, result.status());
      assertEquals(0, index.search("old").totalHits());
      assertEquals(1, index.search("owl").totalHits());
      assertEquals(1, index.stats().sections());
    }
  }

  @Test
  void deletingRemovesEverySectionOfTheDocument() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(Document.builder("a").section("One", "falcon").section("Two", "falcon").build());
      index.add(Document.builder("b").section("One", "falcon").build());
      index.commit();
      assertTrue(index.delete("a"));
      assertFalse(index.delete("missing"));
      index.commit();
      SearchResults results = index.search("falcon");
      assertEquals(1, results.totalHits());
      assertEquals("b", results.hits().get(0).docId());
    }
  }

  @Test
  void anOnDiskIndexKeepsCommittedDocumentsAcrossReopening() {
    Path path = folder.resolve("index");
    try (SectionIndex index = SectionIndex.open(path)) {
      index.add(note("a", LocalDate.of(2024, 3, 1), "ospreys dive for fish"));
    }
    try (SectionIndex index = EmbeddedIndex.builder().folder(path).readOnly().build()) {
      SearchHit hit = index.search("osprey").hits().get(0);
      assertEquals(Optional.of(LocalDate.of(2024, 3, 1)), hit.date());
      assertTrue(index.isReadOnly());
    }
  }

  @Tag("slow") // indexes until merges happen; runs in verify
  @Test
  void closingLeavesOnlyTheFilesOfTheLastCommit() throws Exception {
    Path path = folder.resolve("index");
    Random random = new Random(20261125L);
    try (SectionIndex index = EmbeddedIndex.builder().folder(path).ramBufferMb(1).build()) {
      // a segment per commit, enough of them that merges still run when the index closes
      for (int i = 0; i < 200; i++) {
        StringBuilder text = new StringBuilder();
        for (int word = 0; word < 8000; word++) {
          text.append("w").append(random.nextInt(20_000)).append(' ');
        }
        index.add(note("n" + i, LocalDate.of(2024, 1, 1), text.toString()));
        if (i % 5 == 4) {
          index.commit();
        }
      }
    }
    try (Directory directory = FSDirectory.open(path)) {
      Set<String> committed = new HashSet<>(SegmentInfos.readLatestCommit(directory).files(true));
      Set<String> leftOver = new HashSet<>(List.of(directory.listAll()));
      leftOver.removeAll(committed);
      leftOver.remove(IndexWriter.WRITE_LOCK_NAME);
      assertEquals(Set.of(), leftOver, "files no commit refers to");
    }
  }

  @Test
  void aReadOnlyIndexSeesNewCommitsWithoutReopening() {
    Path path = folder.resolve("index");
    try (SectionIndex writer = SectionIndex.open(path);
        SectionIndex reader =
            EmbeddedIndex.builder()
                .folder(path)
                .readOnly()
                .refreshInterval(Duration.ZERO)
                .build()) {
      assertEquals(0, reader.search("heron").totalHits());
      writer.add(note("a", LocalDate.of(2024, 3, 1), "a heron waits"));
      writer.commit();
      assertEquals(1, reader.search("heron").totalHits());
    }
  }

  /**
   * A read-only index looks for new commits once a refresh interval, not at every search: looking
   * reads the folder. {@code refresh()} looks at once.
   */
  @Test
  void aReadOnlyIndexLooksForCommitsOnceARefreshIntervalOrWhenRefreshed() throws Exception {
    Path path = folder.resolve("index");
    try (SectionIndex writer = SectionIndex.open(path);
        SectionIndex reader =
            EmbeddedIndex.builder()
                .folder(path)
                .readOnly()
                .refreshInterval(Duration.ofMillis(300))
                .build()) {
      assertEquals(0, reader.search("heron").totalHits());
      writer.add(note("a", LocalDate.of(2024, 3, 1), "a heron waits"));
      writer.commit();
      long committed = System.nanoTime();
      long seen = reader.search("heron").totalHits();
      if (System.nanoTime() - committed < Duration.ofMillis(250).toNanos()) {
        // within the interval: the view the reader opened with
        assertEquals(0, seen);
      }
      reader.refresh();
      assertEquals(1, reader.search("heron").totalHits());
      writer.add(note("b", LocalDate.of(2024, 3, 2), "another heron"));
      writer.commit();
      Thread.sleep(400);
      assertEquals(2, reader.search("heron").totalHits());
    }
  }

  @Test
  void aSecondWriterOnTheSameFolderIsRefusedClearly() {
    Path path = folder.resolve("index");
    try (SectionIndex writer = SectionIndex.open(path)) {
      SectionSearchException e =
          assertThrows(SectionSearchException.class, () -> SectionIndex.open(path));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
      assertFalse(writer.isReadOnly());
    }
  }

  @Test
  void openingAMissingIndexReadOnlyNamesTheFolder() {
    Path path = folder.resolve("nothing-here");
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(path).readOnly().build());
    assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
    assertFalse(java.nio.file.Files.exists(path), "opening to read does not create the folder");
  }

  @Test
  void dateRangeKeepsOnlySectionsDatedWithinIt() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(note("old", LocalDate.of(2020, 5, 1), "swifts migrate"));
      index.add(note("new", LocalDate.of(2024, 5, 1), "swifts migrate"));
      index.add(Document.builder("undated").section("Body", "swifts migrate").build());
      index.commit();
      SearchResults results =
          index.search(SearchRequest.of("swifts").withSince(LocalDate.of(2023, 1, 1)));
      assertEquals(List.of("new"), docIds(results));
    }
  }

  @Test
  void sortingByDatePutsUndatedSectionsLast() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(note("mid", LocalDate.of(2022, 5, 1), "swifts migrate"));
      index.add(Document.builder("undated").section("Body", "swifts migrate").build());
      index.add(note("old", LocalDate.of(2020, 5, 1), "swifts migrate"));
      index.add(note("new", LocalDate.of(2024, 5, 1), "swifts migrate"));
      index.commit();
      assertEquals(
          List.of("new", "mid", "old", "undated"),
          docIds(index.search(SearchRequest.of("swifts").withSort(SortOrder.NEWEST))));
      assertEquals(
          List.of("old", "mid", "new", "undated"),
          docIds(index.search(SearchRequest.of("swifts").withSort(SortOrder.OLDEST))));
    }
  }

  @Test
  void pagingWithTheCursorVisitsEveryHitOnce() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      for (int i = 0; i < 25; i++) {
        index.add(
            note("n" + i, LocalDate.of(2024, 1, 1).plusDays(i), "wrens sing " + "x ".repeat(i)));
      }
      index.commit();
      Set<String> seen = new HashSet<>();
      SearchRequest request = SearchRequest.of("wrens").withLimit(10);
      int pages = 0;
      while (true) {
        SearchResults page = index.search(request);
        assertEquals(25, page.totalHits());
        assertTrue(page.totalHitsExact());
        for (SearchHit hit : page.hits()) {
          assertTrue(seen.add(hit.docId()), "seen twice: " + hit.docId());
        }
        pages++;
        if (page.nextCursor().isEmpty()) {
          break;
        }
        request = request.withAfter(page.nextCursor().get());
      }
      assertEquals(25, seen.size());
      assertEquals(3, pages);
    }
  }

  @Test
  void pagingThroughEqualScoresVisitsEveryHitOnce() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      // several segments, so that ties span them
      for (int i = 0; i < 30; i++) {
        index.add(note("n" + i, LocalDate.of(2024, 1, 1), "wrens sing"));
        if (i % 7 == 6) {
          index.commit();
        }
      }
      index.commit();
      Set<String> seen = new HashSet<>();
      SearchRequest request = SearchRequest.of("wrens").withLimit(10);
      SearchResults page = index.search(request);
      Set<Float> scores = new HashSet<>();
      while (true) {
        for (SearchHit hit : page.hits()) {
          assertTrue(seen.add(hit.docId()), "seen twice: " + hit.docId());
          scores.add(hit.score());
        }
        if (page.nextCursor().isEmpty()) {
          break;
        }
        page = index.search(request.withAfter(page.nextCursor().get()));
      }
      assertEquals(30, seen.size());
      assertEquals(1, scores.size(), "the sections tie: " + scores);
    }
  }

  @Test
  void laterPagesReadTheIndexAsTheFirstPageSawIt() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      for (int i = 0; i < 30; i++) {
        index.add(note("n" + i, LocalDate.of(2024, 1, 1), "wrens sing " + "x ".repeat(i)));
      }
      index.commit();
      SearchRequest request = SearchRequest.of("wrens").withLimit(10);
      SearchResults page = index.search(request);
      Set<String> seen = new HashSet<>();
      while (true) {
        page.hits().forEach(hit -> assertTrue(seen.add(hit.docId()), "seen twice: " + hit.docId()));
        if (page.nextCursor().isEmpty()) {
          break;
        }
        // commits between pages change every score (more documents, other lengths) and add
        // matches; the pages go on through the first page's view all the same
        for (int i = 0; i < 20; i++) {
          String id = "new" + seen.size() + "-" + i;
          index.add(note(id, LocalDate.of(2024, 1, 1), "wrens " + "y ".repeat(i)));
        }
        index.commit();
        page = index.search(request.withAfter(page.nextCursor().get()));
      }
      assertEquals(30, seen.size());
      assertTrue(seen.stream().allMatch(id -> id.startsWith("n")), "" + seen);
      assertEquals(30 + 40, index.search("wrens").totalHits(), "a new search sees the commits");
    }
  }

  @Test
  void aCursorFromAViewNotKeptHereGoesOnInTheCurrentView() {
    Path path = folder.resolve("index");
    try (SectionIndex writer = SectionIndex.open(path)) {
      for (int i = 0; i < 30; i++) {
        writer.add(note("n" + i, LocalDate.of(2024, 1, 1), "wrens sing " + "x ".repeat(i)));
      }
      writer.commit();
      SearchRequest request = SearchRequest.of("wrens").withLimit(10);
      SearchResults first;
      try (SectionIndex reader = EmbeddedIndex.builder().folder(path).readOnly().build()) {
        first = reader.search(request);
      }
      // the view of the first page was the closed reader's; this index never kept it
      SearchResults next = writer.search(request.withAfter(first.nextCursor().orElseThrow()));
      assertEquals(10, next.hits().size());
      Set<String> firstIds = new HashSet<>(docIds(first.hits()));
      assertTrue(next.hits().stream().noneMatch(hit -> firstIds.contains(hit.docId())));
    }
  }

  /** More matching sections than a search counts by default, each scoring differently. */
  private static final int MANY = SearchPipeline.COUNTED_HITS + 500;

  private static void addManyWrens(SectionIndex index) {
    for (int i = 0; i < MANY; i++) {
      index.add(note("w" + i, LocalDate.of(2024, 1, 1), "wrens sing " + "x ".repeat(i % 97)));
    }
    index.commit();
  }

  @Test
  void pastTheCountedHitsTheTotalIsALowerBound() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      addManyWrens(index);
      SearchResults results = index.search("wrens");
      assertFalse(results.totalHitsExact());
      assertTrue(results.totalHits() >= SearchPipeline.COUNTED_HITS, "" + results.totalHits());
      assertTrue(results.totalHits() <= MANY, "" + results.totalHits());
    }
  }

  @Test
  void aLowerBoundTotalLeavesThePageAsAnExactCountWould() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      addManyWrens(index);
      SearchRequest request = SearchRequest.of("wrens").withLimit(20);
      assertEquals(
          docIds(index.search(request.withExactTotal(true)).hits()),
          docIds(index.search(request).hits()));
    }
  }

  @Test
  void anExactTotalCountsEveryMatch() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      addManyWrens(index);
      SearchResults results = index.search(SearchRequest.of("wrens").withExactTotal(true));
      assertTrue(results.totalHitsExact());
      assertEquals(MANY, results.totalHits());
    }
  }

  @Test
  void aForgedCursorIsAClearQueryError() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(note("a", LocalDate.of(2024, 1, 1), "wrens sing"));
      index.commit();
      QueryException e =
          assertThrows(
              QueryException.class,
              () -> index.search(SearchRequest.of("wrens").withAfter("not-a-cursor")));
      assertTrue(e.getMessage().contains("cursor"), e.getMessage());
      assertEquals("wrens", e.query());
    }
  }

  @Test
  void collapsingKeepsTheBestSectionOfEachDocumentAcrossPages() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      for (int i = 0; i < 6; i++) {
        index.add(
            Document.builder("d" + i)
                .section("Weak", "otters " + "filler ".repeat(20))
                .section("Strong", "otters otters otters")
                .build());
      }
      index.commit();
      SearchRequest request = SearchRequest.of("otters").withCollapse(true).withLimit(4);
      SearchResults first = index.search(request);
      SearchResults second = index.search(request.withAfter(first.nextCursor().orElseThrow()));
      assertEquals(6, first.totalHits());
      List<SearchHit> hits = new ArrayList<>(first.hits());
      hits.addAll(second.hits());
      assertEquals(6, hits.size());
      assertEquals(6, new HashSet<>(docIds(hits)).size());
      for (SearchHit hit : hits) {
        assertEquals("Strong", hit.heading());
      }
      assertTrue(second.nextCursor().isEmpty());
    }
  }

  @Test
  void aHeadingBoostRanksHeadingMatchesAboveBodyMentions() {
    // off by default (see DEFAULT_HEADING_BOOST): a heading then counts as the section's text
    try (SectionIndex index = EmbeddedIndex.builder().headingBoost(0.5f).build()) {
      index.add(
          Document.builder("a")
              .section("Care of ferns", "Water them weekly and keep them out of direct sun.")
              .section("Other plants", "Unlike ferns, cacti need little water at all.")
              .build());
      index.commit();
      assertEquals("Care of ferns", index.search("ferns").hits().get(0).heading());
    }
  }

  @Test
  void queryWordsStandingTogetherRankAboveTheSameWordsApart() {
    // the same words in both sections, so only their distance tells them apart
    String apart = "Heart rate rises with exercise; an attack of cramp follows later, doctors say.";
    String near = "Heart attack follows later; rate rises with exercise, of cramp doctors say.";
    for (float proximityBoost : new float[] {IndexSettings.DEFAULT_PROXIMITY_BOOST, 0f}) {
      try (SectionIndex index = EmbeddedIndex.builder().proximityBoost(proximityBoost).build()) {
        index.add(Document.builder("apart").section("Notes", apart).build());
        index.add(Document.builder("near").section("Notes", near).build());
        index.commit();
        List<SearchHit> hits = index.search("heart attack").hits();
        assertEquals(2, hits.size());
        if (proximityBoost > 0) {
          assertEquals("near", hits.get(0).docId());
          assertTrue(hits.get(0).score() > hits.get(1).score());
        } else {
          assertEquals(hits.get(0).score(), hits.get(1).score(), 1e-6);
        }
      }
    }
  }

  @Test
  void aSectionMatchedOnlyByItsHeadingStillGetsAPassage() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("a")
              .section("Pruning", "Cut back in early spring. Remove dead wood first.")
              .build());
      index.commit();
      SearchHit hit = index.search("pruning").hits().get(0);
      assertEquals(1, hit.passages().size());
      assertTrue(hit.passages().get(0).text().startsWith("Cut back in early spring."));
    }
  }

  @Tag("slow") // load test; runs in verify
  @Test
  void searchesRunWhileAnotherThreadIndexes() throws Exception {
    try (SectionIndex index = SectionIndex.open(folder.resolve("index"))) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    index.add(note("n" + i, LocalDate.of(2024, 1, 1), "plovers nest " + i));
                    if (i % 20 == 19) {
                      index.commit();
                    }
                  }
                });
        Future<?> reader =
            pool.submit(
                () -> {
                  long last = 0;
                  while (!writer.isDone()) {
                    long total = index.search("plovers").totalHits();
                    assertTrue(total >= last, "hits went back from " + last + " to " + total);
                    last = total;
                  }
                });
        writer.get(60, TimeUnit.SECONDS);
        reader.get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(200, index.search("plovers").totalHits());
    }
  }

  @Test
  void rawTextIsSplitByItsFormat() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      AddResult result =
          index.add(
              Document.builder("t")
                  .text(
                      "Bird notes\nKestrels\nThey hover over fields while hunting voles.",
                      Format.TEXT)
                  .build());
      index.commit();
      assertEquals(1, result.sections());
      SearchHit hit = index.search("voles").hits().get(0);
      assertEquals("Kestrels", hit.heading());
      assertEquals("Bird notes", hit.title());
    }
  }

  private static List<String> docIds(SearchResults results) {
    return docIds(results.hits());
  }

  private static List<String> docIds(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::docId).toList();
  }
}
