package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.util.BytesRef;

/**
 * A query as every backend reads it: its clauses after parsing, shortening and typo correction,
 * what each asks for as analysed terms ({@link #parts()}), the word pairs the proximity boost
 * rewards, and the notes and did-you-mean for the results. One reading, translated by each backend
 * into its own query language ({@link LuceneQueries} for Lucene queries, the OpenSearch module for
 * its JSON), so that the backends search for the same thing by construction.
 *
 * <p>Immutable and thread-safe.
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
      if (clause.kind() == Kind.WORD && clause.text().endsWith("*")) {
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

  /** Whether a part (or a clause) may, must or must not match. */
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
   * @param synonyms for a word, the terms and phrases it also matches at their weight
   */
  public record Part(
      Kind kind, Occurrence occurrence, String text, List<String> terms, List<Synonym> synonyms) {
    /** Copies the terms. */
    public Part {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(occurrence, "occurrence");
      Objects.requireNonNull(text, "text");
      terms = List.copyOf(terms);
      synonyms = List.copyOf(synonyms);
    }

    /** A part without synonyms. */
    public Part(Kind kind, Occurrence occurrence, String text, List<String> terms) {
      this(kind, occurrence, text, terms, List.of());
    }
  }

  /** The weight of a synonym's match relative to the query's own words. */
  public static final float SYNONYM_WEIGHT = 0.9f;

  /**
   * A term or phrase a word (or a run of words) also matches, from the request's synonyms.
   *
   * @param terms its analysed terms: one term, or a phrase in this order
   * @param slop how many moves the phrase allows: where stop words stood in the synonym's entry
   * @param weight its weight relative to the word's own terms, below 1
   */
  public record Synonym(List<String> terms, int slop, float weight) {
    /** Copies the terms. */
    public Synonym {
      terms = List.copyOf(terms);
    }
  }

  /** The reading of a browse (no query): no clauses, nothing to highlight, newest first. */
  public static final QueryPlan BROWSE =
      new QueryPlan(List.of(), List.of(), List.of(), List.of(), Optional.empty(), false);

  private final List<Clause> clauses;
  private final List<Part> parts;
  private final List<List<String>> proximityPairs;
  private final List<String> notes;
  private final Optional<String> didYouMean;
  private final boolean onlyExclusions;

  private QueryPlan(
      List<Clause> clauses,
      List<Part> parts,
      List<List<String>> proximityPairs,
      List<String> notes,
      Optional<String> didYouMean,
      boolean onlyExclusions) {
    this.clauses = List.copyOf(clauses);
    this.parts = List.copyOf(parts);
    this.proximityPairs = List.copyOf(proximityPairs);
    this.notes = List.copyOf(notes);
    this.didYouMean = didYouMean;
    this.onlyExclusions = onlyExclusions;
  }

  /**
   * Reads a query. A query longer than {@code maxQueryWords} is shortened keeping its operator
   * words first and then its rarest plain words by the document frequencies of {@code statistics}
   * (in query order without them: every frequency is then 0). Typos are corrected against the
   * index's terms when {@code typos} is set and statistics are given; then the words get their
   * synonyms. A query that only excludes is neither shortened nor corrected: it browses what is
   * left.
   *
   * @param synonyms the request's synonyms read with {@code analyzer}, or empty
   * @param statistics the index's terms and frequencies, or empty for a backend that does not read
   *     them
   * @throws QueryException naming the query when it has no words to search for
   */
  public static QueryPlan read(
      String query,
      Analyzer analyzer,
      int maxQueryWords,
      Optional<IndexReader> statistics,
      boolean typos,
      Optional<SynonymTable> synonyms)
      throws IOException {
    List<Clause> clauses = QueryParsing.parse(query);
    if (clauses.isEmpty()) {
      throw new QueryException(query, "no words to search for");
    }
    if (clauses.stream().allMatch(c -> c.occurrence() == Occurrence.MUST_NOT)) {
      return new QueryPlan(
          clauses, parts(clauses, analyzer), List.of(), List.of(), Optional.empty(), true);
    }
    QueryShortening.Shortened shortened;
    if (statistics.isPresent()) {
      shortened = QueryShortening.shorten(clauses, maxQueryWords, analyzer, statistics.get());
    } else {
      try (IndexReader empty = new MultiReader()) {
        shortened = QueryShortening.shorten(clauses, maxQueryWords, analyzer, empty);
      }
    }
    Typos.Corrected corrected =
        typos && statistics.isPresent()
            ? Typos.correct(
                query, shortened.clauses(), analyzer, new IndexLexicon(statistics.get(), analyzer))
            : new Typos.Corrected(shortened.clauses(), false, Optional.empty());
    List<Clause> searched =
        synonyms.isPresent()
            ? synonyms.get().expand(corrected.clauses(), analyzer)
            : corrected.clauses();
    return new QueryPlan(
        searched,
        parts(searched, analyzer),
        proximityPairs(searched, analyzer),
        shortened.notes(),
        corrected.didYouMean(),
        false);
  }

  /**
   * A plan that looks for any of some words, each scored on its own, without proximity pairs: the
   * telling words of a section, to find the sections like it ({@link RelatedWords}).
   */
  public static QueryPlan anyOf(List<String> words, Analyzer analyzer) {
    List<Clause> clauses = new ArrayList<>(words.size());
    for (String word : words) {
      clauses.add(new Clause(Kind.WORD, word, Occurrence.SHOULD));
    }
    return new QueryPlan(
        clauses, parts(clauses, analyzer), List.of(), List.of(), Optional.empty(), false);
  }

  private static List<Part> parts(List<Clause> clauses, Analyzer analyzer) {
    List<Part> parts = new ArrayList<>();
    for (Clause clause : clauses) {
      Part part = part(clause, analyzer);
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static Part part(Clause clause, Analyzer analyzer) {
    switch (clause.kind()) {
      case PREFIX:
        BytesRef prefix = analyzer.normalize(IndexSchema.CONTENT, clause.text());
        return prefix.length == 0
            ? null
            : new Part(Kind.PREFIX, clause.occurrence(), prefix.utf8ToString(), List.of());
      case PHRASE:
        List<String> phraseTerms = QueryShortening.terms(analyzer, clause.text());
        return phraseTerms.isEmpty()
            ? null
            : new Part(
                Kind.PHRASE,
                clause.occurrence(),
                SectionAnalyzer.normalizedText(clause.text()),
                phraseTerms);
      default:
        List<String> terms = QueryShortening.terms(analyzer, clause.text());
        return terms.isEmpty()
            ? null
            : new Part(Kind.WORD, clause.occurrence(), clause.text(), terms, clause.synonyms());
    }
  }

  /**
   * Consecutive distinct terms of the query's plain words, at most {@value #MAX_PROXIMITY_PAIRS}
   * pairs: what the proximity boost rewards, for every backend.
   */
  private static List<List<String>> proximityPairs(List<Clause> clauses, Analyzer analyzer) {
    List<String> terms = new ArrayList<>();
    for (Clause clause : clauses) {
      if (clause.kind() == Kind.WORD && clause.occurrence() != Occurrence.MUST_NOT) {
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

  /** The clauses searched, in query order, with their typo alternatives. */
  List<Clause> clauses() {
    return clauses;
  }

  /** The parts with terms to search, in query order. */
  public List<Part> parts() {
    return parts;
  }

  /**
   * Consecutive query words to reward when found within {@link #PROXIMITY_SLOP} moves of each other
   * in the content field, in either order (a backend leaves them out when its proximity boost is
   * 0).
   */
  public List<List<String>> proximityPairs() {
    return proximityPairs;
  }

  /** What shortening did, for {@link dev.sectionsearch.search.SearchResults#notes()}. */
  public List<String> notes() {
    return notes;
  }

  /** The query in corrected words, when typo tolerance found any. */
  public Optional<String> didYouMean() {
    return didYouMean;
  }

  /** Whether every word is excluded: the search browses what is left, newest first. */
  public boolean onlyExclusions() {
    return onlyExclusions;
  }

  /**
   * Whether the search ranks by relevance: it has words to look for (not a browse, not only
   * exclusions), even if all of them are stop words.
   */
  public boolean scored() {
    return !clauses.isEmpty() && !onlyExclusions;
  }

  /** Whether no part may match: every word a stop word, so nothing can be found by words. */
  public boolean nothingToSearch() {
    return scored() && parts.stream().allMatch(p -> p.occurrence() == Occurrence.MUST_NOT);
  }
}
