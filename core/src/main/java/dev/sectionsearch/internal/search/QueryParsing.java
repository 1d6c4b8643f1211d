package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.search.QueryPlan.Kind;
import dev.sectionsearch.internal.search.QueryPlan.Occurrence;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the safe query syntax into clauses. It never fails: an unclosed quote runs to the end,
 * stray operators and brackets are ignored, and a query of any length is read in one pass (a long
 * one is shortened afterwards, see {@link QueryShortening}).
 */
final class QueryParsing {
  /** Shortest prefix before a {@code *}; shorter ones would expand to most of the index. */
  static final int MIN_PREFIX_CHARS = 2;

  /**
   * One clause of a query.
   *
   * @param alternatives indexed terms a word also matches, at a lower weight: corrections of its
   *     misspelt terms ({@link Typos}); empty for any other clause
   * @param synonyms terms and phrases a word (or words) also matches, at a lower weight, from the
   *     request's synonyms; empty for any other clause
   */
  record Clause(
      Kind kind,
      String text,
      Occurrence occurrence,
      List<Alternative> alternatives,
      List<QueryPlan.Synonym> synonyms) {
    Clause {
      alternatives = List.copyOf(alternatives);
      synonyms = List.copyOf(synonyms);
    }

    Clause(Kind kind, String text, Occurrence occurrence, List<Alternative> alternatives) {
      this(kind, text, occurrence, alternatives, List.of());
    }

    Clause(Kind kind, String text, Occurrence occurrence) {
      this(kind, text, occurrence, List.of(), List.of());
    }

    Clause withAlternatives(List<Alternative> alternatives) {
      return new Clause(kind, text, occurrence, alternatives, synonyms);
    }

    Clause withSynonyms(List<QueryPlan.Synonym> synonyms) {
      return new Clause(kind, text, occurrence, alternatives, synonyms);
    }
  }

  /**
   * An indexed term a query word also matches.
   *
   * @param original the word's own analysed term
   * @param term the indexed term to match as well
   * @param weight its weight relative to the word's own term, below 1 so exact matches rank first
   * @param replaces whether the original is in no section: the alternative then stands in for it
   *     where the query's words are taken one by one (proximity pairs)
   */
  record Alternative(String original, String term, float weight, boolean replaces) {}

  private QueryParsing() {}

  static List<Clause> parse(String query) {
    List<Clause> clauses = new ArrayList<>();
    Occurrence next = null;
    boolean requireNeighbours = false;
    int i = 0;
    int n = query.length();
    while (i < n) {
      char c = query.charAt(i);
      if (isSeparator(c)) {
        i++;
        continue;
      }
      Occurrence modifier = null;
      // a sign before a digit belongs to a number ("+1 nucleosomes", "-40 degrees")
      if ((c == '-' || c == '+')
          && i + 1 < n
          && !isSeparator(query.charAt(i + 1))
          && !Character.isDigit(query.charAt(i + 1))) {
        modifier = c == '-' ? Occurrence.MUST_NOT : Occurrence.MUST;
        i++;
        c = query.charAt(i);
      }
      String text;
      Kind kind;
      if (c == '"') {
        int close = query.indexOf('"', i + 1);
        int end = close < 0 ? n : close;
        text = query.substring(i + 1, end);
        kind = Kind.PHRASE;
        i = close < 0 ? n : close + 1;
      } else {
        int end = i;
        while (end < n && !isSeparator(query.charAt(end)) && query.charAt(end) != '"') {
          end++;
        }
        text = query.substring(i, end);
        i = end;
        if (modifier == null && (text.equals("OR") || text.equals("AND") || text.equals("NOT"))) {
          if (text.equals("NOT")) {
            next = Occurrence.MUST_NOT;
          } else if (text.equals("AND")) {
            requireNeighbours = true;
            requireLast(clauses);
          }
          continue;
        }
        kind = Kind.WORD;
        if (text.endsWith("*")) {
          String stem = stripTrailing(text, '*');
          if (countWordChars(stem) >= MIN_PREFIX_CHARS && isPlainWord(stem)) {
            kind = Kind.PREFIX;
            text = stem;
          }
        }
      }
      text = text.strip();
      if (text.isEmpty() || countWordChars(text) == 0) {
        continue;
      }
      Occurrence occurrence = modifier != null ? modifier : next != null ? next : Occurrence.SHOULD;
      if (requireNeighbours && occurrence == Occurrence.SHOULD) {
        occurrence = Occurrence.MUST;
      }
      requireNeighbours = false;
      next = null;
      clauses.add(new Clause(kind, text, occurrence));
    }
    return clauses;
  }

  private static void requireLast(List<Clause> clauses) {
    if (!clauses.isEmpty()) {
      Clause last = clauses.get(clauses.size() - 1);
      if (last.occurrence() == Occurrence.SHOULD) {
        clauses.set(
            clauses.size() - 1,
            new Clause(
                last.kind(), last.text(), Occurrence.MUST, last.alternatives(), last.synonyms()));
      }
    }
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c)
        || Character.isISOControl(c)
        || Character.isSpaceChar(c)
        || c == '('
        || c == ')';
  }

  private static boolean isPlainWord(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int countWordChars(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  private static String stripTrailing(String text, char c) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == c) {
      end--;
    }
    return text.substring(0, end);
  }
}
