package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import dev.sectionsearch.internal.search.QueryPlan.Kind;
import dev.sectionsearch.internal.search.QueryPlan.Occurrence;
import dev.sectionsearch.search.SearchRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A {@link QueryPlan} as Lucene queries: the embedded backend's scoring, exclusion and constraint
 * queries, and, for every backend, the highlight query passages are built from (passages are always
 * built with Lucene's highlighter). Each clause is turned into its per-field queries once, in
 * {@link #translate}; scoring and highlighting share them.
 *
 * <p>Immutable and thread-safe.
 */
public final class LuceneQueries {
  private final Analyzer analyzer;
  private final QueryBuilder queryBuilder;
  private final float titleBoost;
  private final float headingBoost;
  private final float proximityBoost;

  /**
   * @param titleBoost the weight of a title match relative to a body match
   * @param headingBoost the weight of a heading match relative to a body match
   * @param proximityBoost the weight of consecutive query words found near each other
   */
  public LuceneQueries(
      Analyzer analyzer, float titleBoost, float headingBoost, float proximityBoost) {
    this.analyzer = analyzer;
    this.queryBuilder = new QueryBuilder(analyzer);
    this.titleBoost = titleBoost;
    this.headingBoost = headingBoost;
    this.proximityBoost = proximityBoost;
  }

  /** The plan's clauses as Lucene queries, each built once. */
  public Translated translate(QueryPlan plan) {
    List<Clause> clauses = plan.clauses();
    List<Query[]> fields = new ArrayList<>(clauses.size());
    for (Clause clause : clauses) {
      fields.add(
          new Query[] {
            inField(clause, IndexSchema.CONTENT),
            headingBoost == 0f ? null : inField(clause, IndexSchema.HEADING),
            titleBoost == 0f ? null : inField(clause, IndexSchema.TITLE)
          });
    }
    return new Translated(plan, fields);
  }

  /** One plan's clauses as Lucene queries on content, heading and title. */
  public final class Translated {
    private final QueryPlan plan;

    /** Per clause: its query on content, heading and title, null where it has none. */
    private final List<Query[]> fields;

    private Translated(QueryPlan plan, List<Query[]> fields) {
      this.plan = plan;
      this.fields = fields;
    }

    /**
     * The scoring query with proximity pairs, or empty when no positive clause has a searchable
     * term. Each clause matches in any field; a section's score is the sum of its weighted field
     * scores.
     */
    public Optional<Query> scoring() {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      boolean positive = false;
      for (int i = 0; i < fields.size(); i++) {
        Occurrence occurrence = plan.clauses().get(i).occurrence();
        Optional<Query> query = acrossFields(i);
        if (query.isPresent()) {
          builder.add(query.get(), occur(occurrence));
          positive |= occurrence != Occurrence.MUST_NOT;
        }
      }
      if (!positive) {
        return Optional.empty();
      }
      // the pairs join the query's own clauses as optional ones rather than wrapping it: a pair
      // only matches where its words do, so the matches stay the same, and one flat disjunction
      // lets Lucene skip sections that cannot reach the top hits, where a wrapped query is scored
      // section by section
      if (proximityBoost != 0f) {
        for (List<String> pair : plan.proximityPairs()) {
          Query near =
              new PhraseQuery(
                  QueryPlan.PROXIMITY_SLOP, IndexSchema.CONTENT, pair.get(0), pair.get(1));
          builder.add(new BoostQuery(near, proximityBoost), BooleanClause.Occur.SHOULD);
        }
      }
      return Optional.of(builder.build());
    }

    /** Matches a section any excluded clause matches, or empty when none has terms. */
    public Optional<Query> excluded() {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      boolean any = false;
      for (int i = 0; i < fields.size(); i++) {
        if (plan.clauses().get(i).occurrence() != Occurrence.MUST_NOT) {
          continue;
        }
        Optional<Query> query = acrossFields(i);
        if (query.isPresent()) {
          builder.add(query.get(), BooleanClause.Occur.SHOULD);
          any = true;
        }
      }
      return any ? Optional.of(builder.build()) : Optional.empty();
    }

    /**
     * What every candidate found by meaning must satisfy, or null for nothing: the request's date
     * and metadata filters and the query's required and excluded words.
     */
    public Query constraints(SearchRequest request) {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      Query filters = withFilters(new MatchAllDocsQuery(), request);
      boolean any = !(filters instanceof MatchAllDocsQuery);
      builder.add(filters, BooleanClause.Occur.FILTER);
      for (int i = 0; i < fields.size(); i++) {
        Occurrence occurrence = plan.clauses().get(i).occurrence();
        if (occurrence == Occurrence.SHOULD) {
          continue;
        }
        Optional<Query> words = acrossFields(i);
        if (words.isPresent()) {
          builder.add(
              words.get(),
              occurrence == Occurrence.MUST
                  ? BooleanClause.Occur.FILTER
                  : BooleanClause.Occur.MUST_NOT);
          any = true;
        }
      }
      return any ? builder.build() : null;
    }

    /**
     * The query whose matches passages highlight, on {@link IndexSchema#CONTENT}: the clauses'
     * content queries, scoring's own. A plan with nothing to score highlights nothing, and passages
     * open the section.
     */
    public Query highlight() {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      boolean positive = false;
      for (int i = 0; i < fields.size(); i++) {
        Occurrence occurrence = plan.clauses().get(i).occurrence();
        Query content = fields.get(i)[0];
        if (content != null) {
          builder.add(content, occur(occurrence));
          positive |= occurrence != Occurrence.MUST_NOT;
        }
      }
      return positive && plan.scored() ? builder.build() : new BooleanQuery.Builder().build();
    }

    private Optional<Query> acrossFields(int clause) {
      Query[] queries = fields.get(clause);
      float[] boosts = {1f, headingBoost, titleBoost};
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      int added = 0;
      for (int f = 0; f < queries.length; f++) {
        if (queries[f] != null && boosts[f] != 0f) {
          builder.add(
              boosts[f] == 1f ? queries[f] : new BoostQuery(queries[f], boosts[f]),
              BooleanClause.Occur.SHOULD);
          added++;
        }
      }
      return added == 0 ? Optional.empty() : Optional.of(builder.build());
    }
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
      return clause.alternatives().isEmpty() && clause.synonyms().isEmpty()
          ? exact
          : withAlternatives(exact, clause, field);
    }
    return queryBuilder.createPhraseQuery(field, clause.text());
  }

  /**
   * A word's query that also matches the corrections of its misspelt terms and its synonyms, each
   * weighted below the word's own terms.
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
    for (QueryPlan.Synonym synonym : clause.synonyms()) {
      builder.add(
          new BoostQuery(synonym(synonym, field), synonym.weight()), BooleanClause.Occur.SHOULD);
    }
    return builder.build();
  }

  /** A synonym's term, or its phrase allowing the moves of its stop words. */
  static Query synonym(QueryPlan.Synonym synonym, String field) {
    List<String> terms = synonym.terms();
    if (terms.size() == 1) {
      return new TermQuery(new Term(field, terms.get(0)));
    }
    return new PhraseQuery(synonym.slop(), field, terms.toArray(String[]::new));
  }

  static BooleanClause.Occur occur(Occurrence occurrence) {
    switch (occurrence) {
      case MUST:
        return BooleanClause.Occur.MUST;
      case MUST_NOT:
        return BooleanClause.Occur.MUST_NOT;
      default:
        return BooleanClause.Occur.SHOULD;
    }
  }

  /**
   * The query restricted to the request's date range and metadata filters: any value of a key,
   * every key.
   */
  static Query withFilters(Query query, SearchRequest request) {
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
}
