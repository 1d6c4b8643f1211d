package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.ScoreExplanation;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * What a backend does for the {@link SearchPipeline}: translate a {@link QueryPlan} into its own
 * query language, run sorted, counted and aggregated searches, and read the hits' stored fields.
 * Everything else (reading the query, paging, collapsing to one section per document, totals,
 * cursors, facet order, passages and citations, semantic passages, notes) is the pipeline's, the
 * same for every backend.
 *
 * <p>One instance serves one request, on one view of the index where the backend has views: it may
 * keep state for that request (which view it read, what it has to note).
 *
 * @param <Q> the backend's query
 * @param <H> the backend's handle of a hit, for reading its fields
 */
public interface SearchBackend<Q, H> {
  /**
   * The index's terms and document frequencies, for shortening long queries by rarity and for
   * correcting typos; empty where the backend does not read them (queries are then shortened in
   * query order, and not corrected).
   */
  Optional<IndexReader> statistics();

  /** Every section. */
  Q all();

  /**
   * The plan's scoring query, proximity pairs included, or empty when no part may match (every word
   * a stop word).
   */
  Optional<Q> scoring(QueryPlan plan);

  /** Every section no excluded part of the plan matches: a search that only excludes. */
  Q allExcept(QueryPlan plan);

  /**
   * The query with newer sections ranked higher: each score times {@link Recency#factor} of its
   * section's date, a section without a date unchanged.
   *
   * @param today the day ages count from, in days since 1970-01-01
   * @param halfLifeDays the age at which the boost is halved
   */
  Q recent(Q query, long today, long halfLifeDays);

  /** The query restricted to the request's date range and metadata filters. */
  Q filtered(Q query, SearchRequest request);

  /** The query restricted to the sections of one document. */
  Q inDocument(Q query, String docId);

  /**
   * The candidates of a semantic or hybrid search as a query of fixed scores, which then pages,
   * collapses and counts like any other: the {@code k} sections nearest {@code vector} among those
   * the request's filters and the plan's required and excluded words keep, fused for a hybrid
   * search with the best {@code k} of {@code scoring} (see {@link VectorSearch#fuse}).
   *
   * @param scoring the plan's scoring query, empty when it has only stop words (then semantic)
   */
  Q byMeaning(
      SearchMode mode,
      QueryPlan plan,
      SearchRequest request,
      float[] vector,
      Optional<Q> scoring,
      int k)
      throws IOException;

  /**
   * The first {@code n} matches in the order, after a position.
   *
   * @param view the view to read, from a cursor or an earlier batch of this request; null for the
   *     current one (a backend reads the view it was given, or the current one when that is gone)
   * @param after the sort values of the hit to start after
   * @param counted how many matches to count exactly ({@link Integer#MAX_VALUE}: all); at most
   *     {@code n} means no count is needed
   * @param docIds whether the hits need their document ids
   */
  Batch<H> top(
      Q query,
      SortOrder order,
      String view,
      Optional<List<Object>> after,
      int n,
      int counted,
      boolean docIds)
      throws IOException;

  /** How many distinct documents the query's sections belong to. */
  long countDocuments(Q query) throws IOException;

  /**
   * Counts of each key's values among the matches (sections, or documents when {@code documents}),
   * in any order: the pipeline orders and cuts them.
   */
  Map<String, Map<String, Long>> facets(Q query, List<String> keys, boolean documents)
      throws IOException;

  /**
   * The hits' stored fields, in their order.
   *
   * @param body whether to read the body (for passages or the section's text)
   * @param chunks whether to read the chunk offsets (for semantic passages)
   */
  List<StoredSection> read(List<Hit<H>> hits, boolean body, boolean chunks) throws IOException;

  /**
   * Each hit's passages with the plan's words highlighted, by {@link
   * dev.sectionsearch.internal.passage.PassageBuilder} on the highlight query of {@link
   * LuceneQueries}; offsets in the body.
   */
  List<List<Passage>> passages(
      List<Hit<H>> hits, List<StoredSection> sections, QueryPlan plan, int maxPassages)
      throws IOException;

