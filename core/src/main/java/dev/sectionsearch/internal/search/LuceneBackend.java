package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.StoredSections;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.ScoreExplanation;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded index as a {@link SearchBackend}: Lucene queries ({@link LuceneQueries}) run on one
 * view of the index ({@link IndexSearcher}); a hit's handle is its document number in that view.
 * One instance per request.
 */
final class LuceneBackend implements SearchBackend<Query, Integer> {
  /** The stored fields a hit shows: all but the body, which can be long. */
  private static final Set<String> HIT_FIELDS =
      Set.of(
          IndexSchema.DOC_ID,
          IndexSchema.TITLE,
          IndexSchema.HEADING,
          IndexSchema.HEADING_PATH,
          IndexSchema.ORDINAL,
          IndexSchema.DATE,
          IndexSchema.SOURCE,
          IndexSchema.START,
          IndexSchema.END,
          IndexSchema.PAGE,
          IndexSchema.SOURCE_MAP,
          IndexSchema.METADATA);

  private static final Set<String> HIT_FIELDS_AND_BODY =
      Stream.concat(HIT_FIELDS.stream(), Stream.of(IndexSchema.BODY, IndexSchema.BODY_OFFSET))
          .collect(Collectors.toUnmodifiableSet());

  private static final Set<String> HIT_FIELDS_BODY_AND_CHUNKS =
      Stream.concat(HIT_FIELDS_AND_BODY.stream(), Stream.of(IndexSchema.CHUNKS))
          .collect(Collectors.toUnmodifiableSet());

  private final IndexSearcher searcher;
  private final LuceneQueries queries;
  private final PassageBuilder passageBuilder;
  private final VectorSearch vectors;

  /** The request's plan translated, once: scoring and highlighting share it. */
  private LuceneQueries.Translated translated;

  LuceneBackend(
      IndexSearcher searcher,
      LuceneQueries queries,
      PassageBuilder passageBuilder,
      VectorSearch vectors) {
    this.searcher = searcher;
    this.queries = queries;
    this.passageBuilder = passageBuilder;
    this.vectors = vectors;
  }

  private LuceneQueries.Translated translated(QueryPlan plan) {
    if (translated == null) {
      translated = queries.translate(plan);
    }
    return translated;
  }

  @Override
  public Optional<IndexReader> statistics() {
    return Optional.of(searcher.getIndexReader());
  }

  @Override
  public Query all() {
    return ChunkVectors.allSections(searcher.getIndexReader());
  }

  @Override
  public Optional<Query> scoring(QueryPlan plan) {
    return translated(plan).scoring();
  }

  @Override
  public Query allExcept(QueryPlan plan) {
    BooleanQuery.Builder rest = new BooleanQuery.Builder();
    rest.add(all(), BooleanClause.Occur.MUST);
    translated(plan)
        .excluded()
        .ifPresent(excluded -> rest.add(excluded, BooleanClause.Occur.MUST_NOT));
    return rest.build();
  }

  @Override
  public Query recent(Query query, long today, long halfLifeDays) {
    return Recency.boost(query, today, halfLifeDays);
  }

  @Override
  public Query filtered(Query query, SearchRequest request) {
    return LuceneQueries.withFilters(query, request);
  }

