package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchResults;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query syntax: safe for untrusted input, and meaning what a user expects. */
class QuerySyntaxTest {
  private SectionIndex index;

  @BeforeEach
  void indexBirds() {
    index = SectionIndex.inMemory();
    index.add(Document.builder("owl").section("Owls", "The barn owl hunts at night.").build());
    index.add(Document.builder("hawk").section("Hawks", "The red hawk hunts by day.").build());
    index.add(Document.builder("gull").section("Gulls", "Gulls follow fishing boats.").build());
    index.commit();
  }

  @AfterEach
  void close() {
    index.close();
  }

  private List<String> ids(String query) {
    return index.search(query).hits().stream().map(SearchHit::docId).sorted().toList();
  }

  @Test
  void anyWordMayMatch() {
    assertEquals(List.of("gull", "owl"), ids("owl gulls"));
  }

  @Test
  void wordsAreStemmed() {
    assertEquals(List.of("hawk", "owl"), ids("hunting"));
  }

  @Test
  void aMinusExcludes() {
    assertEquals(List.of("owl"), ids("hunts -hawk"));
  }

  @Test
  void aSignBeforeADigitIsPartOfTheNumber() {
    index.add(
        Document.builder("boat").section("Boats", "Gulls follow 1 boat at -40 degrees.").build());
    index.commit();
    // neither "+1" nor "-40" is an operator: "+1" does not require 1, "-40" does not exclude 40
    assertEquals(List.of("boat", "gull"), ids("+1 gulls"));
    assertEquals(List.of("boat", "gull"), ids("gulls -40"));
  }

  @Test
  void andRequiresBothSides() {
    assertEquals(List.of("hawk"), ids("hunts AND day"));
  }

  @Test
  void aPhraseMustMatchInOrder() {
    assertEquals(List.of("owl"), ids("\"barn owl\""));
    assertEquals(List.of(), ids("\"owl barn\""));
  }

  @Test
  void aTrailingStarMatchesPrefixes() {
    assertEquals(List.of("gull"), ids("fish*"));
  }

  @Test
  void onlyStopWordsFindNothing() {
    assertEquals(0, index.search("the of and").totalHits());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"unclosed phrase owl",
        "owl AND",
        "OR OR OR owl",
        "(owl",
        "owl)",
        "field:owl",
        "owl~2",
        "owl^10",
        "[a TO z] owl",
        "\\owl/",
        "*owl",
        "o*",
        "owl\u0000\u0007",
        "{!lucene}owl",
      })
  void malformedSyntaxDegradesInsteadOfFailing(String query) {
    assertTrue(index.search(query).totalHits() >= 0);
  }

  @Test
  void anEmptyQueryBrowsesEverySection() {
    assertEquals(List.of("gull", "hawk", "owl"), ids("   "));
  }

  @Test
  void onlyExcludedWordsBrowseWhatIsLeft() {
    assertEquals(List.of("gull"), ids("-owl -hawk"));
  }

  @Test
  void aQueryOfPunctuationOnlyIsAClearError() {
    QueryException e = assertThrows(QueryException.class, () -> index.search("?! ..."));
    assertTrue(e.getMessage().contains("no words"), e.getMessage());
  }

  @Test
  void aLongQueryIsShortenedToItsRarestWordsAndSaysSo() {
    try (SectionIndex small = EmbeddedIndex.builder().maxQueryWords(2).build()) {
      small.add(Document.builder("a").section("", "alpha beta common").build());
      small.add(Document.builder("b").section("", "common common words common").build());
      small.add(Document.builder("c").section("", "common beta").build());
      small.commit();
      // "the" is a stop word, "common" repeats and is in every section: alpha and beta are kept
      SearchResults results = small.search("common common beta the common alpha");
      assertEquals(List.of("a", "c"), results.hits().stream().map(SearchHit::docId).toList());
      assertEquals(
          List.of(
              "query shortened to 2 of 6 words: stop words and repeats dropped, the rarest words"
                  + " in the index kept"),
          results.notes());
    }
  }

  @Test
  void aLongQueryKeepsItsRequiredAndExcludedWords() {
    String filler = "hunts boats night day ".repeat(20);
    SearchResults results = index.search(filler + "-hawk +hunts");
    assertEquals(List.of("owl"), results.hits().stream().map(SearchHit::docId).toList());
    assertEquals(1, results.notes().size());
  }

  @Test
  void aQueryOfThousandsOfWordsIsSearchedInsteadOfRefused() {
    SearchResults results = index.search("owl ".repeat(2000));
    assertEquals(List.of("owl"), results.hits().stream().map(SearchHit::docId).toList());
    assertTrue(results.notes().get(0).startsWith("query shortened to 1 of 2000 words"));
  }

  @Test
  void aQueryWithinTheLimitIsSearchedAsWrittenWithoutNotes() {
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder().maxQueryWords(3);
    try (SectionIndex small = builder.build()) {
      small.add(Document.builder("owl").section("Owls", "The barn owl hunts at night.").build());
      small.commit();
      assertEquals(List.of(), small.search("barn owl night").notes());
      assertEquals(1, small.search("barn owl night hunts").notes().size());
    }
  }

  @Test
  void aQueryOfOnlyStopWordsFindsNothingAndSaysWhy() {
    SearchResults results = index.search("the of and");
    assertEquals(List.of(), results.hits());
    assertEquals(1, results.notes().size());
    assertTrue(results.notes().get(0).contains("stop word"), results.notes().get(0));
  }

  @Test
  void aQueryErrorCarriesTheQuery() {
    QueryException e = assertThrows(QueryException.class, () -> index.search("?!"));
    assertEquals("?!", e.query());
  }
}
