package dev.sectionsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trec_eval measures, checked against cases computed by hand. */
class TrecEvalTest {
  private static final double EPSILON = 1e-9;

  // relevant: a (grade 2), c (grade 1); b and d judged not relevant; e unjudged
  private static final Map<String, Integer> JUDGED = Map.of("a", 2, "b", 0, "c", 1, "d", 0);

  @Test
  void ndcgUsesGradesAsGainAndLog2Discount() {
    // DCG = 0/log2(2) + 2/log2(3) + 1/log2(4) ; IDCG = 2/log2(2) + 1/log2(3)
    double dcg = 2 / (Math.log(3) / Math.log(2)) + 1 / 2.0;
    double idcg = 2 + 1 / (Math.log(3) / Math.log(2));
    assertEquals(dcg / idcg, TrecEval.ndcg(List.of("b", "a", "c"), JUDGED, 10), EPSILON);
  }

  @Test
  void ndcgOfTheIdealRankingIsOne() {
    assertEquals(1.0, TrecEval.ndcg(List.of("a", "c", "b"), JUDGED, 10), EPSILON);
  }

  @Test
  void ndcgCountsOnlyTheCutoff() {
    assertEquals(0.0, TrecEval.ndcg(List.of("b", "d", "a"), JUDGED, 2), EPSILON);
  }

  @Test
  void averagePrecisionAveragesPrecisionAtEachRelevantDocument() {
    // a at rank 2 (P=1/2), c at rank 4 (P=2/4): (0.5 + 0.5) / 2 relevant
    assertEquals(0.5, TrecEval.averagePrecision(List.of("b", "a", "e", "c"), JUDGED, 2), EPSILON);
  }

  @Test
  void averagePrecisionCountsRelevantDocumentsNeverRetrieved() {
    // only a, at rank 1: (1.0 + 0) / 2
    assertEquals(0.5, TrecEval.averagePrecision(List.of("a", "b"), JUDGED, 2), EPSILON);
  }

  @Test
  void recallIsTheShareOfRelevantDocumentsRetrievedInTheCutoff() {
    assertEquals(0.5, TrecEval.recall(List.of("b", "a", "c"), JUDGED, 2, 2), EPSILON);
    assertEquals(1.0, TrecEval.recall(List.of("b", "a", "c"), JUDGED, 2, 100), EPSILON);
  }

  @Test
  void precisionDividesByTheCutoffEvenWhenFewerAreRetrieved() {
    assertEquals(2 / 30.0, TrecEval.precision(List.of("a", "c"), JUDGED, 30), EPSILON);
  }

  @Test
  void theMeanCountsJudgedQueriesWithoutResultsAsZero() {
    Qrels qrels =
        new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1), "q3", Map.of("c", 0)));
    Map<String, Double> mean = TrecEval.mean(Map.of("q1", List.of("a")), qrels);
    // q1 scores 1, q2 has no run and scores 0, q3 has no relevant document and is not counted
    assertEquals(0.5, mean.get("map"), EPSILON);
    assertEquals(0.5, mean.get("ndcg_cut_10"), EPSILON);
  }
}
