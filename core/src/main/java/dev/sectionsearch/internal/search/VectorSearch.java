package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.search.join.ToChildBlockJoinQuery;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.VectorUtil;

/**
 * The semantic side of searching: embeds the query, finds the sections nearest it, and fuses them
 * with the lexical candidates of a hybrid search. A section is as near as its nearest chunk (see
 * {@code SemanticPassages}): its chunk vectors are child documents before it in its block, searched
 * with Lucene's {@link DiversifyingChildrenFloatKnnVectorQuery}, which keeps one chunk per section
 * among the k nearest.
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
  /** The sections of each segment: the parents of the chunk documents before each of them. */
  private static final BitSetProducer SECTIONS = new QueryBitSetProducer(IndexSchema.SECTIONS);

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
  public static int candidates(SearchRequest request) {
    return Math.max(MIN_CANDIDATES, request.limit() + 1);
  }

  /** The query's unit vector. */
  public float[] embedQuery(String text) {
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
    if (vectors[0].length != embedder.dimensions()) {
      throw new SectionSearchException(
          "the embedder "
              + embedder.modelId()
              + " returned a query vector of "
              + vectors[0].length
              + " dimensions; it declares "
              + embedder.dimensions());
    }
    try {
      return ChunkVectors.unitVector(vectors[0]);
    } catch (SectionSearchException e) {
      throw new SectionSearchException(
          "the embedder " + embedder.modelId() + " failed on the query: " + e.getMessage(), e);
    }
  }

  /**
   * The mode a request searches in on an index with or without vectors.
   *
   * @throws QueryException when it asks for meaning on an index that has no vectors or no model
   */
  public static SearchMode modeOf(SearchRequest request, VectorSearch vectors, String missing) {
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
    Side side = new Side(nearest);
    return new ScoredDocsQuery(
        searcher.getTopReaderContext(),
        docs,
        scores,
        (on, doc, score) ->
            Explanation.match(
                score,
                String.format(
                    Locale.ROOT,
                    "semantic: similarity to the query of the section's nearest passage, rank %d"
                        + " of the %d nearest",
                    side.rank(doc),
                    side.size())));
  }

  /** The best lexical and the nearest semantic candidates, their scaled scores combined. */
  ScoredDocsQuery hybrid(IndexSearcher searcher, Query lexical, float[] query, Query filter, int k)
      throws IOException {
    TopDocs words = searcher.search(lexical, k);
    TopDocs nearest = nearest(searcher, query, filter, k);
    Map<Integer, Float> fused =
        fuse(docsOf(words), scoresOf(words), docsOf(nearest), scoresOf(nearest));
    int[] docs = new int[fused.size()];
    float[] scores = new float[docs.length];
    int i = 0;
    for (Map.Entry<Integer, Float> entry : fused.entrySet()) {
      docs[i] = entry.getKey();
      scores[i] = entry.getValue();
      i++;
    }
    Side byWords = new Side(words);
    Side byMeaning = new Side(nearest);
    return new ScoredDocsQuery(
        searcher.getTopReaderContext(),
        docs,
        scores,
        (on, doc, score) ->
            Explanation.match(
                score,
                "sum of: hybrid fusion, the mean of the two sides' scores scaled to 0..1",
                byWords.explain(
                    doc,
                    "lexical",
                    LEXICAL_WEIGHT,
                    "best lexical candidates",
                    on.explain(lexical, doc)),
                byMeaning.explain(
                    doc,
                    "semantic",
                    1 - LEXICAL_WEIGHT,
                    "nearest candidates (by the similarity of the section's nearest passage)",
                    null)));
  }

  /** One side's ranking of a hybrid search, to explain where a candidate stood in it. */
  private static final class Side {
    private final Map<Integer, Integer> ranks = new HashMap<>();
    private final float[] scores;
    private final float min;
    private final float max;

    Side(TopDocs top) {
      scores = scoresOf(top);
      float low = Float.POSITIVE_INFINITY;
      float high = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < scores.length; i++) {
        ranks.putIfAbsent(top.scoreDocs[i].doc, i + 1);
        low = Math.min(low, scores[i]);
        high = Math.max(high, scores[i]);
      }
      min = low;
      max = high;
    }

    int rank(int doc) {
      return ranks.getOrDefault(doc, 0);
    }

    int size() {
      return scores.length;
    }

    /** The side's weighted, scaled score of a candidate, with where it came from. */
    Explanation explain(int doc, String name, float weight, String candidates, Explanation raw) {
      Integer rank = ranks.get(doc);
      if (rank == null) {
        return Explanation.match(
            0f, name + ": not among the " + scores.length + " " + candidates + ", scaled score 0");
      }
      float score = scores[rank - 1];
      float scaled = max > min ? (score - min) / (max - min) : 1f;
      String said =
          String.format(
              Locale.ROOT,
              "%s score %.4f, rank %d of the %d %s, scaled to 0..1 over %.4f to %.4f",
              name,
              score,
              rank,
              scores.length,
              candidates,
              min,
              max);
      Explanation scaledScore =
          raw == null ? Explanation.match(scaled, said) : Explanation.match(scaled, said, raw);
      return Explanation.match(
          weight * scaled,
          "product of: " + name + " side",
          Explanation.match(weight, name + " weight"),
          scaledScore);
    }
  }

  private static List<Integer> docsOf(TopDocs top) {
    List<Integer> docs = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc doc : top.scoreDocs) {
      docs.add(doc.doc);
    }
    return docs;
  }

  private static float[] scoresOf(TopDocs top) {
    float[] scores = new float[top.scoreDocs.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = top.scoreDocs[i].score;
    }
    return scores;
  }

  /**
   * The hybrid fusion, for every backend: each candidate's lexical and semantic scores scaled to
   * 0..1 over their ranking and combined with equal weights (see the class documentation).
   *
   * @param lexical the best lexical candidates (any key naming a section)
   * @param lexicalScores their scores, in the same order
   * @param semantic the nearest candidates
   * @param semanticScores their scores
   * @return every candidate's fused score, in no particular order
   */
  public static <K> Map<K, Float> fuse(
      List<K> lexical, float[] lexicalScores, List<K> semantic, float[] semanticScores) {
    Map<K, Float> fused = new HashMap<>();
    addScaled(fused, lexical, lexicalScores, LEXICAL_WEIGHT);
    addScaled(fused, semantic, semanticScores, 1 - LEXICAL_WEIGHT);
    return fused;
  }

  /**
   * Adds each candidate's score scaled to 0..1 over the ranking (the best 1, the last 0; all 1 when
   * they tie) and weighted.
   */
  private static <K> void addScaled(
      Map<K, Float> fused, List<K> ranking, float[] scores, float weight) {
    if (ranking.isEmpty()) {
      return;
    }
    float max = scores[0];
    float min = scores[0];
    for (int i = 0; i < ranking.size(); i++) {
      max = Math.max(max, scores[i]);
      min = Math.min(min, scores[i]);
    }
    float range = max - min;
    for (int i = 0; i < ranking.size(); i++) {
      float scaled = range > 0 ? (scores[i] - min) / range : 1f;
      fused.merge(ranking.get(i), weight * scaled, Float::sum);
    }
  }

  /**
   * The terms of a query's words that a hit's passages should show (those it does not exclude), as
   * the scored field indexes them.
   */
  public static Set<String> queryTerms(Analyzer analyzer, List<String> searchedTexts) {
    Set<String> terms = new HashSet<>();
    for (String text : searchedTexts) {
      terms.addAll(QueryShortening.terms(analyzer, text));
    }
    return terms;
  }

  /**
   * Whether a hit found by meaning shows its semantic passages instead of these word passages: when
   * they highlight none of the query's words, or one of a query of four or more distinct words. A
   * passage built around one incidental word, or a section's opening, rarely shows why such a hit
   * was found; a looser rule (under a third of the words) gave 60% of SciFact's hybrid hits
   * semantic passages, which the passage measures did not find better than their word passages.
   */
  public static boolean wantsSemanticPassages(
      Analyzer analyzer, List<Passage> wordPassages, Set<String> queryTerms) {
    Set<String> shown = new HashSet<>();
    for (Passage passage : wordPassages) {
      for (String highlighted : passage.highlightedTexts()) {
        shown.addAll(QueryShortening.terms(analyzer, highlighted));
      }
    }
    shown.retainAll(queryTerms);
    return shown.isEmpty() || (shown.size() == 1 && queryTerms.size() >= 4);
  }

  /**
   * The k sections whose best chunks are nearest the query, each scored by that chunk: the chunks'
   * graph is searched for the nearest chunk of k distinct sections, then each chunk stands for its
   * section. The filter, on sections, applies to the chunks of the sections it keeps.
   */
  private static TopDocs nearest(IndexSearcher searcher, float[] query, Query filter, int k)
      throws IOException {
    Query chunks =
        filter == null
            ? null
            : new ToChildBlockJoinQuery(ChunkVectors.onlySections(filter), SECTIONS);
    TopDocs nearest =
        searcher.search(
            new DiversifyingChildrenFloatKnnVectorQuery(
                IndexSchema.VECTOR, query, chunks, k, SECTIONS),
            k);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (ScoreDoc hit : nearest.scoreDocs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
      BitSet sections = SECTIONS.getBitSet(leaf);
      hit.doc = leaf.docBase + sections.nextSetBit(hit.doc - leaf.docBase);
    }
    return nearest;
  }

  /**
   * The vectors of a section's chunks, stored before it in its block.
   *
   * @param section the section's document number in the searcher
   * @param chunks how many chunks the section records
   * @return empty when the section's block does not hold that many chunk vectors
   */
  static List<float[]> chunkVectors(IndexSearcher searcher, int section, int chunks)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(section, leaves));
    int local = section - leaf.docBase;
    BitSet sections = SECTIONS.getBitSet(leaf);
    FloatVectorValues vectors = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
    if (sections == null || vectors == null || chunks == 0) {
      return List.of();
    }
    int first = local == 0 ? 0 : sections.prevSetBit(local - 1) + 1;
    if (local - first != chunks) {
      return List.of();
    }
    List<float[]> read = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      if (vectors.advance(first + i) != first + i) {
        return List.of();
      }
      read.add(vectors.vectorValue().clone());
    }
    return read;
  }

  /**
   * The closeness to the query of each chunk of a section: the dot products of the chunk vectors
   * stored before it with the query's vector.
   *
   * @param section the section's document number in the searcher
   * @param chunks how many chunks the section records
   * @return one score per chunk; empty when the section's block does not hold that many chunk
   *     vectors (a section written without them)
   */
  public static float[] chunkScores(IndexSearcher searcher, int section, int chunks, float[] query)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(section, leaves));
    int local = section - leaf.docBase;
    BitSet sections = SECTIONS.getBitSet(leaf);
    FloatVectorValues vectors = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
    if (sections == null || vectors == null) {
      return new float[0];
    }
    int first = local == 0 ? 0 : sections.prevSetBit(local - 1) + 1;
    if (local - first != chunks) {
      return new float[0];
    }
    float[] scores = new float[chunks];
    for (int i = 0; i < chunks; i++) {
      if (vectors.advance(first + i) != first + i || vectors.dimension() != query.length) {
        return new float[0];
      }
      scores[i] = VectorUtil.dotProduct(query, vectors.vectorValue());
    }
    return scores;
  }
}
