package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed article (seeds/), indexed from its file by both backends with {@code addAll}: every
 * query gives the same sections in the same order, with the same passages, highlights and source
 * offsets, and scores equal to within float rounding.
 */
class SeedArticleParityIT {
  private static final Path SEEDS = Path.of("..", "seeds");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Russia Ukraine drones",
        "drones",
        "Israel",
        "nuclear reactor",
        "oil sanctions trade",
        "Iran Russia",
        "\"military cooperation\"",
        "sanction*",
        "+Iran -Israel",
        "Meggnut"
      })
  void theSeedArticleGivesTheEmbeddedHitsAndCitations(String query) {
    String name = TestCluster.freshIndexName("seeds");
    try (SectionIndex embedded = SectionIndex.inMemory();
        OpenSearchSectionIndex cluster =
            OpenSearchSectionIndex.builder()
                .urls(TestCluster.url())
                .index(name)
                .shards(3)
                .replicas(1)
                .build()) {
      try {
        IndexSummary expectedSummary = embedded.addAll(SEEDS, IndexingListener.NONE);
        IndexSummary summary = cluster.addAll(SEEDS, IndexingListener.NONE);
        assertEquals(expectedSummary.sections(), summary.sections());
        embedded.commit();
        cluster.commit();
        SearchRequest request = SearchRequest.of(query).withLimit(20).withMaxPassages(3);
        SearchResults expected = embedded.search(request);
        SearchResults actual = cluster.search(request);
        if (!query.equals("Meggnut")) {
          assertFalse(expected.hits().isEmpty(), "the embedded index finds " + query);
        }
        assertEquals(describe(expected), describe(actual));
        assertEquals(expected.totalHits(), actual.totalHits());
        for (int i = 0; i < expected.hits().size(); i++) {
          float score = expected.hits().get(i).score();
          assertEquals(score, actual.hits().get(i).score(), 1e-4f * Math.max(1f, score));
        }
      } finally {
        cluster.deleteIndex();
      }
    }
  }

  private static List<String> describe(SearchResults results) {
    List<String> lines = new ArrayList<>();
    for (SearchHit hit : results.hits()) {
      StringBuilder line = new StringBuilder(hit.heading() + " #" + hit.ordinal());
      for (Passage passage : hit.passages()) {
        line.append(" | ")
            .append(passage.text())
            .append(' ')
            .append(passage.highlights())
            .append(" @")
            .append(passage.sourceStart())
            .append('-')
            .append(passage.sourceEnd());
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
