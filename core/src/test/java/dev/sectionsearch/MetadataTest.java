package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key/value metadata: read from files and code, returned on hits, filtered on and counted. */
class MetadataTest {
  @TempDir Path folder;

  private SectionIndex index;

  @BeforeEach
  void open() {
    index = SectionIndex.inMemory();
  }

  @AfterEach
  void close() {
    index.close();
  }

  private void addNote(String id, LocalDate date, String text, String... tagsThenAuthor) {
    Document.Builder note = Document.builder(id).date(date).section("Note", text);
    note.metadata("tags", List.of(tagsThenAuthor).subList(0, tagsThenAuthor.length - 1));
    note.metadata("author", tagsThenAuthor[tagsThenAuthor.length - 1]);
    index.add(note.build());
  }

  private void addNotes() {
    addNote("a", LocalDate.of(2022, 3, 1), "owls hunt voles", "birds", "night", "ann");
    addNote("b", LocalDate.of(2023, 6, 1), "owls nest in barns", "birds", "bob");
    addNote("c", LocalDate.of(2024, 1, 5), "bats hunt moths", "mammals", "night", "ann");
    addNote("d", LocalDate.of(2024, 9, 9), "voles dig tunnels", "mammals", "bob");
    index.commit();
  }

  private static List<String> ids(SearchResults results) {
    return results.hits().stream().map(SearchHit::docId).toList();
  }

  @Test
  void frontMatterKeysAndListsBecomeMetadata() throws IOException {
    Path file = folder.resolve("owls.md");
    Files.writeString(
        file,
        """
        ---
        title: Owls
        date: 2024-02-03
        tags: [birds, "night hunters"]
        author: Ann Smith
        categories:
          - field notes
          - nature
        ---
        # Owls

        Barn owls hunt at night.
        """);
    index.add(file);
    index.commit();
    SearchHit hit = index.search("owls").hits().get(0);
    assertEquals(
        Map.of(
            "tags", List.of("birds", "night hunters"),
            "author", List.of("Ann Smith"),
            "categories", List.of("field notes", "nature")),
        hit.metadata());
    assertEquals(LocalDate.of(2024, 2, 3), hit.date().orElseThrow());
  }

  @Test
  void aKeyGivenAsAValueAndThenAsAListKeepsBoth() throws IOException {
    // a fuzzing finding: the second form added to the first's unmodifiable list
    Path file = folder.resolve("twice.md");
    Files.writeString(file, "---\ntags: birds\ntags:\n  - owls\n---\nOwls hunt at night.\n");
    index.add(file);
    index.commit();
    assertEquals(
        Map.of("tags", List.of("birds", "owls")), index.search("owls").hits().get(0).metadata());
  }

  @Test
  void htmlMetaNamesBecomeMetadataAndKeywordsAreSplit() throws IOException {
    Path file = folder.resolve("gulls.html");
    Files.writeString(
        file,
        """
        <html><head><title>Gulls</title>
        <meta name="keywords" content="birds, coast ,sea">
        <meta name="Author" content="Bob Jones">
        <meta name="viewport" content="width=device-width">
        </head><body><p>Gulls follow boats.</p></body></html>
        """);
    index.add(file);
    index.commit();
    assertEquals(
        Map.of("keywords", List.of("birds", "coast", "sea"), "author", List.of("Bob Jones")),
        index.search("gulls").hits().get(0).metadata());
  }

  @Test
  void metadataSetInCodeWinsOverTheFilesKeyByKey() throws IOException {
    Path file = folder.resolve("owls.md");
    Files.writeString(file, "---\ntags: [birds]\nauthor: Ann\n---\nOwls hunt at night.\n");
    index.add(
        Document.builder("owls")
            .text(Files.readString(file), dev.sectionsearch.document.Format.MARKDOWN)
            .metadata("author", "Editor")
            .build());
    index.commit();
    assertEquals(
        Map.of("tags", List.of("birds"), "author", List.of("Editor")),
        index.search("owls").hits().get(0).metadata());
  }

