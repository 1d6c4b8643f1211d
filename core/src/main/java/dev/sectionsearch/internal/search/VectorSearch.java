package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * The semantic side of searching: embeds the query, finds the sections nearest it, and fuses them
 * with the lexical candidates of a hybrid search.
 *
 * <p>A semantic or hybrid search ranks a bounded set of candidates, {@link #candidates} of each
 * kind: the nearest sections (HNSW, approximate) and the best lexical ones. That set then goes
 * through the usual sorting, paging, collapsing and facet counting, so totals, facets and the pages
 * a cursor reaches are those of the candidates, not of every section that is somewhat similar to
 * the query (which, for vectors, is every section).
 *
 * <p>Hybrid fusion is reciprocal rank fusion (Cormack et al. 2009, k = 60): each section scores the
 * sum of {@code 1 / (60 + rank)} over the two rankings. Measured on SciFact and CACM against a
 * min-max normalised sum of BM25 and cosine scores (see the README), it ranked as well or better
 * and needs no weight tuned per collection, since BM25 scores have no fixed scale.
 *
 * <p>Part of the library's internals. Thread-safe when the embedder is, as embedders must be.
 */
public final class VectorSearch {
  /** The fewest candidates of each kind a semantic or hybrid search considers. */
  public static final int MIN_CANDIDATES = 100;

  /** Reciprocal rank fusion's constant: damps the weight of the very first ranks. */
  static final int RRF_K = 60;

  private final Embedder embedder;

  /**
   * @param embedder the model the index was written with
   */
  public VectorSearch(Embedder embedder) {
    this.embedder = embedder;
  }

  /** How many candidates of each kind a request considers: its page and more. */
  static int candidates(SearchRequest request) {
    return Math.max(MIN_CANDIDATES, request.limit() + 1);
  }

  /** The query's unit vector. */
  float[] embedQuery(String text) {
    return IndexSchema.unitVector(embedder.embed(List.of(text))[0]);
  }

  /** Unit vectors of texts, for semantic passages. */
  float[][] embedUnit(List<String> texts) {
    float[][] vectors = embedder.embed(texts);
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = IndexSchema.unitVector(vectors[i]);
    }
    return vectors;
  }

  /**
   * The mode a request searches in on an index with or without vectors.
   *
   * @throws QueryException when it asks for meaning on an index that has no vectors or no model
   */
  static SearchMode modeOf(SearchRequest request, VectorSearch vectors, String missing) {
    SearchMode mode =
        request.mode().orElse(vectors == null ? SearchMode.LEXICAL : SearchMode.HYBRID);
    if (mode != SearchMode.LEXICAL && vectors == null) {
      throw new QueryException(
          request.query(),
          "a " + mode.name().toLowerCase(java.util.Locale.ROOT) + " search " + missing);
    }
    return mode;
  }

  /**
   * The nearest sections, among those the filter keeps (a pre-filter: the search looks for the
   * nearest matching sections, rather than dropping non-matching ones from the nearest).
   */
  ScoredDocsQuery semantic(IndexSearcher searcher, float[] query, Query filter, int k)
      throws IOException {
    TopDocs nearest = nearest(searcher, query, filter, k);
    int[] docs = new int[nearest.scoreDocs.length];
    float[] scores = new float[docs.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = nearest.scoreDocs[i].doc;
      scores[i] = nearest.scoreDocs[i].score;
    }
    return new ScoredDocsQuery(searcher.getTopReaderContext(), docs, scores);
  }

  /** The best lexical and the nearest semantic candidates, fused by reciprocal rank. */
  ScoredDocsQuery hybrid(IndexSearcher searcher, Query lexical, float[] query, Query filter, int k)
      throws IOException {
    TopDocs words = searcher.search(lexical, k);
    TopDocs nearest = nearest(searcher, query, filter, k);
    Map<Integer, Float> fused = new HashMap<>();
    addRanks(fused, words.scoreDocs);
    addRanks(fused, nearest.scoreDocs);
    int[] docs = new int[fused.size()];
    float[] scores = new float[docs.length];
    int i = 0;
    for (Map.Entry<Integer, Float> entry : fused.entrySet()) {
      docs[i] = entry.getKey();
      scores[i] = entry.getValue();
      i++;
    }
    return new ScoredDocsQuery(searcher.getTopReaderContext(), docs, scores);
  }

  private static void addRanks(Map<Integer, Float> fused, ScoreDoc[] ranking) {
    for (int rank = 0; rank < ranking.length; rank++) {
      fused.merge(ranking[rank].doc, 1f / (RRF_K + rank + 1), Float::sum);
    }
  }

  private static TopDocs nearest(IndexSearcher searcher, float[] query, Query filter, int k)
      throws IOException {
    return searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, query, k, filter), k);
  }
}
