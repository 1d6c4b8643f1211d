package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.Synonyms;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synonyms through the API on an on-disk index: the file, stems, phrases, ranking, cursors. */
class SynonymsTest {
  @TempDir Path dir;

  private SectionIndex index() {
    SectionIndex index = SectionIndex.open(dir.resolve("index"));
    index.add(
        Document.builder("cars")
            .title("Vehicles")
            .section("Cars", "Our cars are parked in the garage behind the house.")
            .build());
    index.add(
        Document.builder("automobiles")
            .title("Vehicles")
            .section("Automobiles", "Old automobiles are parked in the museum behind the hall.")
            .build());
    index.add(
        Document.builder("usa")
            .title("Travel")
            .section("Visas", "A visa for the United States of America takes weeks.")
            .build());
    index.add(
        Document.builder("apart")
            .title("Travel")
            .section("States", "Member states united in a treaty; america was not one.")
            .build());
    index.commit();
    return index;
  }

  private static List<String> ids(SearchResults results) {
    List<String> ids = new ArrayList<>();
    for (SearchHit hit : results.hits()) {
      ids.add(hit.docId());
    }
    return ids;
  }

  @Test
  void aFileNamesTheLineOfARuleItCannotRead() throws IOException {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(
        file, "# vehicles\ncar, automobile\n\nlorry => truck => van\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Synonyms.read(file));
    assertTrue(e.getMessage().startsWith(file + " line 4: "), e.getMessage());
    assertTrue(e.getMessage().contains("lorry => truck => van"), e.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> Synonyms.read(new StringReader("car => van => lorry"), "mine"));
    assertTrue(empty.getMessage().startsWith("mine line 1: "), empty.getMessage());
  }

  @Test
  void wordsFindTheirSynonymsStemmedAndRankAboveThem() throws IOException {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(file, "car, automobile\n", StandardCharsets.UTF_8);
    Synonyms synonyms = Synonyms.read(file);
    try (SectionIndex index = index()) {
      assertEquals(List.of("cars"), ids(index.search(SearchRequest.of("car"))));
      SearchResults car = index.search(SearchRequest.of("car").withSynonyms(synonyms));
      assertEquals(List.of("cars", "automobiles"), ids(car));
      assertTrue(car.hits().get(0).score() > car.hits().get(1).score());
      assertEquals(
          List.of("automobiles"),
          car.hits().get(1).passages().get(0).highlightedTexts(),
          "the synonym is highlighted");
      SearchResults automobile =
          index.search(SearchRequest.of("automobiles parked").withSynonyms(synonyms));
      assertEquals(List.of("automobiles", "cars"), ids(automobile));
      // required words take their synonyms too
      assertEquals(
          List.of("cars", "automobiles"),
          ids(index.search(SearchRequest.of("+car parked").withSynonyms(synonyms))));
    }
  }

  @Test
  void multiWordEntriesMatchAsPhrasesAcrossStopWords() throws IOException {
    Synonyms synonyms =
        Synonyms.read(new StringReader("usa, united states of america\n"), "travel.txt");
    try (SectionIndex index = index()) {
      assertEquals(List.of(), ids(index.search(SearchRequest.of("usa"))));
      assertEquals(
          List.of("usa"), ids(index.search(SearchRequest.of("usa").withSynonyms(synonyms))));
      // the words of an entry find its other entries, and still find each word as before
      SearchResults words =
          index.search(SearchRequest.of("united states of america").withSynonyms(synonyms));
      assertEquals(List.of("apart", "usa"), ids(words));
      assertEquals(
          ids(index.search(SearchRequest.of("united states of america"))),
          ids(words),
          "no other section is found");
    }
  }

  @Test
  void aCursorBelongsToItsSynonyms() throws IOException {
    Synonyms synonyms = Synonyms.read(new StringReader("car, automobile\n"), "a");
    try (SectionIndex index = index()) {
      SearchResults first =
          index.search(SearchRequest.of("car").withSynonyms(synonyms).withLimit(1));
      String cursor = first.nextCursor().orElseThrow();
      assertEquals(
          List.of("automobiles"),
          ids(
              index.search(
                  SearchRequest.of("car").withSynonyms(synonyms).withLimit(1).withAfter(cursor))));
      assertThrows(
          QueryException.class,
          () -> index.search(SearchRequest.of("car").withLimit(1).withAfter(cursor)));
    }
  }
}
