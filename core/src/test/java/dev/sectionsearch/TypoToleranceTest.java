package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typo tolerance and "did you mean" over the seed article, indexed on disk. */
class TypoToleranceTest {
  @TempDir static Path folder;
  private static SectionIndex index;

  @BeforeAll
  static void indexSeeds() {
    index = SectionIndex.open(folder.resolve("index"));
    index.addAll(SeedSearchTest.SEEDS, IndexingListener.NONE);
    index.commit();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static String heading(SearchHit hit) {
    return hit.heading().replace('\u2019', '\'');
  }

  private static SearchResults withoutTypos(String query) {
    return index.search(SearchRequest.of(query).withTypoTolerance(false));
  }

  @Test
  void misspeltRussiaAndUkraineFindTheSectionsAboutThem() {
    SearchResults results = index.search("Rusia Ukrane");
    assertFalse(results.hits().isEmpty(), "no hits for Rusia Ukrane");
    assertEquals("Iran's Support for Russia in Ukraine", heading(results.hits().get(0)));
    assertEquals(Optional.of("Russia Ukraine"), results.didYouMean());
    assertEquals(
        index.search("Russia Ukraine").hits().stream().map(SearchHit::ordinal).toList(),
        results.hits().stream().map(SearchHit::ordinal).toList());
  }

  @Test
  void correctedWordsAreHighlightedInPassages() {
    SearchResults results = index.search("Ukrane");
    assertTrue(
        results.hits().get(0).passages().stream()
            .flatMap(passage -> passage.highlightedTexts().stream())
            .anyMatch(text -> text.equalsIgnoreCase("Ukraine")),
        "no highlighted Ukraine in " + results.hits().get(0).passages());
  }

  @Test
  void theOffSwitchSearchesWordsAsTyped() {
    SearchResults results = withoutTypos("Rusia Ukrane");
    assertEquals(0, results.totalHits());
    assertEquals(Optional.empty(), results.didYouMean());
  }

  @Test
  void correctlySpeltQueriesRankExactlyAsWithoutTypoTolerance() {
    for (String query :
        List.of("Russia Ukraine drones", "nuclear reactor", "oil sanctions trade")) {
      SearchResults on = index.search(query);
      SearchResults off = withoutTypos(query);
      assertEquals(Optional.empty(), on.didYouMean(), query);
      assertEquals(scores(off), scores(on), query);
    }
  }

  private static List<String> scores(SearchResults results) {
    return results.hits().stream().map(hit -> hit.ordinal() + ":" + hit.score()).toList();
  }

  @Test
  void aCorrectedWordRanksBelowTheWordSpeltRight() {
    SearchHit exact = index.search("sanctions").hits().get(0);
    SearchHit corrected = index.search("sanctoins").hits().get(0);
    assertEquals(exact.ordinal(), corrected.ordinal());
    assertTrue(
        corrected.score() < exact.score(), corrected.score() + " is not below " + exact.score());
  }

  @Test
  void nineLettersMayHaveTwoTypos() {
    SearchResults results = index.search("gepolitcal");
    assertEquals(Optional.of("geopolitical"), results.didYouMean());
    assertEquals(withoutTypos("geopolitical").totalHits(), results.totalHits());
  }

  @Test
  void aTypoInTheSuffixTheStemmerWouldTakeOffIsCorrected() {
    // "cooperatoin" stems to itself, far from "cooper"; "cooperation" is one typo away
    SearchResults results = index.search("cooperatoin");
    assertEquals(Optional.of("cooperation"), results.didYouMean());
    assertEquals(withoutTypos("cooperation").totalHits(), results.totalHits());
  }

  @Test
  void eightLettersMayHaveOnlyOne() {
    // "diplomatic" is 10 letters; "diplomat" with two typos is 8
    assertEquals(0, index.search("dpilomta").totalHits());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Iram", "\"Rusia\"", "Rusia*", "2o22", "RUSIA", "RuSia"})
  void shortWordsPhrasesPrefixesCodesAndAcronymsAreTakenAsTyped(String query) {
    SearchResults results = index.search(query);
    assertEquals(0, results.totalHits(), query);
    assertEquals(Optional.empty(), results.didYouMean(), query);
  }

  @Test
  void anExcludedMisspeltWordExcludesNothing() {
    assertEquals(withoutTypos("Israel").totalHits(), index.search("Israel -Rusia").totalHits());
  }

  @Test
  void didYouMeanKeepsTheQuerysOtherWordsAndCase() {
    assertEquals(
        Optional.of("\"nuclear reactor\" Russia -oil"),
        index.search("\"nuclear reactor\" Rusia -oil").didYouMean());
  }

  @Test
  void aQueryOfMostlyRealWordsIsSearchedAsTypedAndOffersTheCorrection() {
    // one misspelt word of four: as likely a rare word spelt right, searched as typed
    String query = "Russia Ukraine drones sanctoins";
    SearchResults results = index.search(query);
    assertEquals(Optional.of("Russia Ukraine drones sanctions"), results.didYouMean());
    assertEquals(scores(withoutTypos(query)), scores(results));
  }

  @Test
  void halfTheWordsMisspeltIsEnoughToSearchTheCorrections() {
    SearchResults results = index.search("Russia Ukrane");
    assertEquals(Optional.of("Russia Ukraine"), results.didYouMean());
    assertEquals("Iran's Support for Russia in Ukraine", heading(results.hits().get(0)));
  }

  @Test
  void aOneLetterPrefixIsNotCalledAStopWord() {
    assertEquals(
        List.of(dev.sectionsearch.internal.search.QueryPlan.SHORT_PREFIX),
        index.search("a*").notes());
    assertEquals(
        List.of(dev.sectionsearch.internal.search.QueryPlan.ONLY_STOP_WORDS),
        index.search("the of").notes());
  }
}
