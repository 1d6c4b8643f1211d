package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A query read into backend-neutral parts, for backends that run searches somewhere other than a
 * local Lucene index (the OpenSearch module): the same reading, shortening, analysis and proximity
 * pairs as {@link SectionSearcher}, given as data rather than as a Lucene query, so that a backend
 * translates each part into its own query language. The highlight query is a Lucene one, as
 * passages are always built locally with {@link dev.sectionsearch.internal.passage.PassageBuilder}.
 *
 * <p>The proximity pairs, clause occurrences and notes are {@code SectionSearcher}'s own; the
 * per-field queries mirror its private building, and the shared contract test ({@code
 * SectionIndexContract}) checks that both backends rank alike. Immutable and thread-safe.
 */
public final class QueryPlan {
  /** The note on a query of stop words only; the same words as the embedded searcher's. */
  public static final String ONLY_STOP_WORDS =
      "every word of the query is a stop word (such as \"the\" or \"of\"), too common to be"
          + " searched: nothing matched";

  /**
   * The note on a query whose only words are stop words and a prefix too short to search ({@code
   * a*}): the prefix was read as the word, which is a stop word.
   */
  public static final String SHORT_PREFIX =
      "a prefix needs at least "
          + QueryParsing.MIN_PREFIX_CHARS
          + " letters before the * (shorter ones would match most words): nothing matched";

  /** The note on a query that can match nothing: stop words only, or a prefix too short. */
  public static String nothingToSearchNote(String query) {
    for (Clause clause : QueryParsing.parse(query)) {
      if (clause.kind() == QueryParsing.Kind.WORD && clause.text().endsWith("*")) {
        return SHORT_PREFIX;
      }
    }
    return ONLY_STOP_WORDS;
  }

  /** How far apart, in word moves, two query words may stand and still count as near. */
  public static final int PROXIMITY_SLOP = 4;

  /** Word pairs a query's proximity part considers, bounding its cost on long queries. */
  private static final int MAX_PROXIMITY_PAIRS = 32;

  /** What a part asks for. */
  public enum Kind {
    /** A word: any of its analysed {@link Part#terms()}, each scored on its own. */
    WORD,
    /** A quoted phrase: its terms side by side, in order. */
    PHRASE,
    /** A word prefix: any term starting with {@link Part#text()}, at a constant score. */
    PREFIX
  }

  /** Whether a part may, must or must not match. */
  public enum Occurrence {
    /** Scores when it matches. */
    SHOULD,
    /** Must match. */
    MUST,
    /** Must not match. */
    MUST_NOT
  }

  /**
   * One part of a query.
   *
   * @param text for a phrase its text after Unicode normalisation (to be analysed like indexed
   *     text); for a prefix the normalised prefix; for a word the word as typed
   * @param terms the analysed terms (never empty: parts without any are left out)
   */
  public record Part(Kind kind, Occurrence occurrence, String text, List<String> terms) {
    /** Copies the terms. */
    public Part {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(occurrence, "occurrence");
      Objects.requireNonNull(text, "text");
      terms = List.copyOf(terms);
    }
  }

  private final List<Part> parts;
  private final List<List<String>> proximityPairs;
  private final List<String> notes;
  private final boolean onlyExclusions;
  private final Query highlight;

  private QueryPlan(
      List<Part> parts,
      List<List<String>> proximityPairs,
      List<String> notes,
      boolean onlyExclusions,
      Query highlight) {
    this.parts = List.copyOf(parts);
    this.proximityPairs = List.copyOf(proximityPairs);
    this.notes = List.copyOf(notes);
    this.onlyExclusions = onlyExclusions;
    this.highlight = highlight;
  }

  /**
   * Reads a query as the embedded searcher does. A query longer than {@code maxQueryWords} is
   * shortened keeping its operator words first and then its plain words in query order: the
   * embedded index keeps the rarest plain words, which needs document frequencies this plan does
   * not have.
   *
   * @throws QueryException naming the query when it has no words to search for
   */
  public static QueryPlan of(
      String query, Analyzer analyzer, int maxQueryWords, float proximityBoost) {
    List<Clause> clauses = QueryParsing.parse(query);
    if (clauses.isEmpty()) {
      throw new QueryException(query, "no words to search for");
    }
    QueryBuilder builder = new QueryBuilder(analyzer);
    boolean onlyExclusions =
        clauses.stream().allMatch(c -> c.occurrence() == QueryParsing.Occurrence.MUST_NOT);
    List<String> notes = List.of();
    if (!onlyExclusions) {
      try (IndexReader empty = new MultiReader()) {
        QueryShortening.Shortened shortened =
            QueryShortening.shorten(clauses, maxQueryWords, analyzer, empty);
        clauses = shortened.clauses();
        notes = shortened.notes();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an empty reader reads nothing
      }
    }
    List<Part> parts = new ArrayList<>();
    BooleanQuery.Builder highlight = new BooleanQuery.Builder();
    for (Clause clause : clauses) {
      Part part = part(clause, analyzer);
      if (part == null) {
        continue;
      }
      parts.add(part);
      Query inBody = inBody(clause, analyzer, builder);
      if (inBody != null) {
        highlight.add(inBody, occur(clause.occurrence()));
      }
    }
    List<List<String>> pairs =
        onlyExclusions ? List.of() : pairs(clauses, analyzer, proximityBoost);
    // a search that only excludes has nothing to highlight: passages open the section
    Query highlighted = onlyExclusions ? new BooleanQuery.Builder().build() : highlight.build();
    return new QueryPlan(parts, pairs, notes, onlyExclusions, highlighted);
  }