  @Override
  public Query inDocument(Query query, String docId) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexSchema.DOC_ID, docId)), BooleanClause.Occur.FILTER)
        .build();
  }

  @Override
  public Optional<Query> section(String docId, int ordinal) {
    return Optional.of(inDocument(IntPoint.newExactQuery(IndexSchema.ORDINAL, ordinal), docId));
  }

  @Override
  public Query byMeaning(
      SearchMode mode,
      QueryPlan plan,
      SearchRequest request,
      float[] vector,
      Optional<Query> scoring,
      int k)
      throws IOException {
    Query filter = translated(plan).constraints(request);
    return mode == SearchMode.SEMANTIC || scoring.isEmpty()
        ? vectors.semantic(searcher, vector, filter, k)
        : vectors.hybrid(searcher, filtered(scoring.get(), request), vector, filter, k);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The view is this backend's searcher, chosen by the index from the cursor before the request
   * ran.
   */
  @Override
  public Batch<Integer> top(
      Query query,
      SortOrder order,
      String view,
      Optional<List<Object>> after,
      int n,
      int counted,
      boolean docIds)
      throws IOException {
    Sort sort = sortFor(order);
    // every section has its own key, so the document number never decides; the largest one puts
    // the cursor after any section with equal sort values
    FieldDoc position =
        after
            .map(values -> new FieldDoc(Integer.MAX_VALUE, Float.NaN, values.toArray()))
            .orElse(null);
    TopFieldDocs top =
        searcher.search(
            query, new TopFieldCollectorManager(sort, n, position, Math.max(counted, n)));
    int scoreField = order == SortOrder.RELEVANCE ? 0 : 1;
    StoredFields stored = docIds ? searcher.storedFields() : null;
    List<Hit<Integer>> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc doc : top.scoreDocs) {
      Object[] values = ((FieldDoc) doc).fields;
      // the score is a sort key, so the collector kept it: no need to score the hits again
      float score = (Float) values[scoreField];
      String docId =
          docIds
              ? stored.document(doc.doc, Set.of(IndexSchema.DOC_ID)).get(IndexSchema.DOC_ID)
              : null;
      hits.add(new Hit<>(doc.doc, doc.doc, score, Arrays.asList(values), docId));
    }
    return new Batch<>(
        hits,
        top.totalHits.value,
        top.totalHits.relation == TotalHits.Relation.EQUAL_TO,
        String.valueOf(viewVersion()));
  }

  private long viewVersion() {
    return searcher.getIndexReader() instanceof DirectoryReader reader ? reader.getVersion() : -1;
  }

  /** The sort for an order; the section key last makes every position unique for paging. */
  static Sort sortFor(SortOrder order) {
    SortField key = new SortField(IndexSchema.SECTION_KEY, SortField.Type.LONG);
    switch (order) {
      case NEWEST:
        return new Sort(dateField(true), SortField.FIELD_SCORE, key);
      case OLDEST:
        return new Sort(dateField(false), SortField.FIELD_SCORE, key);
      default:
        return new Sort(SortField.FIELD_SCORE, key);
    }
  }

  /** Sorts by date with undated sections last in either direction. */
  private static SortField dateField(boolean newestFirst) {
    SortField date = new SortField(IndexSchema.DATE, SortField.Type.LONG, newestFirst);
    date.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return date;
  }

  @Override
  public long countDocuments(Query query) throws IOException {
    return searcher.search(query, new DistinctDocuments());
  }

  @Override
  public Map<String, Map<String, Long>> facets(Query query, List<String> keys, boolean documents)
      throws IOException {
    return Facets.count(searcher, query, keys, documents);
  }

  @Override
  public List<StoredSection> read(List<Hit<Integer>> hits, boolean body, boolean chunks)
      throws IOException {
    Set<String> fields =
        chunks ? HIT_FIELDS_BODY_AND_CHUNKS : body ? HIT_FIELDS_AND_BODY : HIT_FIELDS;
    StoredFields stored = searcher.storedFields();
    List<StoredSection> sections = new ArrayList<>(hits.size());
    for (Hit<Integer> hit : hits) {
      org.apache.lucene.document.Document doc = stored.document(hit.ref(), fields);
      sections.add(
          new StoredSection(
              doc.get(IndexSchema.DOC_ID),
              doc.get(IndexSchema.TITLE),
              StoredSections.storedHeadingPath(doc),
              doc.getField(IndexSchema.ORDINAL).numericValue().intValue(),
              doc.get(IndexSchema.SOURCE),
              doc.getField(IndexSchema.START).numericValue().intValue(),
              doc.getField(IndexSchema.END).numericValue().intValue(),
              StoredSections.storedDate(doc),
              StoredSections.storedPage(doc),
              StoredSections.storedMetadata(doc),
              doc.getBinaryValue(IndexSchema.SOURCE_MAP),
              doc.get(IndexSchema.BODY),
              body ? doc.getField(IndexSchema.BODY_OFFSET).numericValue().intValue() : 0,
              chunks ? doc.getBinaryValue(IndexSchema.CHUNKS) : null));
    }
    return sections;
  }

  @Override
  public List<List<Passage>> passages(
      List<Hit<Integer>> hits, List<StoredSection> sections, QueryPlan plan, int maxPassages)
      throws IOException {
    int[] ids = new int[hits.size()];
    String[] bodies = new String[ids.length];
    int[] bodyOffsets = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = hits.get(i).ref();
      bodies[i] = sections.get(i).body();
      bodyOffsets[i] = sections.get(i).bodyOffset();
    }
    return passageBuilder.passages(
        searcher, translated(plan).highlight(), ids, bodies, bodyOffsets, maxPassages);
  }

  @Override
  public Map<Integer, float[]> chunkScores(
      List<Hit<Integer>> hits, Map<Integer, Integer> chunks, float[] vector) throws IOException {
    Map<Integer, float[]> scores = new HashMap<>();
    for (Map.Entry<Integer, Integer> hit : chunks.entrySet()) {
      scores.put(
          hit.getKey(),
          VectorSearch.chunkScores(searcher, hits.get(hit.getKey()).ref(), hit.getValue(), vector));
    }
    return scores;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Lucene's explanation of each hit under the final query ({@link IndexSearcher#explain}),
   * simplified ({@link Explanations}).
   */
  @Override
  public List<ScoreExplanation> explain(Query query, List<Hit<Integer>> hits) throws IOException {
    List<ScoreExplanation> explained = new ArrayList<>(hits.size());
    StoredFields stored = searcher.storedFields();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (Hit<Integer> hit : hits) {
      int doc = hit.ref();
      ScoreExplanation simplified = Explanations.simplify(searcher.explain(query, doc));
      org.apache.lucene.document.Document fields =
          stored.document(doc, Set.of(IndexSchema.BODY_OFFSET));
      int bodyOffset =
          fields.getField(IndexSchema.BODY_OFFSET) == null
              ? 0
              : fields.getField(IndexSchema.BODY_OFFSET).numericValue().intValue();
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      explained.add(
          Explanations.placed(
              simplified, term -> occurrences(leaf, doc - leaf.docBase, term, bodyOffset)));
    }
    return explained;
  }

  /**
   * Where a term occurs in a section's content field: before the body (title and headings) and in
   * it, by the offsets the field is indexed with; null when they cannot be read.
   */
  private static Explanations.Occurrences occurrences(
      LeafReaderContext leaf, int doc, String term, int bodyOffset) throws IOException {
    Terms terms = leaf.reader().terms(IndexSchema.CONTENT);
    if (terms == null || !terms.hasOffsets()) {
      return null;
    }
    TermsEnum iterator = terms.iterator();
    if (!iterator.seekExact(new BytesRef(term))) {
      return null;
    }
    PostingsEnum postings = iterator.postings(null, PostingsEnum.OFFSETS);
    if (postings.advance(doc) != doc) {
      return null;
    }
    int head = 0;
    int body = 0;
    for (int i = 0; i < postings.freq(); i++) {
      postings.nextPosition();
      if (postings.startOffset() < bodyOffset) {
        head++;
      } else {
        body++;
      }
    }
    return new Explanations.Occurrences(head, body);
  }

  @Override
  public Query without(Query query, Query excluded) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(excluded, BooleanClause.Occur.MUST_NOT)
        .build();
  }

  @Override
  public List<float[]> chunkVectors(Hit<Integer> hit, int chunks) throws IOException {
    return VectorSearch.chunkVectors(searcher, hit.ref(), chunks);
  }

  @Override
  public List<String> notes() {
    return List.of();
  }
}
