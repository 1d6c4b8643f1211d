package dev.sectionsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick ranking check on the first 50 SciFact queries with the library's defaults, through both
 * paths a collection reaches the index (documents built in code, and Markdown files indexed from a
 * folder with {@code addAll}), so that a change that hurts ranking fails the build. The full
 * evaluation is a benchmark run by hand (see docs/ranking.md). Skipped where the test collections
 * are not beside the project.
 */
@Tag("slow") // indexes a public collection; runs in verify
class RankingRegressionTest {
  private static final Path SCIFACT = Path.of("..", "..", "shared", "eval", "scifact");

  /**
   * How far below plain BM25 (Anserini flat, run here by {@link FlatBm25} on the same 50 queries)
   * the library may fall: the two analyse alike, so only ranking choices tell them apart.
   */
  private static final double TOLERANCE = 0.005;

  @TempDir static Path out;

  /** Each path's figure, measured once for all the tests that need it. */
  private static final Map<IndexingPath, Double> NDCG = new EnumMap<>(IndexingPath.class);

  @BeforeEach
  void needsSciFact() {
    assumeTrue(Files.isRegularFile(SCIFACT.resolve("corpus.jsonl")), "no SciFact at " + SCIFACT);
  }

  private static double flatBm25() throws IOException {
    return Evaluate.flatBm25(new SciFact(SCIFACT, 50), out).get("ndcg_cut_10");
  }

  private static double ndcg(IndexingPath path) throws IOException {
    if (!NDCG.containsKey(path)) {
      Evaluate.Result result =
          Evaluate.run(new SciFact(SCIFACT, 50), path, Settings.defaults(), out);
      NDCG.put(path, result.measures().get("ndcg_cut_10"));
    }
    return NDCG.get(path);
  }

  @Test
  void documentsBuiltInCodeRankAsWellAsPlainBm25() throws IOException {
    double ndcg = ndcg(IndexingPath.CODE);
    double flat = flatBm25();
    assertTrue(ndcg >= flat - TOLERANCE, "nDCG@10 on 50 SciFact queries " + ndcg + " < " + flat);
    assertTrue(Files.size(out.resolve("scifact-code.run")) > 0, "the TREC run is written");
  }

  @Test
  void markdownFilesRankAsWellAsPlainBm25() throws IOException {
    double ndcg = ndcg(IndexingPath.FILES);
    double flat = flatBm25();
    assertTrue(
        ndcg >= flat - TOLERANCE, "nDCG@10 on 50 SciFact Markdown files " + ndcg + " < " + flat);
  }

  @Test
  void bothPathsRankAlike() throws IOException {
    assertEquals(ndcg(IndexingPath.CODE), ndcg(IndexingPath.FILES), 0.002);
  }
}
