package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.internal.index.SourceMap;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.internal.passage.SemanticPassages;
import dev.sectionsearch.internal.search.SearchBackend.Batch;
import dev.sectionsearch.internal.search.SearchBackend.Hit;
import dev.sectionsearch.internal.search.SearchBackend.StoredSection;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.ScoreExplanation;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import dev.sectionsearch.search.Synonyms;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * Runs a {@link SearchRequest} on any {@link SearchBackend}: reads the query once ({@link
 * QueryPlan}), has the backend translate and run it, and does the rest the same way for every
 * backend: the browse order, semantic and hybrid candidates, paging with cursors ({@link Cursor},
 * {@link SearchKey}), collapsing to the best section of each document, totals, facet order, and
 * hits with their passages (semantic ones where the words show little) and citations.
 *
 * <p>Part of the library's internals. Thread-safe: the state of a request is its backend's.
 */
public final class SearchPipeline {
  /**
   * Matches counted one by one before the total becomes a lower bound, unless the request asks for
   * an exact total (the public Javadoc of {@code SearchRequest.withExactTotal} states the number).
   */
  public static final int COUNTED_HITS = 1_000;

  private final Analyzer analyzer;
  private final int maxQueryWords;

  /** Semantic and hybrid search, or null on an index without vectors (or opened without model). */
  private final VectorSearch vectors;