  @Test
  void aFilterKeepsSectionsWithAnyOfItsValues() {
    addNotes();
    // "d" has voles too, but is tagged mammals; "a" has both words, so it ranks first
    assertEquals(
        List.of("a", "b"),
        ids(index.search(SearchRequest.of("owls voles").withFilter("tags", "birds"))));
    assertEquals(
        List.of("d", "c", "b", "a"),
        ids(index.search(SearchRequest.browse().withFilter("tags", "birds", "mammals"))));
  }

  @Test
  void filtersOnSeveralKeysMustAllHold() {
    addNotes();
    assertEquals(
        List.of("c", "a"),
        ids(
            index.search(
                SearchRequest.browse().withFilter("tags", "night").withFilter("author", "ann"))));
    assertEquals(
        List.of(),
        ids(
            index.search(
                SearchRequest.browse().withFilter("tags", "birds").withFilter("author", "zed"))));
  }

  @Test
  void browsingListsEverySectionNewestFirstAndPages() {
    addNotes();
    SearchResults first = index.search(SearchRequest.browse().withLimit(3));
    assertEquals(List.of("d", "c", "b"), ids(first));
    assertEquals(4, first.totalHits());
    SearchResults second =
        index.search(
            SearchRequest.browse().withLimit(3).withAfter(first.nextCursor().orElseThrow()));
    assertEquals(List.of("a"), ids(second));
    assertEquals(
        List.of("a", "b", "c", "d"),
        ids(index.search(SearchRequest.browse().withSort(SortOrder.OLDEST))));
  }

  @Test
  void facetsCountTheValuesOfEveryMatchNotOnlyThePage() {
    addNotes();
    SearchResults results =
        index.search(SearchRequest.of("hunt").withLimit(1).withFacets("tags", "author", "date"));
    assertEquals(1, results.hits().size());
    assertEquals(Map.of("night", 2L, "birds", 1L, "mammals", 1L), results.facets().get("tags"));
    assertEquals(
        List.of("night", "birds", "mammals"), List.copyOf(results.facets().get("tags").keySet()));
    assertEquals(Map.of("ann", 2L), results.facets().get("author"));
    assertEquals(List.of("2024", "2022"), List.copyOf(results.facets().get("date").keySet()));
  }

  @Test
  void collapsedFacetsCountDocumentsNotSections() {
    index.add(
        Document.builder("long")
            .metadata("tags", "birds")
            .section("One", "owls here")
            .section("Two", "owls there")
            .build());
    index.add(Document.builder("short").metadata("tags", "birds").section("One", "owls").build());
    index.commit();
    assertEquals(
        Map.of("birds", 3L),
        index.search(SearchRequest.of("owls").withFacets("tags")).facets().get("tags"));
    assertEquals(
        Map.of("birds", 2L),
        index
            .search(SearchRequest.of("owls").withCollapse(true).withFacets("tags"))
            .facets()
            .get("tags"));
  }

  @Test
  void aFacetNoMatchHasIsEmpty() {
    addNotes();
    SearchResults results = index.search(SearchRequest.of("owls").withFacets("colour"));
    assertEquals(Map.of(), results.facets().get("colour"));
  }

  @Test
  void keysAndValuesThatBreakTheRulesAreRefusedInCode() {
    Document.Builder builder = Document.builder("x");
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("Tags", "a"));
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("date", "2024"));
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("tags", " "));
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("tags", "a\u0007b"));
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("tags", "x".repeat(513)));
    assertThrows(IllegalArgumentException.class, () -> builder.metadata("tags", List.of()));
  }

  @Test
  void badMetadataInAFileIsAWarningNotAFailure() throws IOException {
    Path file = folder.resolve("odd.md");
    Files.writeString(file, "---\n\"weird key!\": 1\ntags: [ok, \"\"]\n---\nOwls.\n");
    AddResult result = index.add(file);
    index.commit();
    assertTrue(
        result.warnings().stream().anyMatch(w -> w.contains("weird key")),
        result.warnings().toString());
    assertEquals(Map.of("tags", List.of("ok")), index.search("owls").hits().get(0).metadata());
  }
}