  private static Part part(Clause clause, Analyzer analyzer) {
    Occurrence occurrence = Occurrence.valueOf(clause.occurrence().name());
    switch (clause.kind()) {
      case PREFIX:
        BytesRef prefix = analyzer.normalize(IndexSchema.CONTENT, clause.text());
        return prefix.length == 0
            ? null
            : new Part(Kind.PREFIX, occurrence, prefix.utf8ToString(), List.of());
      case PHRASE:
        List<String> phraseTerms = QueryShortening.terms(analyzer, clause.text());
        return phraseTerms.isEmpty()
            ? null
            : new Part(
                Kind.PHRASE,
                occurrence,
                dev.sectionsearch.internal.index.SectionAnalyzer.normalizedText(clause.text()),
                phraseTerms);
      default:
        List<String> terms = QueryShortening.terms(analyzer, clause.text());
        return terms.isEmpty() ? null : new Part(Kind.WORD, occurrence, clause.text(), terms);
    }
  }

  /** The clause on the body field, as the embedded searcher highlights it. */
  private static Query inBody(Clause clause, Analyzer analyzer, QueryBuilder builder) {
    if (clause.kind() == QueryParsing.Kind.PREFIX) {
      BytesRef prefix = analyzer.normalize(IndexSchema.BODY, clause.text());
      return prefix.length == 0 ? null : new PrefixQuery(new Term(IndexSchema.BODY, prefix));
    }
    if (clause.kind() == QueryParsing.Kind.WORD) {
      return builder.createBooleanQuery(
          IndexSchema.BODY, clause.text(), BooleanClause.Occur.SHOULD);
    }
    return builder.createPhraseQuery(IndexSchema.BODY, clause.text());
  }

  private static List<List<String>> pairs(
      List<Clause> clauses, Analyzer analyzer, float proximityBoost) {
    return proximityBoost == 0f ? List.of() : proximityPairs(clauses, analyzer);
  }

  /**
   * Consecutive distinct terms of the query's plain words, at most {@value #MAX_PROXIMITY_PAIRS}
   * pairs: what the proximity boost rewards, for every backend.
   */
  static List<List<String>> proximityPairs(List<Clause> clauses, Analyzer analyzer) {
    List<String> terms = new ArrayList<>();
    for (Clause clause : clauses) {
      if (clause.kind() == QueryParsing.Kind.WORD
          && clause.occurrence() != QueryParsing.Occurrence.MUST_NOT) {
        for (String term : QueryShortening.terms(analyzer, clause.text())) {
          terms.add(standIn(clause, term));
        }
      }
    }
    List<List<String>> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < terms.size() && pairs.size() < MAX_PROXIMITY_PAIRS; i++) {
      if (!terms.get(i).equals(terms.get(i + 1))) {
        pairs.add(List.of(terms.get(i), terms.get(i + 1)));
      }
    }
    return pairs;
  }

  /** The term, or the correction that stands in for it when it is in no section. */
  private static String standIn(Clause clause, String term) {
    for (QueryParsing.Alternative alternative : clause.alternatives()) {
      if (alternative.replaces() && alternative.original().equals(term)) {
        return alternative.term();
      }
    }
    return term;
  }

  static BooleanClause.Occur occur(QueryParsing.Occurrence occurrence) {
    switch (occurrence) {
      case MUST:
        return BooleanClause.Occur.MUST;
      case MUST_NOT:
        return BooleanClause.Occur.MUST_NOT;
      default:
        return BooleanClause.Occur.SHOULD;
    }
  }

  /** The parts with terms to search, in query order. */
  public List<Part> parts() {
    return parts;
  }

  /**
   * Consecutive query words to reward when found within {@link #PROXIMITY_SLOP} moves of each other
   * in the content field, in either order; empty when the proximity boost is 0.
   */
  public List<List<String>> proximityPairs() {
    return proximityPairs;
  }

  /** What shortening did, for {@link dev.sectionsearch.search.SearchResults#notes()}. */
  public List<String> notes() {
    return notes;
  }

  /** Whether every word is excluded: the search browses what is left, newest first. */
  public boolean onlyExclusions() {
    return onlyExclusions;
  }

  /** Whether no part may match: every word a stop word, so nothing can be found. */
  public boolean nothingToSearch() {
    return !onlyExclusions && parts.stream().allMatch(p -> p.occurrence() == Occurrence.MUST_NOT);
  }

  /** The query whose matches passages highlight, on {@link IndexSchema#BODY}. */
  public Query highlightQuery() {
    return highlight;
  }
}