  /** Synonym tables by their synonyms, the most recently used few. */
  private final Map<Synonyms, SynonymTable> synonymTables =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Synonyms, SynonymTable> eldest) {
          return size() > 8;
        }
      };

  /** Why a semantic search is refused when {@link #vectors} is null, ending a sentence. */
  private final String noVectors;

  /**
   * @param analyzer the analyzer the index was written with
   * @param maxQueryWords the most words (and phrases) of one query searched; a longer query keeps
   *     its most informative ones
   * @param vectors the semantic side, or null when the index has no vectors or no model to embed
   *     queries with
   * @param noVectors why semantic searches are refused when {@code vectors} is null, as the end of
   *     a sentence starting "a semantic search"
   */
  public SearchPipeline(
      Analyzer analyzer, int maxQueryWords, VectorSearch vectors, String noVectors) {
    this.analyzer = analyzer;
    this.maxQueryWords = maxQueryWords;
    this.vectors = vectors;
    this.noVectors = noVectors;
  }

  /** The synonyms read with the index's analyzer, once per set of synonyms this pipeline sees. */
  private SynonymTable synonymTable(Synonyms synonyms) {
    synchronized (synonymTables) {
      return synonymTables.computeIfAbsent(
          synonyms, s -> SynonymTable.read(s.text(), s.name(), analyzer));
    }
  }

  /**
   * Runs a request.
   *
   * @param after the request's cursor, read once by the caller ({@link Cursor#of}) to choose the
   *     backend's view
   * @throws QueryException naming the query when it has nothing to search for, analyses to too many
   *     terms, or carries a cursor this index did not issue for this search
   */
  public <Q, H> SearchResults search(
      SearchBackend<Q, H> backend, SearchRequest request, Optional<Cursor> after)
      throws IOException {
    String text = request.query();
    if (request.isBrowse()) {
      return run(backend, request, after, QueryPlan.BROWSE, backend.all(), Optional.empty());
    }
    QueryPlan plan =
        QueryPlan.read(
            text,
            analyzer,
            maxQueryWords,
            backend.statistics(),
            request.typoTolerance().orElse(true),
            request.synonyms().map(this::synonymTable));
    if (plan.onlyExclusions()) {
      return run(backend, request, after, plan, backend.allExcept(plan), Optional.empty());
    }
    SearchMode mode = VectorSearch.modeOf(request, vectors, noVectors);
    Optional<Q> scoring = backend.scoring(plan);
    if (mode != SearchMode.LEXICAL) {
      // a query of stop words only still has a meaning
      float[] vector = vectors.embedQuery(text);
      Q candidates =
          backend.byMeaning(mode, plan, request, vector, scoring, VectorSearch.candidates(request));
      return run(backend, request, after, plan, candidates, Optional.of(vector));
    }
    if (scoring.isEmpty()) {
      // every word was a stop word ("the", "of"): nothing can match
      return SearchResults.builder(text).note(QueryPlan.nothingToSearchNote(text)).build();
    }
    try {
      return run(backend, request, after, plan, scoring.get(), Optional.empty());
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

  /** The most of a section's words a search for the sections like it looks for. */
  public static final int RELATED_WORDS = 25;

  /**
   * The sections like one, never the section itself: a search for its most telling words ({@link
   * RelatedWords}), fused, when the index has vectors, with the sections nearest the section's own
   * vector (the mean of its chunks' vectors) as a hybrid search fuses them. The results' query is
   * the words searched.
   *
   * @return empty when the index holds no such section
   * @throws IllegalArgumentException when the limit is not 1 to {@link SearchRequest#MAX_LIMIT}
   */
  public <Q, H> Optional<SearchResults> related(
      SearchBackend<Q, H> backend, String docId, int ordinal, int limit) throws IOException {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + SearchRequest.MAX_LIMIT + ": " + limit);
    }
    Optional<Q> self = backend.section(docId, ordinal);
    List<Hit<H>> found =
        self.isEmpty()
            ? List.of()
            : backend
                .top(self.get(), SortOrder.RELEVANCE, null, Optional.empty(), 1, 1, false)
                .hits();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredSection section = backend.read(found, true, vectors != null).get(0);
    List<String> path = section.headingPath();
    String heading = path.isEmpty() ? "" : path.get(path.size() - 1);
    String body = section.body() == null ? "" : section.body();
    List<String> words = RelatedWords.of(analyzer, heading + "\n" + body, backend, RELATED_WORDS);
    QueryPlan plan = QueryPlan.anyOf(words, analyzer);
    SearchRequest request = SearchRequest.of(String.join(" ", words)).withLimit(limit);
    Optional<Q> scoring = words.isEmpty() ? Optional.empty() : backend.scoring(plan);
    Optional<float[]> meaning = Optional.empty();
    if (vectors != null && section.chunks() != null) {
      int chunks = SemanticPassages.decode(section.chunks()).size();
      List<float[]> chunkVectors = backend.chunkVectors(found.get(0), chunks);
      if (!chunkVectors.isEmpty()) {
        meaning = Optional.of(mean(chunkVectors));
      }
    }
    Q candidates;
    if (meaning.isPresent()) {
      candidates =
          backend.byMeaning(
              scoring.isPresent() ? SearchMode.HYBRID : SearchMode.SEMANTIC,
              plan,
              request,
              meaning.get(),
              scoring,
              // the section itself is among the nearest
              VectorSearch.candidates(request) + 1);
    } else if (scoring.isPresent()) {
      candidates = scoring.get();
    } else {
      return Optional.of(SearchResults.builder(request.query()).build());
    }
    return Optional.of(
        run(
            backend,
            request,
            Optional.empty(),
            plan,
            backend.without(candidates, self.get()),
            meaning));
  }

  /** The refusal of a related search for a section the index does not hold. */
  public static IllegalArgumentException noSuchSection(String docId, int ordinal) {
    return new IllegalArgumentException("document " + docId + " has no section " + ordinal);
  }

  /** The unit vector of the mean of some vectors of one length. */
  private static float[] mean(List<float[]> vectors) {
    float[] sum = new float[vectors.get(0).length];
    for (float[] vector : vectors) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += vector[i];
      }
    }
    return dev.sectionsearch.internal.index.ChunkVectors.unitVector(sum);
  }

  /**
   * @param meaning the query's vector in a semantic or hybrid search: its totals count candidates,
   *     and its hits with few of the query's words get semantic passages
   */
  private <Q, H> SearchResults run(
      SearchBackend<Q, H> backend,
      SearchRequest request,
      Optional<Cursor> after,
      QueryPlan plan,
      Q scoring,
      Optional<float[]> meaning)
      throws IOException {
    String text = request.query();
    if (plan.scored() && request.recency().isPresent()) {
      scoring =
          backend.recent(
              scoring,
              LocalDate.now(ZoneOffset.UTC).toEpochDay(),
              request.recency().get().toDays());
    }
    Q query = backend.filtered(scoring, request);
    // browsing has no relevance to rank by: newest first, unless the request says otherwise
    SortOrder order =
        !plan.scored() && request.sort() == SortOrder.RELEVANCE ? SortOrder.NEWEST : request.sort();
    int search = SearchKey.of(request, order);
    after.ifPresent(cursor -> cursor.checkIssuedFor(search, order, text));
    Page<H> page =
        request.collapse()
            ? collapsedPage(backend, query, order, after, request.limit())
            : page(backend, query, order, after, request.limit(), request.exactTotal());
    long total = request.collapse() ? backend.countDocuments(query) : page.total;
    boolean exact = meaning.isEmpty() && (request.collapse() || page.totalExact);
    // only the page's hits: the cost grows with the page, not with the matches
    List<ScoreExplanation> explanations =
        request.explain() && plan.scored() ? backend.explain(query, page.hits) : List.of();
    List<SearchHit> hits = toHits(backend, page.hits, plan, request, meaning, explanations);
    SearchResults.Builder results =
        SearchResults.builder(text).totalHits(Math.max(total, hits.size()), exact).hits(hits);
    if (page.more && !page.hits.isEmpty()) {
      Hit<H> last = page.hits.get(page.hits.size() - 1);
      results.nextCursor(new Cursor(page.view, search, last.sortValues()).encode());
    }
    if (!request.facets().isEmpty()) {
      Facets.ordered(backend.facets(query, request.facets(), request.collapse()))
          .forEach(results::facet);
    }
    plan.notes().forEach(results::note);
    backend.notes().forEach(results::note);
    plan.didYouMean().ifPresent(results::didYouMean);
    return results.build();
  }

  /**
   * One page of sorted hits, whether more follow, how many matched in all (exactly, or at least),
   * and the view it was read from.
   */
  private record Page<H>(
      List<Hit<H>> hits, boolean more, long total, boolean totalExact, String view) {}

  private static <Q, H> Page<H> page(
      SearchBackend<Q, H> backend,
      Q query,
      SortOrder order,
      Optional<Cursor> after,
      int limit,
      boolean exactTotal)
      throws IOException {
    int counted = exactTotal ? Integer.MAX_VALUE : COUNTED_HITS;
    Batch<H> top =
        backend.top(
            query,
            order,
            after.map(Cursor::view).orElse(null),
            after.map(Cursor::values),
            limit + 1,
            counted,
            false);
    List<Hit<H>> hits = top.hits();
    boolean more = hits.size() > limit;
    if (more) {
      hits = hits.subList(0, limit);
    }
    return new Page<>(hits, more, top.total(), top.totalExact(), top.view());
  }

  /**
   * A page with only the best section of each document. Sections are read in sort order; a section
   * is kept when no section of its document comes before it, which on later pages means asking the
   * index whether the document's best section is this one. (OpenSearch's own collapsing refuses
   * {@code search_after}, so it cannot page.)
   */
  private static <Q, H> Page<H> collapsedPage(
      SearchBackend<Q, H> backend, Q query, SortOrder order, Optional<Cursor> after, int limit)
      throws IOException {
    List<Hit<H>> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String view = after.map(Cursor::view).orElse(null);
    Optional<List<Object>> position = after.map(Cursor::values);
    int batch = Math.min(SearchRequest.MAX_LIMIT, Math.max(limit * 4, 64));
    while (true) {
      Batch<H> top = backend.top(query, order, view, position, batch, batch, true);
      view = top.view();
      for (Hit<H> hit : top.hits()) {
        if (!seen.add(hit.docId())) {
          continue;
        }
        if (after.isPresent() && !isBestOfDocument(backend, query, order, view, hit)) {
          continue;
        }
        if (kept.size() == limit) {
          return new Page<>(kept, true, 0, true, view);
        }
        kept.add(hit);
      }
      if (top.hits().size() < batch) {
        return new Page<>(kept, false, 0, true, view);
      }
      position = Optional.of(top.hits().get(top.hits().size() - 1).sortValues());
    }
  }

  private static <Q, H> boolean isBestOfDocument(
      SearchBackend<Q, H> backend, Q query, SortOrder order, String view, Hit<H> candidate)
      throws IOException {
    Batch<H> best =
        backend.top(
            backend.inDocument(query, candidate.docId()),
            order,
            view,
            Optional.empty(),
            1,
            1,
            false);
    return best.hits().size() == 1 && best.hits().get(0).id().equals(candidate.id());
  }

  private <Q, H> List<SearchHit> toHits(
      SearchBackend<Q, H> backend,
      List<Hit<H>> found,
      QueryPlan plan,
      SearchRequest request,
      Optional<float[]> meaning,
      List<ScoreExplanation> explanations)
      throws IOException {
    int maxPassages = request.maxPassages();
    boolean withPassages = maxPassages > 0 && !found.isEmpty();
    // one read per hit: stored fields are decompressed a block at a time, body or not
    List<StoredSection> sections =
        backend.read(
            found, withPassages || request.sectionText(), withPassages && meaning.isPresent());
    List<List<Passage>> passages = List.of();
    if (withPassages) {
      passages = backend.passages(found, sections, plan, maxPassages);
      if (meaning.isPresent()) {
        passages =
            withSemanticPassages(
                backend, found, sections, passages, plan, meaning.get(), maxPassages);
      }
    }
    // hits whose passages come from a subsection, already placed in the source
    boolean[] placed = new boolean[found.size()];
    if (withPassages) {
      passages = withOpenings(backend, sections, passages, placed);
    }
    List<SearchHit> hits = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      StoredSection section = sections.get(i);
      SearchHit.Builder hit =
          SearchHit.builder(section.docId())
              .title(section.title())
              .headingPath(section.headingPath())
              .ordinal(section.ordinal())
              .source(section.source())
              .score(found.get(i).score())
              .range(section.start(), section.end())
              .metadata(section.metadata());
      section.date().ifPresent(hit::date);
      if (section.page() > 0) {
        hit.page(section.page());
      }
      if (!passages.isEmpty()) {
        // with the text, a passage whose words are mostly not found cites its whole section
        for (Passage passage : passages.get(i)) {
          if (placed[i]) {
            // the opening of a subsection: cited where that subsection's words are
            hit.passages(List.of(passage));
            continue;
          }
          int[] source =
              SourceMap.toSource(
                  section.sourceMap(),
                  section.body(),
                  passage.start(),
                  passage.end(),
                  section.start(),
                  section.end());
          hit.passages(List.of(passage.withSourceRange(source[0], source[1])));
        }
      }
      if (request.sectionText()) {
        hit.text(section.body());
      }
      if (i < explanations.size()) {
        hit.explanation(explanations.get(i));
      }
      hits.add(hit.build());
    }
    return hits;
  }

  /**
   * The passages with an opening for each hit that has none (none of its section's text matched:
   * its heading or title did): the opening of its text ({@link PassageBuilder#opening}), or, for a
   * section with no text of its own (a heading over subsections), the opening of the first
   * subsection that has text, placed in the source already ({@code placed}), with an empty range in
   * the hit's own text.
   */
  private static <Q, H> List<List<Passage>> withOpenings(
      SearchBackend<Q, H> backend,
      List<StoredSection> sections,
      List<List<Passage>> passages,
      boolean[] placed)
      throws IOException {
    List<List<Passage>> result = new ArrayList<>(passages);
    for (int i = 0; i < result.size(); i++) {
      if (!result.get(i).isEmpty()) {
        continue;
      }
      StoredSection section = sections.get(i);
      List<Passage> opening = PassageBuilder.opening(section.body());
      if (!opening.isEmpty()) {
        result.set(i, opening);
        continue;
      }
      Optional<Passage> below = subsectionOpening(backend, section);
      if (below.isPresent()) {
        result.set(i, List.of(below.get()));
        placed[i] = true;
      }
    }
    return result;
  }

  /** How many sections past an empty one are looked at for a subsection with text. */
  private static final int SUBSECTIONS_LOOKED_AT = 3;

  /**
   * The opening of the first of a section's subsections with text (the sections right after it in
   * its document whose heading paths extend its own; for a document's first section with one
   * heading, the sections right after it), placed in the source; empty when the next sections are
   * not its subsections, have no text, or the backend cannot read a section by its ordinal.
   */
  private static <Q, H> Optional<Passage> subsectionOpening(
      SearchBackend<Q, H> backend, StoredSection section) throws IOException {
    List<String> path = section.headingPath();
    for (int next = section.ordinal() + 1;
        next <= section.ordinal() + SUBSECTIONS_LOOKED_AT;
        next++) {
      Optional<Q> query = backend.section(section.docId(), next);
      if (query.isEmpty()) {
        return Optional.empty();
      }
      Batch<H> found =
          backend.top(query.get(), SortOrder.RELEVANCE, null, Optional.empty(), 1, 1, false);
      if (found.hits().isEmpty()) {
        return Optional.empty();
      }
      StoredSection subsection = backend.read(found.hits(), true, false).get(0);
      List<String> subpath = subsection.headingPath();
      // a document's first heading alone (a page's title heading) is left out of the paths of the
      // sections after it: everything after it is below it
      boolean pageHeading = section.ordinal() == 0 && path.size() == 1;
      if (!pageHeading
          && (subpath.size() <= path.size() || !subpath.subList(0, path.size()).equals(path))) {
        return Optional.empty();
      }
      List<Passage> opening = PassageBuilder.opening(subsection.body());
      if (!opening.isEmpty()) {
        Passage passage = opening.get(0);
        int[] source =
            SourceMap.toSource(
                subsection.sourceMap(),
                subsection.body(),
                passage.start(),
                passage.end(),
                subsection.start(),
                subsection.end());
        return Optional.of(
            new Passage(passage.text(), List.of(), 0, 0, source[0], source[1], false));
      }
    }
    return Optional.empty();
  }

  /**
   * The passages with those of hits that hold few of the query's words replaced by the sentences
   * nearest the query in meaning ({@link VectorSearch#wantsSemanticPassages}): the section's chunks
   * nearest the query, their closeness read from the backend in one call. A section indexed without
   * chunks keeps its word passages.
   */
  private <Q, H> List<List<Passage>> withSemanticPassages(
      SearchBackend<Q, H> backend,
      List<Hit<H>> found,
      List<StoredSection> sections,
      List<List<Passage>> passages,
      QueryPlan plan,
      float[] query,
      int maxPassages)
      throws IOException {
    List<String> searched = new ArrayList<>();
    for (QueryParsing.Clause clause : plan.clauses()) {
      if (clause.occurrence() != QueryPlan.Occurrence.MUST_NOT) {
        searched.add(clause.text());
      }
    }
    Set<String> queryTerms = VectorSearch.queryTerms(analyzer, searched);
    Map<Integer, Integer> wanted = new LinkedHashMap<>();
    List<List<int[]>> chunks = new ArrayList<>();
    for (int i = 0; i < passages.size(); i++) {
      BytesRef stored = sections.get(i).chunks();
      List<int[]> offsets = stored == null ? List.of() : SemanticPassages.decode(stored);
      chunks.add(offsets);
      if (stored != null
          && VectorSearch.wantsSemanticPassages(analyzer, passages.get(i), queryTerms)) {
        wanted.put(i, offsets.size());
      }
    }
    List<List<Passage>> result = new ArrayList<>(passages);
    if (wanted.isEmpty()) {
      return result;
    }
    Map<Integer, float[]> scores = backend.chunkScores(found, wanted, query);
    for (int i : wanted.keySet()) {
      float[] closeness = scores.getOrDefault(i, new float[0]);
      List<Passage> semantic =
          closeness.length == 0
              ? List.of()
              : SemanticPassages.passages(
                  sections.get(i).body(), chunks.get(i), closeness, maxPassages);
      if (!semantic.isEmpty()) {
        result.set(i, semantic);
      }
    }
    return result;
  }
}
