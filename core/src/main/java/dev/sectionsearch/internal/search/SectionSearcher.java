package dev.sectionsearch.internal.search;

import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.StoredSections;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Searches the embedded index: the {@link SearchPipeline} on a {@link LuceneBackend} over one view
 * of the index; and reads a document back.
 *
 * <p>Part of the library's internals, public only across its packages; use {@link
 * dev.sectionsearch.SectionIndex#search(SearchRequest)}. Thread-safe.
 */
public final class SectionSearcher {
  private final LuceneQueries queries;
  private final PassageBuilder passageBuilder;
  private final SearchPipeline pipeline;

  /** Semantic and hybrid search, or null on an index without vectors (or opened without model). */
  private final VectorSearch vectors;

  /**
   * @param analyzer the analyzer the index was written with
   * @param titleBoost the weight of a title match relative to a body match
   * @param headingBoost the weight of a heading match relative to a body match
   * @param proximityBoost the weight of consecutive query words found near each other
   * @param maxQueryWords the most words (and phrases) of one query searched; a longer query keeps
   *     its most informative ones
   */
  public SectionSearcher(
      Analyzer analyzer,
      float titleBoost,
      float headingBoost,
      float proximityBoost,
      int maxQueryWords) {
    this(
        analyzer,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        null,
        "needs an index written with an embedder");
  }

  /**
   * A searcher that also searches by meaning.
   *
   * @param vectors the semantic side, or null when the index has no vectors or no model to embed
   *     queries with
   * @param noVectors why semantic searches are refused when {@code vectors} is null, as the end of
   *     a sentence starting "a semantic search"
   */
  public SectionSearcher(
      Analyzer analyzer,
      float titleBoost,
      float headingBoost,
      float proximityBoost,
      int maxQueryWords,
      VectorSearch vectors,
      String noVectors) {
    this.vectors = vectors;
    this.queries = new LuceneQueries(analyzer, titleBoost, headingBoost, proximityBoost);
    this.passageBuilder = new PassageBuilder(analyzer, IndexSchema.CONTENT);
    this.pipeline = new SearchPipeline(analyzer, maxQueryWords, vectors, noVectors);
  }

  /**
   * Runs a request on one view of the index.
   *
   * @param after the request's cursor, read once ({@link Cursor#of})
   * @throws QueryException naming the query when it has nothing to search for, analyses to too many
   *     terms, or carries a cursor this index did not issue
   */
  public SearchResults search(IndexSearcher searcher, SearchRequest request, Optional<Cursor> after)
      throws IOException {
    return pipeline.search(
        new LuceneBackend(searcher, queries, passageBuilder, vectors), request, after);
  }

  /**
   * The sections like one, on one view of the index (see {@link SearchPipeline#related}).
   *
   * @return empty when the view does not hold the section
   */
  public Optional<SearchResults> related(
      IndexSearcher searcher, String docId, int ordinal, int limit) throws IOException {
    return pipeline.related(
        new LuceneBackend(searcher, queries, passageBuilder, vectors), docId, ordinal, limit);
  }

  /**
   * The version of the index view a cursor was read from, for reading the next page from the same
   * view; empty for a first page (or a cursor of another backend).
   */
  public static OptionalLong viewVersion(Optional<Cursor> after) {
    try {
      return after.isPresent()
          ? OptionalLong.of(Long.parseLong(after.get().view()))
          : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * A document with all its sections, as the searcher's view holds it.
   *
   * @return empty when no document has the id
   */
  public static Optional<IndexedDocument> document(IndexSearcher searcher, String docId)
      throws IOException {
    Query query = ChunkVectors.onlySections(new TermQuery(new Term(IndexSchema.DOC_ID, docId)));
    int count = searcher.count(query);
    if (count == 0) {
      return Optional.empty();
    }
    StoredFields stored = searcher.storedFields();
    List<org.apache.lucene.document.Document> read = new ArrayList<>(count);
    for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
      read.add(stored.document(hit.doc));
    }
    read.sort(Comparator.comparingInt(SectionSearcher::storedOrdinal));
    org.apache.lucene.document.Document first = read.get(0);
    List<Section> sections = new ArrayList<>(read.size());
    for (org.apache.lucene.document.Document doc : read) {
      sections.add(
          new Section(
              doc.get(IndexSchema.HEADING),
              StoredSections.storedHeadingPath(doc),
              storedOrdinal(doc),
              doc.get(IndexSchema.BODY),
              doc.getField(IndexSchema.START).numericValue().intValue(),
              doc.getField(IndexSchema.END).numericValue().intValue(),
              StoredSections.storedPage(doc)));
    }
    return Optional.of(
        new IndexedDocument(
            docId,
            first.get(IndexSchema.TITLE),
            StoredSections.storedDate(first),
            first.get(IndexSchema.SOURCE),
            StoredSections.storedMetadata(first),
            sections));
  }

  private static int storedOrdinal(org.apache.lucene.document.Document doc) {
    return doc.getField(IndexSchema.ORDINAL).numericValue().intValue();
  }
}
