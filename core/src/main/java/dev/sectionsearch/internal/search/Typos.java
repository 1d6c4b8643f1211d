package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.search.QueryParsing.Alternative;
import dev.sectionsearch.internal.search.QueryParsing.Clause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Typo tolerance: the query words that are in no section (or in very few, while a word one typo
 * away is common) also match the indexed words nearest them, at a lower weight, and the query in
 * corrected words is offered as "did you mean". Words that are in the index are never corrected, so
 * a correctly spelt query is searched exactly as without typo tolerance.
 *
 * <p>The rules are Meilisearch's and Typesense's: a word of {@value #ONE_TYPO_LETTERS} letters or
 * more may have one typo, of {@value #TWO_TYPOS_LETTERS} or more two; a typo is an inserted,
 * deleted or replaced letter or two neighbours swapped (Damerau-Levenshtein). Distances are taken
 * between analysed terms (stems), since the index holds nothing else; the word lengths are those
 * the user typed. Pure functions over a {@link Lexicon}, so that any backend that can look up its
 * terms corrects alike. Thread-safe.
 */
public final class Typos {
  /** The shortest word that may have one typo. */
  public static final int ONE_TYPO_LETTERS = 5;

  /** The shortest word that may have two typos. */
  public static final int TWO_TYPOS_LETTERS = 9;

  /** A word's own term in at most this many sections is rare enough to be a typo. */
  static final long RARE_DOC_FREQ = 2;

  /** How many times more sections a correction of a rare (not absent) word must be in. */
  static final long MORE_COMMON = 50;

  /** The most indexed terms a misspelt term also matches. */
  static final int MAX_ALTERNATIVES = 2;

  /** The most candidates of a term whose written words are looked up. */
  static final int MAX_TRIES = 4;

  /** The weight of a correction one typo away, relative to the word's own term. */
  static final float ONE_TYPO_WEIGHT = 0.8f;

  /** The weight of a correction two typos away. */
  static final float TWO_TYPOS_WEIGHT = 0.6f;

  /** What typo tolerance needs of an index's terms, in its scored field. */
  public interface Lexicon {
    /** How many sections hold the term. */
    long docFreq(String term) throws IOException;

    /** The indexed terms within {@code maxEdits} (1 or 2) of a term, in any order. */
    List<Near> near(String term, int maxEdits) throws IOException;

    /**
     * The word as written in the indexed text that analyses to the term, the one nearest {@code
     * typed} when there are several ("russia" rather than "russia's"), lower case; empty when none
     * is found.
     */
    Optional<String> word(String term, String typed) throws IOException;
  }

  /**
   * An indexed term, the number of sections that hold it and its number of typos from a query word.
   */
  public record Near(String term, long docFreq, int edits) {
    /** A term found near another, its typos not yet counted. */
    public Near(String term, long docFreq) {
      this(term, docFreq, 0);
    }
  }

  /**
   * The clauses with their corrections, and the query in corrected words.
   *
   * @param replaced whether the clauses match the corrections: when at least half the query's words
   *     were misspelt
   * @param didYouMean the query with its misspelt words replaced; empty when none was corrected
   */
  record Corrected(List<Clause> clauses, boolean replaced, Optional<String> didYouMean) {}

  private Typos() {}

  /** The most typos a word of this spelling may have: 0, 1 or 2. */
  public static int maxEdits(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      // numbers, codes, acronyms and identifiers ("2019", "TCOLL", "ComYMV") are meant as typed
      if (!Character.isLetter(c) || (i > 0 && Character.isUpperCase(c))) {
        return 0;
      }
    }
    int letters = word.codePointCount(0, word.length());
    return letters >= TWO_TYPOS_LETTERS ? 2 : letters >= ONE_TYPO_LETTERS ? 1 : 0;
  }

  /**
   * Corrects the plain and required words of a query; phrases (quoted to be taken as typed),
   * prefixes and excluded words are left alone.
   */
  static Corrected correct(String query, List<Clause> clauses, Analyzer analyzer, Lexicon lexicon)
      throws IOException {
    List<List<Alternative>> found = new ArrayList<>(clauses.size());
    Map<String, String> replacements = new LinkedHashMap<>();
    int searched = 0;
    int misspelt = 0;
    for (Clause clause : clauses) {
      List<Alternative> alternatives = new ArrayList<>();
      found.add(alternatives);
      if (clause.occurrence() == QueryPlan.Occurrence.MUST_NOT) {
        continue;
      }
      List<Token> tokens = tokens(analyzer, clause.text());
      searched += clause.kind() == QueryPlan.Kind.PREFIX ? 1 : tokens.size();
      if (clause.kind() != QueryPlan.Kind.WORD) {
        continue;
      }
      for (Token token : tokens) {
        Optional<Correction> correction = correct(token, analyzer, lexicon);
        if (correction.isPresent()) {
          misspelt++;
          alternatives.addAll(correction.get().alternatives());
          replacements.putIfAbsent(token.word(), withCaseOf(token.word(), correction.get().word()));
        }
      }
    }
    // a query of mostly real words, one or two of them in no section, is searched as typed: those
    // are as often rare words spelt right ("Merlin", "thigh") as typos, and the query's other
    // words find what it is about; did-you-mean still offers the corrections
    boolean replace = misspelt > 0 && misspelt * 2 >= searched;
    List<Clause> corrected = new ArrayList<>(clauses.size());
    for (int i = 0; i < clauses.size(); i++) {
      corrected.add(
          replace && !found.get(i).isEmpty()
              ? clauses.get(i).withAlternatives(found.get(i))
              : clauses.get(i));
    }
    Optional<String> didYouMean =
        replacements.isEmpty() ? Optional.empty() : Optional.of(replace(query, replacements));
    return new Corrected(corrected, replace, didYouMean.filter(text -> !text.equals(query)));
  }

  /** The corrections of one misspelt word: the terms it also matches, the word it was meant as. */
  private record Correction(List<Alternative> alternatives, String word) {}

  /**
   * The corrections of a query word, or empty when it is spelt right (or too short to correct). A
   * candidate counts only when a word of the indexed text that makes its term is within the word's
   * typos of the typed word: a stem near the typed word's stem may come from a word far from it
   * ("omnivor" is two typos from "monitor").
   */
  private static Optional<Correction> correct(Token token, Analyzer analyzer, Lexicon lexicon)
      throws IOException {
    int maxEdits = maxEdits(token.word());
    if (maxEdits == 0) {
      return Optional.empty();
    }
    long own = lexicon.docFreq(token.term());
    if (own > RARE_DOC_FREQ) {
      return Optional.empty();
    }
    String typed = token.word().toLowerCase(Locale.ROOT);
    Optional<List<Near>> candidates = candidates(typed, token.term(), maxEdits, analyzer, lexicon);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    List<Alternative> alternatives = new ArrayList<>();
    String meant = null;
    int tries = 0;
    int nearest = Integer.MAX_VALUE;
    for (Near near : best(token.term(), own, candidates.get())) {
      if (alternatives.size() == MAX_ALTERNATIVES || tries++ == MAX_TRIES) {
        break;
      }
      Optional<String> word = lexicon.word(near.term(), typed);
      if (word.isEmpty()) {
        continue;
      }
      int edits = distance(typed, word.get());
      if (edits > maxEdits || edits > nearest) {
        continue;
      }
      if (meant == null) {
        meant = word.get();
        nearest = edits;
      }
      float weight = edits <= 1 ? ONE_TYPO_WEIGHT : TWO_TYPOS_WEIGHT;
      alternatives.add(new Alternative(token.term(), near.term(), weight, own == 0));
    }
    return meant == null ? Optional.empty() : Optional.of(new Correction(alternatives, meant));
  }

  /**
   * The indexed terms a typed word may have been meant as, each with its number of typos: the terms
   * within {@code maxEdits} of the word's own term, and the terms of the words one typo from the
   * typed word. The second catch typos that keep the stemmer from taking a suffix off ("mutatoins"
   * is "mutatoin", far from "mutat", but one typo from "mutations"). Empty when a word one typo
   * away is a stop word: "thier" is "their" rather than "thief".
   */
  private static Optional<List<Near>> candidates(
      String typed, String term, int maxEdits, Analyzer analyzer, Lexicon lexicon)
      throws IOException {
    Map<String, Near> byTerm = new LinkedHashMap<>();
    for (Near near : lexicon.near(term, maxEdits)) {
      byTerm.put(near.term(), new Near(near.term(), near.docFreq(), distance(term, near.term())));
    }
    for (String variant : oneTypoAway(typed)) {
      List<Token> analysed = tokens(analyzer, variant);
      if (analysed.isEmpty()) {
        return Optional.empty();
      }
      if (analysed.size() != 1) {
        continue;
      }
      String stem = analysed.get(0).term();
      Near known = byTerm.get(stem);
      if (known == null) {
        long docFreq = lexicon.docFreq(stem);
        if (docFreq > 0) {
          byTerm.put(stem, new Near(stem, docFreq, 1));
        }
      } else if (known.edits() > 1) {
        byTerm.put(stem, new Near(stem, known.docFreq(), 1));
      }
    }
    return Optional.of(List.copyOf(byTerm.values()));
  }

  /** Every word one insertion, deletion, replacement or swap of neighbours from a word. */
  static Set<String> oneTypoAway(String word) {
    Set<Character> letters = new TreeSet<>();
    for (char c = 'a'; c <= 'z'; c++) {
      letters.add(c);
    }
    for (int i = 0; i < word.length(); i++) {
      letters.add(word.charAt(i));
    }
    Set<String> variants = new LinkedHashSet<>();
    StringBuilder edited = new StringBuilder(word.length() + 1);
    for (int i = 0; i <= word.length(); i++) {
      String head = word.substring(0, i);
      String tail = word.substring(i);
      if (!tail.isEmpty()) {
        variants.add(head + tail.substring(1));
      }
      if (tail.length() > 1) {
        variants.add(head + tail.charAt(1) + tail.charAt(0) + tail.substring(2));
      }
      for (char letter : letters) {
        edited.setLength(0);
        variants.add(edited.append(head).append(letter).append(tail).toString());
        if (!tail.isEmpty() && tail.charAt(0) != letter) {
          edited.setLength(0);
          variants.add(
              edited.append(head).append(letter).append(tail, 1, tail.length()).toString());
        }
      }
    }
    variants.remove(word);
    return variants;
  }

  /**
   * The candidates more common than a term (far more, when it is in any section at all), nearest
   * first, then most common first.
   */
  private static List<Near> best(String term, long own, List<Near> candidates) {
    long least = own == 0 ? 1 : own * MORE_COMMON;
    List<Near> kept = new ArrayList<>();
    for (Near near : candidates) {
      if (!near.term().equals(term) && near.docFreq() >= least) {
        kept.add(near);
      }
    }
    kept.sort(
        Comparator.comparingInt(Near::edits)
            .thenComparing(Comparator.comparingLong(Near::docFreq).reversed())
            .thenComparing(Near::term));
    return kept;
  }

  /** A word of a query as typed and the term the analyzer makes of it. */
  private record Token(String word, String term) {}

  private static List<Token> tokens(Analyzer analyzer, String text) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(IndexSchema.CONTENT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        int start = Math.min(offset.startOffset(), text.length());
        int end = Math.min(offset.endOffset(), text.length());
        tokens.add(new Token(text.substring(start, end), term.toString()));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a string reader does not fail
    }
    return tokens;
  }

  /** The query with each misspelt word, wherever it stands as a whole word, replaced. */
  private static String replace(String query, Map<String, String> replacements) {
    String result = query;
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      result = replaceWord(result, replacement.getKey(), replacement.getValue());
    }
    return result;
  }

  private static String replaceWord(String text, String word, String by) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
      int end = at + word.length();
      boolean whole =
          (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
              && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
      if (whole) {
        out.append(text, from, at).append(by);
        from = end;
      }
    }
    return out.append(text, from, text.length()).toString();
  }

  /** The word in the typed word's case: all capitals, a capital first, or lower case. */
  static String withCaseOf(String typed, String word) {
    if (typed.length() > 1 && typed.equals(typed.toUpperCase(Locale.ROOT))) {
      return word.toUpperCase(Locale.ROOT);
    }
    if (Character.isUpperCase(typed.codePointAt(0))) {
      int first = word.offsetByCodePoints(0, 1);
      return word.substring(0, first).toUpperCase(Locale.ROOT) + word.substring(first);
    }
    return word;
  }

  /**
   * The optimal string alignment distance (Damerau-Levenshtein where no letter is edited twice), as
   * Lucene's fuzzy matching counts it with transpositions: insertions, deletions, substitutions and
   * swaps of neighbours cost one each.
   */
  public static int distance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[][] d = new int[x.length + 1][y.length + 1];
    for (int i = 0; i <= x.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= y.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[x.length][y.length];
  }
}
