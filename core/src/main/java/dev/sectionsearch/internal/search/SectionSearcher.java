package dev.sectionsearch.internal.search;

import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SourceMap;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.internal.passage.SemanticPassages;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import dev.sectionsearch.internal.search.QueryParsing.Kind;
import dev.sectionsearch.internal.search.QueryParsing.Occurrence;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Runs {@link SearchRequest}s against a section index: turns the safe query syntax into a Lucene
 * query over body, heading and title, sorts, pages, collapses and attaches passages.
 *
 * <p>Part of the library's internals, public only across its packages; use {@link
 * dev.sectionsearch.SectionIndex#search(SearchRequest)}. Thread-safe.
 */
public final class SectionSearcher {
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

  private final Analyzer analyzer;
  private final float titleBoost;
  private final float headingBoost;
  private final float proximityBoost;
  private final int maxQueryWords;
  private final QueryBuilder queryBuilder;
  private final PassageBuilder passageBuilder;

  /** Semantic and hybrid search, or null on an index without vectors (or opened without model). */
  private final VectorSearch vectors;

  /** Why a semantic search is refused when {@link #vectors} is null, ending a sentence. */
  private final String noVectors;

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
    this.noVectors = noVectors;
    this.analyzer = analyzer;
    this.titleBoost = titleBoost;
    this.headingBoost = headingBoost;
    this.proximityBoost = proximityBoost;
    this.maxQueryWords = maxQueryWords;
    this.queryBuilder = new QueryBuilder(analyzer);
    this.passageBuilder = new PassageBuilder(analyzer, IndexSchema.CONTENT);
  }

  /**
   * Runs a request.
   *
   * @throws QueryException naming the query when it has nothing to search for, analyses to too many
   *     terms, or carries a cursor this index did not issue
   */
  public SearchResults search(IndexSearcher searcher, SearchRequest request) throws IOException {
    String text = request.query();
    if (request.isBrowse()) {
      return run(
          searcher,
          request,
          List.of(),
          IndexSchema.allSections(searcher.getIndexReader()),
          Reading.NONE);
    }
    List<Clause> clauses = QueryParsing.parse(text);
    if (clauses.isEmpty()) {
      throw new QueryException(text, "no words to search for");
    }
    if (clauses.stream().allMatch(c -> c.occurrence() == Occurrence.MUST_NOT)) {
      // only exclusions: browse what is left
      BooleanQuery.Builder rest = new BooleanQuery.Builder();
      rest.add(IndexSchema.allSections(searcher.getIndexReader()), BooleanClause.Occur.MUST);
      scoringQuery(clauses, fields(), true)
          .ifPresent(excluded -> rest.add(excluded, BooleanClause.Occur.MUST_NOT));
      return run(searcher, request, List.of(), rest.build(), Reading.NONE);
    }
    SearchMode mode = VectorSearch.modeOf(request, vectors, noVectors);
    QueryShortening.Shortened shortened =
        QueryShortening.shorten(clauses, maxQueryWords, analyzer, searcher.getIndexReader());
    Typos.Corrected corrected =
        request.typoTolerance().orElse(true)
            ? Typos.correct(
                text,
                shortened.clauses(),
                analyzer,
                new IndexLexicon(searcher.getIndexReader(), analyzer))
            : new Typos.Corrected(shortened.clauses(), false, Optional.empty());
    List<Clause> searched = corrected.clauses();
    Reading reading = new Reading(shortened.notes(), corrected.didYouMean());
    Optional<Query> scoring =
        scoringQuery(searched, fields(), false).map(query -> withProximity(query, searched));
    if (mode != SearchMode.LEXICAL) {
      return byMeaning(searcher, request, mode, searched, scoring, reading);
    }
    if (scoring.isEmpty()) {
      // every word was a stop word ("the", "of"): nothing can match
      return SearchResults.builder(text).note(QueryPlan.nothingToSearchNote(text)).build();
    }
    try {
      return run(searcher, request, searched, scoring.get(), reading);
    } catch (IndexSearcher.TooManyClauses e) {
      // words that each analyse to several terms can multiply past Lucene's clause limit
      QueryException tooMany =
          new QueryException(
              text,
              "too many terms (the limit is "
                  + IndexSearcher.getMaxClauseCount()
                  + " terms across title, heading and text)");
      tooMany.initCause(e);
      throw tooMany;
    }
  }

  /**
   * A semantic or hybrid search: the candidates found by meaning (and by words), ranked, paged and
   * counted like a lexical search's matches. A query of stop words only still has a meaning.
   */
  private SearchResults byMeaning(
      IndexSearcher searcher,
      SearchRequest request,
      SearchMode mode,
      List<Clause> clauses,
      Optional<Query> scoring,
      Reading reading)
      throws IOException {
    float[] query = vectors.embedQuery(request.query());
    Query filter = constraints(request, clauses);
    int k = VectorSearch.candidates(request);
    Query candidates =
        mode == SearchMode.SEMANTIC || scoring.isEmpty()
            ? vectors.semantic(searcher, query, filter, k)
            : vectors.hybrid(searcher, withFilters(scoring.get(), request), query, filter, k);
    return run(searcher, request, clauses, candidates, reading, Optional.of(query));
  }

  /**
   * What every candidate found by meaning must satisfy, or null for nothing: the request's date and
   * metadata filters and the query's required and excluded words.
   */
  private Query constraints(SearchRequest request, List<Clause> clauses) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    Query filters = withFilters(new MatchAllDocsQuery(), request);
    boolean any = !(filters instanceof MatchAllDocsQuery);
    builder.add(filters, BooleanClause.Occur.FILTER);
    for (Clause clause : clauses) {
      if (clause.occurrence() == Occurrence.SHOULD) {
        continue;
      }
      Optional<Query> words = acrossFields(clause, fields());
      if (words.isPresent()) {
        builder.add(
            words.get(),
            clause.occurrence() == Occurrence.MUST
                ? BooleanClause.Occur.FILTER
                : BooleanClause.Occur.MUST_NOT);
        any = true;
      }
    }
    return any ? builder.build() : null;
  }

  /** How the query was read, for the results: notes on shortening, the query in corrected words. */
  private record Reading(List<String> notes, Optional<String> didYouMean) {
    static final Reading NONE = new Reading(List.of(), Optional.empty());
  }

  private SearchResults run(
      IndexSearcher searcher,
      SearchRequest request,
      List<Clause> clauses,
      Query scoring,
      Reading reading)
      throws IOException {
    return run(searcher, request, clauses, scoring, reading, Optional.empty());
  }

  /**
   * @param meaning the query's vector in a semantic or hybrid search: its totals count candidates,
   *     and its hits with few of the query's words get semantic passages
   */
  private SearchResults run(
      IndexSearcher searcher,
      SearchRequest request,
      List<Clause> clauses,
      Query scoring,
      Reading reading,
      Optional<float[]> meaning)
      throws IOException {
    String text = request.query();
    Query query = withFilters(scoring, request);
    // browsing has no relevance to rank by: newest first, unless the request says otherwise
    SortOrder order =
        clauses.isEmpty() && request.sort() == SortOrder.RELEVANCE
            ? SortOrder.NEWEST
            : request.sort();
    Sort sort = sortFor(order);
    int search = SearchKey.of(request, order);
    Optional<FieldDoc> after =
        request.after().map(cursor -> Cursor.decode(cursor, search, sort, text));
    Page page =
        request.collapse()
            ? collapsedPage(searcher, query, sort, after, request.limit())
            : page(searcher, query, sort, after, request.limit(), request.exactTotal());
    long total = request.collapse() ? countDocuments(searcher, query) : page.totalHits;
    boolean exact = meaning.isEmpty() && (request.collapse() || page.totalHitsExact);
    List<SearchHit> hits = toHits(searcher, page.docs, clauses, request, meaning);
    SearchResults.Builder results =
        SearchResults.builder(text).totalHits(Math.max(total, hits.size()), exact).hits(hits);
    if (page.more && !page.docs.isEmpty()) {
      results.nextCursor(
          Cursor.encode(viewVersion(searcher), search, (FieldDoc) lastOf(page.docs)));
    }
    if (!request.facets().isEmpty()) {
      Facets.count(searcher, query, request.facets(), request.collapse()).forEach(results::facet);
    }
    reading.notes().forEach(results::note);
    reading.didYouMean().ifPresent(results::didYouMean);
    return results.build();
  }

  /**
   * The version of the index view a request's cursor was read from, for reading the next page from
   * the same view; empty for a first page (or a text that is no cursor).
   */
  public static OptionalLong cursorViewVersion(SearchRequest request) {
    return request.after().map(Cursor::viewVersion).orElse(OptionalLong.empty());
  }

  private static ScoreDoc lastOf(List<ScoreDoc> docs) {
    return docs.get(docs.size() - 1);
  }

  private static long viewVersion(IndexSearcher searcher) {
    return searcher.getIndexReader() instanceof DirectoryReader reader ? reader.getVersion() : -1;
  }

  private List<FieldWeight> fields() {
    return List.of(
        new FieldWeight(IndexSchema.CONTENT, 1f),
        new FieldWeight(IndexSchema.HEADING, headingBoost),
        new FieldWeight(IndexSchema.TITLE, titleBoost));
  }

  private record FieldWeight(String field, float boost) {}

  /**
   * The query over the given fields, or empty when no positive clause has a searchable term. Each
   * clause matches in any field; a section's score is the sum of its weighted field scores.
   */
  private Optional<Query> scoringQuery(
      List<Clause> clauses, List<FieldWeight> fields, boolean excludedOnly) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (Clause clause : clauses) {
      if (excludedOnly && clause.occurrence() != Occurrence.MUST_NOT) {
        continue;
      }
      Optional<Query> query = acrossFields(clause, fields);
      if (query.isEmpty()) {
        continue;
      }
      // the excluded clauses alone: any of them is what to leave out
      builder.add(
          query.get(),
          excludedOnly ? BooleanClause.Occur.SHOULD : QueryPlan.occur(clause.occurrence()));
      positive |= excludedOnly || clause.occurrence() != Occurrence.MUST_NOT;
    }
    return positive ? Optional.of(builder.build()) : Optional.empty();
  }

  /**
   * The query with the proximity boost added, when the query has words to be near. The pairs join
   * the query's own clauses as optional ones rather than wrapping it: a pair only matches where its
   * words do, so the matches stay the same, and one flat disjunction lets Lucene skip sections that
   * cannot reach the top hits, where a wrapped query is scored section by section.
   */
  private Query withProximity(Query query, List<Clause> clauses) {
    List<Query> pairs = proximityPairs(clauses);
    if (pairs.isEmpty() || !(query instanceof BooleanQuery)) {
      return query;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (BooleanClause clause : (BooleanQuery) query) {
      builder.add(clause);
    }
    for (Query pair : pairs) {
      builder.add(pair, BooleanClause.Occur.SHOULD);
    }
    return builder.build();
  }

  /**
   * Rewards sections where consecutive query words stand close together, in either order: "heart
   * attack" near each other says more than the two words far apart. Each pair only matches sections
   * its words already match, so it never changes which sections match.
   */
  private List<Query> proximityPairs(List<Clause> clauses) {
    if (proximityBoost == 0f) {
      return List.of();
    }
    List<Query> pairs = new ArrayList<>();
    for (List<String> pair : QueryPlan.proximityPairs(clauses, analyzer)) {
      Query near =
          new PhraseQuery(QueryPlan.PROXIMITY_SLOP, IndexSchema.CONTENT, pair.get(0), pair.get(1));
      pairs.add(new BoostQuery(near, proximityBoost));
    }
    return pairs;
  }

  private Optional<Query> acrossFields(Clause clause, List<FieldWeight> fields) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int added = 0;
    for (FieldWeight field : fields) {
      if (field.boost() == 0f) {
        continue;
      }
      Query query = inField(clause, field.field());
      if (query != null) {
        builder.add(
            field.boost() == 1f ? query : new BoostQuery(query, field.boost()),
            BooleanClause.Occur.SHOULD);
        added++;
      }
    }
    return added == 0 ? Optional.empty() : Optional.of(builder.build());
  }

  /** The clause as a query on one field, or null when it analyses to no terms. */
  private Query inField(Clause clause, String field) {
    if (clause.kind() == Kind.PREFIX) {
      BytesRef prefix = analyzer.normalize(field, clause.text());
      return prefix.length == 0 ? null : new PrefixQuery(new Term(field, prefix));
    }
    if (clause.kind() == Kind.WORD) {
      // a "word" may analyse to several tokens ("IL-10", "Iran-Russia"); each counts on its
      // own, as in a bag of words: requiring them side by side lost relevant documents
      Query exact =
          queryBuilder.createBooleanQuery(field, clause.text(), BooleanClause.Occur.SHOULD);
      return clause.alternatives().isEmpty() ? exact : withAlternatives(exact, clause, field);
    }
    return queryBuilder.createPhraseQuery(field, clause.text());
  }

  /**
   * A word's query that also matches the corrections of its misspelt terms, each weighted below the
   * word's own terms.
   */
  private static Query withAlternatives(Query exact, Clause clause, String field) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    if (exact != null) {
      builder.add(exact, BooleanClause.Occur.SHOULD);
    }
    for (QueryParsing.Alternative alternative : clause.alternatives()) {
      builder.add(
          new BoostQuery(new TermQuery(new Term(field, alternative.term())), alternative.weight()),
          BooleanClause.Occur.SHOULD);
    }
    return builder.build();
  }

  /**
   * The query restricted to the request's date range and metadata filters: any value of a key,
   * every key.
   */
  private static Query withFilters(Query query, SearchRequest request) {
    if (request.since().isEmpty() && request.until().isEmpty() && request.filters().isEmpty()) {
      return query;
    }
    BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
    if (request.since().isPresent() || request.until().isPresent()) {
      long from = request.since().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
      long to = request.until().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
      filtered.add(LongPoint.newRangeQuery(IndexSchema.DATE, from, to), BooleanClause.Occur.FILTER);
    }
    request
        .filters()
        .forEach(
            (key, values) ->
                filtered.add(
                    new TermInSetQuery(
                        IndexSchema.metadataField(key),
                        values.stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER));
    return filtered.build();
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

  /**
   * One page of sorted hits, whether more follow, and how many matched in all (exactly, or at
   * least).
   */
  private record Page(List<ScoreDoc> docs, boolean more, long totalHits, boolean totalHitsExact) {}

  private static Page page(
      IndexSearcher searcher,
      Query query,
      Sort sort,
      Optional<FieldDoc> after,
      int limit,
      boolean exactTotal)
      throws IOException {
    int counted = exactTotal ? Integer.MAX_VALUE : SearchRequest.COUNTED_HITS;
    TopFieldDocs top = sortedSearch(searcher, query, sort, after, limit + 1, counted);
    List<ScoreDoc> docs = new ArrayList<>(List.of(top.scoreDocs));
    boolean more = docs.size() > limit;
    if (more) {
      docs = docs.subList(0, limit);
    }
    return new Page(
        docs, more, top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO);
  }

  /**
   * A page with only the best section of each document. Sections are read in sort order; a section
   * is kept when no section of its document comes before it, which on later pages means asking the
   * index whether the document's best section is this one.
   */
  private static Page collapsedPage(
      IndexSearcher searcher, Query query, Sort sort, Optional<FieldDoc> after, int limit)
      throws IOException {
    List<ScoreDoc> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Optional<FieldDoc> cursor = after;
    int batch = Math.min(SearchRequest.MAX_LIMIT, Math.max(limit * 4, 64));
    StoredFields stored = searcher.storedFields();
    while (true) {
      TopFieldDocs top = sortedSearch(searcher, query, sort, cursor, batch, batch);
      for (ScoreDoc doc : top.scoreDocs) {
        String docId = stored.document(doc.doc, Set.of(IndexSchema.DOC_ID)).get(IndexSchema.DOC_ID);
        if (!seen.add(docId)) {
          continue;
        }
        if (after.isPresent() && !isBestOfDocument(searcher, query, sort, docId, doc)) {
          continue;
        }
        if (kept.size() == limit) {
          return new Page(kept, true, 0, true);
        }
        kept.add(doc);
      }
      if (top.scoreDocs.length < batch) {
        return new Page(kept, false, 0, true);
      }
      cursor = Optional.of((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]);
    }
  }

  private static boolean isBestOfDocument(
      IndexSearcher searcher, Query query, Sort sort, String docId, ScoreDoc candidate)
      throws IOException {
    Query inDocument =
        new BooleanQuery.Builder()
            .add(query, BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(IndexSchema.DOC_ID, docId)), BooleanClause.Occur.FILTER)
            .build();
    TopFieldDocs best = sortedSearch(searcher, inDocument, sort, Optional.empty(), 1, 1);
    return best.scoreDocs.length == 1 && best.scoreDocs[0].doc == candidate.doc;
  }

  /**
   * The top {@code n} hits in sort order, counting matches exactly up to {@code counted}; past that
   * Lucene may skip matches that cannot make the top {@code n}.
   */
  private static TopFieldDocs sortedSearch(
      IndexSearcher searcher, Query query, Sort sort, Optional<FieldDoc> after, int n, int counted)
      throws IOException {
    TopFieldDocs top =
        searcher.search(query, new TopFieldCollectorManager(sort, n, after.orElse(null), counted));
    int scoreField = scoreFieldIndex(sort);
    for (ScoreDoc doc : top.scoreDocs) {
      // the score is a sort key, so the collector kept it: no need to score the hits again
      doc.score = (Float) ((FieldDoc) doc).fields[scoreField];
    }
    return top;
  }

  private static int scoreFieldIndex(Sort sort) {
    SortField[] fields = sort.getSort();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].getType() == SortField.Type.SCORE) {
        return i;
      }
    }
    throw new IllegalArgumentException("every sort of a search ranks by score: " + sort);
  }

  private static long countDocuments(IndexSearcher searcher, Query query) throws IOException {
    return searcher.search(query, new DistinctDocuments());
  }

  private List<SearchHit> toHits(
      IndexSearcher searcher,
      List<ScoreDoc> docs,
      List<Clause> clauses,
      SearchRequest request,
      Optional<float[]> meaning)
      throws IOException {
    int maxPassages = request.maxPassages();
    boolean withPassages = maxPassages > 0 && !docs.isEmpty();
    // one read per hit: stored fields are decompressed a block at a time, body or not
    Set<String> fields =
        withPassages && meaning.isPresent()
            ? HIT_FIELDS_BODY_AND_CHUNKS
            : withPassages || request.sectionText() ? HIT_FIELDS_AND_BODY : HIT_FIELDS;
    StoredFields stored = searcher.storedFields();
    int[] ids = new int[docs.size()];
    org.apache.lucene.document.Document[] read =
        new org.apache.lucene.document.Document[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = docs.get(i).doc;
      read[i] = stored.document(ids[i], fields);
    }
    List<List<Passage>> passages = List.of();
    if (withPassages) {
      Query highlight =
          scoringQuery(clauses, List.of(new FieldWeight(IndexSchema.CONTENT, 1f)), false)
              .orElse(new BooleanQuery.Builder().build());
      String[] bodies = new String[ids.length];
      int[] bodyOffsets = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        bodies[i] = read[i].get(IndexSchema.BODY);
        bodyOffsets[i] = read[i].getField(IndexSchema.BODY_OFFSET).numericValue().intValue();
      }
      passages =
          passageBuilder.passages(searcher, highlight, ids, bodies, bodyOffsets, maxPassages);
      if (meaning.isPresent()) {
        passages =
            withSemanticPassages(
                searcher, passages, ids, read, bodies, clauses, meaning.get(), maxPassages);
      }
    }
    List<SearchHit> hits = new ArrayList<>(docs.size());
    for (int i = 0; i < ids.length; i++) {
      org.apache.lucene.document.Document doc = read[i];
      int start = doc.getField(IndexSchema.START).numericValue().intValue();
      int end = doc.getField(IndexSchema.END).numericValue().intValue();
      SearchHit.Builder hit =
          SearchHit.builder(doc.get(IndexSchema.DOC_ID))
              .title(doc.get(IndexSchema.TITLE))
              .headingPath(IndexSchema.storedHeadingPath(doc))
              .ordinal(doc.getField(IndexSchema.ORDINAL).numericValue().intValue())
              .source(doc.get(IndexSchema.SOURCE))
              .score(docs.get(i).score)
              .range(start, end)
              .metadata(IndexSchema.storedMetadata(doc));
      IndexSchema.storedDate(doc).ifPresent(hit::date);
      int page = IndexSchema.storedPage(doc);
      if (page > 0) {
        hit.page(page);
      }
      if (!passages.isEmpty()) {
        BytesRef map = doc.getBinaryValue(IndexSchema.SOURCE_MAP);
        String body = doc.get(IndexSchema.BODY);
        for (Passage passage : passages.get(i)) {
          int[] source = SourceMap.toSource(map, body, passage.start(), passage.end(), start, end);
          hit.passages(List.of(passage.withSourceRange(source[0], source[1])));
        }
      }
      if (request.sectionText()) {
        hit.text(doc.get(IndexSchema.BODY));
      }
      hits.add(hit.build());
    }
    return hits;
  }

  /**
   * The passages with those of hits that hold few of the query's words replaced by the sentences
   * nearest the query in meaning ({@link VectorSearch#wantsSemanticPassages}): the section's chunks
   * nearest the query. A section indexed without chunks keeps its word passages.
   */
  private List<List<Passage>> withSemanticPassages(
      IndexSearcher searcher,
      List<List<Passage>> passages,
      int[] ids,
      org.apache.lucene.document.Document[] read,
      String[] bodies,
      List<Clause> clauses,
      float[] query,
      int maxPassages)
      throws IOException {
    List<String> searched = new ArrayList<>();
    for (Clause clause : clauses) {
      if (clause.occurrence() != Occurrence.MUST_NOT) {
        searched.add(clause.text());
      }
    }
    Set<String> queryTerms = VectorSearch.queryTerms(analyzer, searched);
    List<List<Passage>> result = new ArrayList<>(passages);
    for (int i = 0; i < passages.size(); i++) {
      BytesRef stored = read[i].getBinaryValue(IndexSchema.CHUNKS);
      if (stored == null) {
        continue;
      }
      if (VectorSearch.wantsSemanticPassages(analyzer, passages.get(i), queryTerms)) {
        List<int[]> chunks = SemanticPassages.decode(stored);
        float[] scores = VectorSearch.chunkScores(searcher, ids[i], chunks.size(), query);
        List<Passage> semantic =
            scores.length == 0
                ? List.of()
                : SemanticPassages.passages(bodies[i], chunks, scores, maxPassages);
        if (!semantic.isEmpty()) {
          result.set(i, semantic);
        }
      }
    }
    return result;
  }

  /**
   * A document with all its sections, as the searcher's view holds it.
   *
   * @return empty when no document has the id
   */
  public static Optional<IndexedDocument> document(IndexSearcher searcher, String docId)
      throws IOException {
    Query query = IndexSchema.onlySections(new TermQuery(new Term(IndexSchema.DOC_ID, docId)));
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
              IndexSchema.storedHeadingPath(doc),
              storedOrdinal(doc),
              doc.get(IndexSchema.BODY),
              doc.getField(IndexSchema.START).numericValue().intValue(),
              doc.getField(IndexSchema.END).numericValue().intValue(),
              IndexSchema.storedPage(doc)));
    }
    return Optional.of(
        new IndexedDocument(
            docId,
            first.get(IndexSchema.TITLE),
            IndexSchema.storedDate(first),
            first.get(IndexSchema.SOURCE),
            IndexSchema.storedMetadata(first),
            sections));
  }

  private static int storedOrdinal(org.apache.lucene.document.Document doc) {
    return doc.getField(IndexSchema.ORDINAL).numericValue().intValue();
  }
}
