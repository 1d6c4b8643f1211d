package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.ScoreExplanation;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SearchRequest.withExplain on an on-disk index: contributions, fields, boosts, recency, fusion.
 */
class ExplainTest {
  @TempDir Path dir;

  private static void addDocuments(SectionIndex index) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    index.add(
        Document.builder("mills")
            .title("Rivers")
            .date(today.minusDays(3))
            .section(
                "Water mills",
                "The river turns the mill wheel. A river mill grinds grain; the river is fast.")
            .build());
    index.add(
        Document.builder("bakery")
            .title("Town")
            .section("Bread", "The baker takes bread from the oven; the mill sends the flour.")
            .build());
    index.add(
        Document.builder("coast")
            .title("Coast")
            .section("Lighthouse", "The keeper lives on the rock and climbs the stairs at dusk.")
            .build());
    index.commit();
  }

  private static float sumOfMatches(ScoreExplanation explanation) {
    float sum = 0;
    for (ScoreExplanation match : explanation.matches()) {
      sum += match.score();
    }
    return sum;
  }

  private static void assertClose(float expected, float actual, String message) {
    assertEquals(expected, actual, Math.max(1e-4f, Math.abs(expected) * 1e-4f), message);
  }

  /** Every sum and product in the tree is what its details make. */
  private static void assertConsistent(ScoreExplanation node) {
    if (node.combination() == ScoreExplanation.Combination.SUM) {
      float sum = 0;
      for (ScoreExplanation detail : node.details()) {
        sum += detail.score();
      }
      assertClose(node.score(), sum, node.toText());
    } else if (node.combination() == ScoreExplanation.Combination.PRODUCT) {
      float product = 1;
      for (ScoreExplanation detail : node.details()) {
        product *= detail.score();
      }
      assertClose(node.score(), product, node.toText());
    }
    node.details().forEach(ExplainTest::assertConsistent);
  }

  @Test
  void contributionsAddUpToTheScoreAndNameTheMatchedTermsAndFields() {
    try (SectionIndex index = SectionIndex.open(dir.resolve("index"))) {
      addDocuments(index);
      SearchResults results = index.search(SearchRequest.of("river mill").withExplain(true));
      assertEquals(2, results.hits().size(), results.hits().toString());
      for (SearchHit hit : results.hits()) {
        ScoreExplanation explanation = hit.explanation().orElseThrow();
        assertClose(hit.score(), explanation.score(), explanation.toText());
        assertClose(hit.score(), sumOfMatches(explanation), explanation.toText());
        assertConsistent(explanation);
      }
      ScoreExplanation first = results.hits().get(0).explanation().orElseThrow();
      assertEquals("mills", results.hits().get(0).docId());
      Set<String> matched =
          first.matches().stream()
              .map(m -> m.field().orElseThrow() + ":" + m.term().orElseThrow())
              .collect(Collectors.toSet());
      // the stems as indexed: "river" in the text (which starts with the title) and the title
      // field, "mill" in the text (which holds the heading too)
      assertTrue(matched.contains("text:river"), first.toText());
      assertTrue(matched.contains("title:river"), first.toText());
      assertTrue(matched.contains("text:mill"), first.toText());
      assertTrue(first.toText().contains("in the title and headings"), first.toText());
      assertTrue(
          first.matches().stream()
              .allMatch(
                  m -> m.description().startsWith("BM25") || m.description().contains("proximity")),
          first.toText());
      // the second hit matched "mill" in its text only
      ScoreExplanation second = results.hits().get(1).explanation().orElseThrow();
      assertEquals(
          Set.of("text:mill"),
          second.matches().stream()
              .map(m -> m.field().orElseThrow() + ":" + m.term().orElseThrow())
              .collect(Collectors.toSet()),
          second.toText());
    }
  }

  @Test
  void aHitMatchingOnlyInItsHeadingSaysSo() {
    try (SectionIndex index = SectionIndex.open(dir.resolve("index"))) {
      addDocuments(index);
      SearchResults results = index.search(SearchRequest.of("lighthouse").withExplain(true));
      assertEquals(1, results.hits().size());
      ScoreExplanation explanation = results.hits().get(0).explanation().orElseThrow();
      List<ScoreExplanation> matches = explanation.matches();
      assertFalse(matches.isEmpty(), explanation.toText());
      assertTrue(
          matches.stream().allMatch(m -> m.field().orElseThrow().equals("heading")),
          explanation.toText());
      assertClose(results.hits().get(0).score(), sumOfMatches(explanation), explanation.toText());
    }
  }

  @Test
  void withoutExplainHitsCarryNoExplanation() {
    try (SectionIndex index = SectionIndex.open(dir.resolve("index"))) {
      addDocuments(index);
      SearchResults results = index.search(SearchRequest.of("river mill"));
      assertTrue(results.hits().stream().allMatch(hit -> hit.explanation().isEmpty()));
    }
  }

  @Test
  void theRecencyFactorMultipliesTheWordsScore() {
    try (SectionIndex index = SectionIndex.open(dir.resolve("index"))) {
      addDocuments(index);
      SearchResults results =
          index.search(
              SearchRequest.of("river mill").withRecency(Duration.ofDays(30)).withExplain(true));
      SearchHit dated = results.hits().get(0);
      assertEquals("mills", dated.docId());
      ScoreExplanation explanation = dated.explanation().orElseThrow();
      assertEquals(ScoreExplanation.Combination.PRODUCT, explanation.combination());
      assertClose(dated.score(), explanation.score(), explanation.toText());
      assertConsistent(explanation);
      ScoreExplanation factor =
          explanation.details().stream()
              .filter(d -> d.description().startsWith("recency factor"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(explanation.toText()));
      float expected = (float) (1 + Math.pow(0.5, 3 / 30.0));
      assertClose(expected, factor.score(), factor.toText());
      assertClose(dated.score(), sumOfMatches(explanation) * factor.score(), explanation.toText());
      SearchHit undated = results.hits().get(1);
      ScoreExplanation kept = undated.explanation().orElseThrow();
      assertClose(undated.score(), kept.score(), kept.toText());
      assertTrue(kept.toText().contains("no date"), kept.toText());
    }
  }

  @Test
  void aHybridHitShowsBothSidesAndTheFusion() {
    try (SectionIndex index =
        EmbeddedIndex.builder()
            .folder(dir.resolve("index"))
            .embedder(new ChunkedSectionsTest.ConceptEmbedder())
            .build()) {
      addDocuments(index);
      SearchResults results =
          index.search(SearchRequest.of("river").withMode(SearchMode.HYBRID).withExplain(true));
      SearchHit first = results.hits().get(0);
      assertEquals("mills", first.docId());
      ScoreExplanation explanation = first.explanation().orElseThrow();
      assertClose(first.score(), explanation.score(), explanation.toText());
      assertConsistent(explanation);
      String text = explanation.toText();
      assertTrue(text.contains("hybrid fusion"), text);
      assertTrue(text.contains("lexical score"), text);
      assertTrue(text.contains("semantic score"), text);
      assertTrue(
          explanation.matches().stream().anyMatch(m -> m.term().orElseThrow().equals("river")),
          text);
      SearchResults semantic =
          index.search(SearchRequest.of("river").withMode(SearchMode.SEMANTIC).withExplain(true));
      ScoreExplanation nearest = semantic.hits().get(0).explanation().orElseThrow();
      assertTrue(nearest.description().startsWith("semantic"), nearest.toText());
      assertClose(semantic.hits().get(0).score(), nearest.score(), nearest.toText());
    }
  }
}
