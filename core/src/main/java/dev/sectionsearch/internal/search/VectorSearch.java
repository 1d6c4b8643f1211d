package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionSearchException;
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
 * <p>Hybrid fusion is a normalised score combination: each ranking's scores are scaled to 0..1 over
 * its candidates (min-max), and a section scores the mean of its two scaled scores (0 where a
 * ranking did not find it). Measured on SciFact and CACM (see docs/semantic.md), equal weights
 * ranked better than reciprocal rank fusion (k = 60) on both, in nDCG@10 and MAP: 0.7275 against
 * 0.7114 on SciFact, 0.5914 against 0.5553 on CACM. Rank fusion throws away how far ahead a first
 * hit is; scaled scores keep it. Equal weights are the untuned choice: 0.7 lexical did a little
 * better on SciFact and worse on CACM.
 *
 * <p>Part of the library's internals. Thread-safe when the embedder is, as embedders must be.
 */
public final class VectorSearch {
  /** The fewest candidates of each kind a semantic or hybrid search considers. */
  public static final int MIN_CANDIDATES = 100;

  /** The weight of the lexical ranking's scaled scores; the semantic one has the rest. */
  static final float LEXICAL_WEIGHT = 0.5f;

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
    float[][] vectors;
    try {
      vectors = embedder.embed(List.of(text));
    } catch (SectionSearchException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // the model's failure, not the index's: a reader must not be told to re-create the index
      throw new SectionSearchException(
          "the embedder " + embedder.modelId() + " failed on the query: " + e, e);
    }
    if (vectors == null || vectors.length != 1 || vectors[0] == null) {
      throw new SectionSearchException(
          "the embedder " + embedder.modelId() + " returned no vector for the query");
    }
    return IndexSchema.unitVector(vectors[0]);
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

  /** The best lexical and the nearest semantic candidates, their scaled scores combined. */
  ScoredDocsQuery hybrid(IndexSearcher searcher, Query lexical, float[] query, Query filter, int k)
      throws IOException {
    TopDocs words = searcher.search(lexical, k);
    TopDocs nearest = nearest(searcher, query, filter, k);
    Map<Integer, Float> fused = new HashMap<>();
    addScaled(fused, words.scoreDocs, LEXICAL_WEIGHT);
    addScaled(fused, nearest.scoreDocs, 1 - LEXICAL_WEIGHT);
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

  /**
   * Adds each candidate's score scaled to 0..1 over the ranking (the best 1, the last 0; all 1 when
   * they tie) and weighted.
   */
  private static void addScaled(Map<Integer, Float> fused, ScoreDoc[] ranking, float weight) {
    if (ranking.length == 0) {
      return;
    }
    float max = ranking[0].score;
    float min = ranking[0].score;
    for (ScoreDoc doc : ranking) {
      max = Math.max(max, doc.score);
      min = Math.min(min, doc.score);
    }
    float range = max - min;
    for (ScoreDoc doc : ranking) {
      float scaled = range > 0 ? (doc.score - min) / range : 1f;
      fused.merge(doc.doc, weight * scaled, Float::sum);
    }
  }

  private static TopDocs nearest(IndexSearcher searcher, float[] query, Query filter, int k)
      throws IOException {
    return searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, query, k, filter), k);
  }
}