  /**
   * The closeness to the vector of each chunk of some hits' sections, read in one go.
   *
   * @param chunks by index in {@code hits}: how many chunks the section records
   * @return by index in {@code hits}: one score per chunk; absent or empty where the backend does
   *     not hold the section's chunk vectors, or holds another number of them (the hit keeps its
   *     word passages)
   */
  Map<Integer, float[]> chunkScores(List<Hit<H>> hits, Map<Integer, Integer> chunks, float[] vector)
      throws IOException;

  /**
   * The section of a document at an ordinal, as a query (for the opening of a subsection, shown for
   * a hit whose section has no text of its own); empty where the backend cannot ask for it.
   */
  default Optional<Q> section(String docId, int ordinal) {
    return Optional.empty();
  }

  /** The query without the sections {@code excluded} matches. */
  Q without(Q query, Q excluded);

  /**
   * How many sections hold each of some terms of the content field (as analysed), and how many
   * sections hold any text: what tells a section's telling words from common ones. By default read
   * from {@link #statistics()}.
   *
   * @throws UnsupportedOperationException when the backend has no statistics and does not count
   */
  default Frequencies frequencies(List<String> terms) throws IOException {
    IndexReader reader =
        statistics()
            .orElseThrow(
                () -> new UnsupportedOperationException("no term statistics on this backend"));
    Map<String, Long> counts = new java.util.HashMap<>();
    for (String term : terms) {
      counts.put(term, (long) reader.docFreq(new Term(IndexSchema.CONTENT, term)));
    }
    return new Frequencies(reader.getDocCount(IndexSchema.CONTENT), counts);
  }

  /**
   * The vectors of a section's chunks, in order, or empty where the backend does not hold them (or
   * holds another number of them).
   *
   * @param chunks how many chunks the section records
   */
  default List<float[]> chunkVectors(Hit<H> hit, int chunks) throws IOException {
    return List.of();
  }

  /**
   * Term counts.
   *
   * @param sections how many sections hold any text
   * @param terms by term, how many sections hold it
   */
  record Frequencies(long sections, Map<String, Long> terms) {}

  /**
   * Why each hit matched and scored as it did under the query, in the order of the hits; empty
   * where the backend cannot explain its scores (the hits then carry no explanation).
   */
  default List<ScoreExplanation> explain(Q query, List<Hit<H>> hits) throws IOException {
    return List.of();
  }

  /** What the results should say about how this backend answered (a shard that did not answer). */
  List<String> notes();

  /**
   * A match.
   *
   * @param ref the backend's handle, for reading its fields
   * @param id what tells this section from others in the view (equal ids, same section)
   * @param score its relevance score on the embedded index's scale
   * @param sortValues its sort values, for a cursor: a {@link Float} score, {@link Long} otherwise
   * @param docId its document's id, or null when not asked for
   */
  record Hit<H>(H ref, Object id, float score, List<Object> sortValues, String docId) {}

  /**
   * A batch of matches in sort order.
   *
   * @param total how many matched in all, exactly or at least (0 when not counted)
   * @param view the backend's name for the view read, for cursors and later batches
   */
  record Batch<H>(List<Hit<H>> hits, long total, boolean totalExact, String view) {}

  /**
   * A hit's stored fields, as every backend stores them.
   *
   * @param body the section's text, or null when not read
   * @param bodyOffset where the body starts in the content field's offsets
   * @param chunks the chunk offsets of a section embedded in chunks, or null
   */
  record StoredSection(
      String docId,
      String title,
      List<String> headingPath,
      int ordinal,
      String source,
      int start,
      int end,
      Optional<LocalDate> date,
      int page,
      Map<String, List<String>> metadata,
      BytesRef sourceMap,
      String body,
      int bodyOffset,
      BytesRef chunks) {}
}
