package dev.sectionsearch.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trec_eval measures used to compare with published baselines, per query and averaged over the
 * judged queries (a judged query without results scores 0):
 *
 * <ul>
 *   <li>{@code ndcg_cut_10}: gain is the judged grade, discount {@code log2(rank + 1)}, ideal
 *       ordering from all judged documents;
 *   <li>{@code recall_100}, {@code recall_1000}: relevant documents retrieved in the top k over all
 *       relevant documents;
 *   <li>{@code map}: average precision over the top 1000;
 *   <li>{@code P_30}: relevant documents in the top 30, over 30.
 * </ul>
 */
final class TrecEval {
  static final List<String> MEASURES =
      List.of("ndcg_cut_10", "recall_100", "recall_1000", "map", "P_30");

  private static final int MAX_RANK = 1000;

  private TrecEval() {}

  /** The measures for one query's ranked document ids against its judgments. */
  static Map<String, Double> evaluate(List<String> ranking, Map<String, Integer> judged) {
    List<String> top = ranking.subList(0, Math.min(ranking.size(), MAX_RANK));
    long relevant = judged.values().stream().filter(grade -> grade > 0).count();
    Map<String, Double> measures = new LinkedHashMap<>();
    measures.put("ndcg_cut_10", ndcg(top, judged, 10));
    measures.put("recall_100", recall(top, judged, relevant, 100));
    measures.put("recall_1000", recall(top, judged, relevant, 1000));
    measures.put("map", averagePrecision(top, judged, relevant));
    measures.put("P_30", precision(top, judged, 30));
    return measures;
  }

  /** The mean of each measure over every judged query; missing runs count as zero. */
  static Map<String, Double> mean(Map<String, List<String>> run, Qrels qrels) {
    Map<String, Double> sums = new LinkedHashMap<>();
    MEASURES.forEach(m -> sums.put(m, 0.0));
    int queries = 0;
    for (String queryId : qrels.judgments().keySet()) {
      if (!qrels.isJudged(queryId)) {
        continue;
      }
      queries++;
      Map<String, Double> measures =
          evaluate(run.getOrDefault(queryId, List.of()), qrels.of(queryId));
      measures.forEach((m, v) -> sums.merge(m, v, Double::sum));
    }
    int count = queries;
    sums.replaceAll((m, sum) -> count == 0 ? 0 : sum / count);
    return sums;
  }

  static double ndcg(List<String> ranking, Map<String, Integer> judged, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      int grade = Math.max(0, judged.getOrDefault(ranking.get(i), 0));
      dcg += grade / log2(i + 2);
    }
    List<Integer> ideal = new ArrayList<>(judged.values());
    ideal.sort(Comparator.reverseOrder());
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += Math.max(0, ideal.get(i)) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  static double recall(List<String> ranking, Map<String, Integer> judged, long relevant, int k) {
    if (relevant == 0) {
      return 0;
    }
    return countRelevant(ranking, judged, k) / (double) relevant;
  }

  static double precision(List<String> ranking, Map<String, Integer> judged, int k) {
    return countRelevant(ranking, judged, k) / (double) k;
  }

  static double averagePrecision(List<String> ranking, Map<String, Integer> judged, long relevant) {
    if (relevant == 0) {
      return 0;
    }
    double sum = 0;
    int found = 0;
    for (int i = 0; i < ranking.size(); i++) {
      if (judged.getOrDefault(ranking.get(i), 0) > 0) {
        found++;
        sum += found / (double) (i + 1);
      }
    }
    return sum / relevant;
  }

  private static int countRelevant(List<String> ranking, Map<String, Integer> judged, int k) {
    int count = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (judged.getOrDefault(ranking.get(i), 0) > 0) {
        count++;
      }
    }
    return count;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
