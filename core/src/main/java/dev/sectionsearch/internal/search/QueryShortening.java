package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import dev.sectionsearch.internal.search.QueryPlan.Kind;
import dev.sectionsearch.internal.search.QueryPlan.Occurrence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * Shortens a long query (a pasted paragraph, a question an LLM wrote) to the words that say most
 * about what it asks, instead of refusing it: words given with an operator ({@code +word}, {@code
 * -word}, phrases, prefixes) are kept first; of the plain words, stop words and repeats are dropped
 * and the rarest in the index are kept, as inverse document frequency would weigh them. A query
 * within the limit is left exactly as it is.
 */
final class QueryShortening {
  /** A query's clauses after shortening, and what was done, in words for the user. */
  record Shortened(List<Clause> clauses, List<String> notes) {}

  /** A plain word, by its place in the query, and how many sections hold its rarest term. */
  private record Candidate(int position, long documentFrequency) {}

  private QueryShortening() {}

  /**
   * The clauses to search, at most {@code maxWords} of them, in the query's order.
   *
   * @param reader the index whose document frequencies rank the plain words
   */
  static Shortened shorten(
      List<Clause> clauses, int maxWords, Analyzer analyzer, IndexReader reader)
      throws IOException {
    if (clauses.size() <= maxWords) {
      return new Shortened(clauses, List.of());
    }
    boolean[] kept = new boolean[clauses.size()];
    int keptCount = 0;
    int explicit = 0;
    for (int i = 0; i < clauses.size(); i++) {
      if (!isPlainWord(clauses.get(i))) {
        explicit++;
        if (keptCount < maxWords) {
          kept[i] = true;
          keptCount++;
        }
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < clauses.size(); i++) {
      if (isPlainWord(clauses.get(i))) {
        List<String> terms = terms(analyzer, clauses.get(i).text());
        // a stop word has no terms; a repeat adds nothing a shortened query has room for
        if (!terms.isEmpty() && seen.add(terms)) {
          candidates.add(new Candidate(i, rarestFrequency(terms, reader)));
        }
      }
    }
    // a word no section holds matches nothing: it goes last rather than take a place
    candidates.sort(
        Comparator.comparingLong(
            (Candidate c) -> c.documentFrequency() == 0 ? Long.MAX_VALUE : c.documentFrequency()));
    for (Candidate candidate : candidates) {
      if (keptCount == maxWords) {
        break;
      }
      kept[candidate.position()] = true;
      keptCount++;
    }
    List<Clause> shortened = new ArrayList<>(keptCount);
    for (int i = 0; i < clauses.size(); i++) {
      if (kept[i]) {
        shortened.add(clauses.get(i));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "query shortened to "
            + keptCount
            + " of "
            + clauses.size()
            + " words: stop words and repeats dropped, the rarest words in the index kept");
    if (explicit > maxWords) {
      notes.add(
          "only the first "
              + maxWords
              + " of "
              + explicit
              + " required, excluded, quoted or prefix words were kept");
    }
    return new Shortened(shortened, notes);
  }

  private static boolean isPlainWord(Clause clause) {
    return clause.kind() == Kind.WORD && clause.occurrence() == Occurrence.SHOULD;
  }

  private static long rarestFrequency(List<String> terms, IndexReader reader) throws IOException {
    long rarest = Long.MAX_VALUE;
    for (String term : terms) {
      int frequency = reader.docFreq(new Term(IndexSchema.CONTENT, term));
      if (frequency > 0) {
        rarest = Math.min(rarest, frequency);
      }
    }
    return rarest == Long.MAX_VALUE ? 0 : rarest;
  }

  /** The terms the analyzer makes of a text, as the scored field indexes them. */
  static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(IndexSchema.CONTENT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
