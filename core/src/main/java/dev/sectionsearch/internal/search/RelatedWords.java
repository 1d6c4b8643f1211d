package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The telling words of a section, to find the sections like it: its terms ranked by tf-idf (how
 * often the section uses a term, times how rare the term is among the sections), as Lucene's {@code
 * MoreLikeThis} ranks them, but counted by any backend ({@link SearchBackend#frequencies}) so that
 * both backends search for the same words. Each term is given back as a word of the section that
 * analyses to it, so that the words are searched like a query's ({@link QueryPlan#anyOf}).
 *
 * <p>Part of the library's internals.
 */
final class RelatedWords {
  /** The most distinct terms of a section whose frequencies are asked for: its most used ones. */
  static final int MAX_CANDIDATES = 200;

  private RelatedWords() {}

  /** A term of the section: how often it uses it, and the first word of it in the text. */
  private static final class Candidate {
    final String term;
    final String word;
    final int position;
    int count;
    double weight;

    Candidate(String term, String word, int position) {
      this.term = term;
      this.word = word;
      this.position = position;
    }
  }

  /**
   * The section's most telling words, the most telling first: terms that only this section holds
   * (nothing to relate by) and one-letter terms are left out.
   *
   * @param text the section's heading and text
   * @param max the most words
   */
  static <Q, H> List<String> of(
      Analyzer analyzer, String text, SearchBackend<Q, H> backend, int max) throws IOException {
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream(IndexSchema.CONTENT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = 0;
      while (stream.incrementToken()) {
        String analysed = term.toString();
        if (analysed.codePointCount(0, analysed.length()) < 2) {
          continue;
        }
        int at = position++;
        candidates.computeIfAbsent(
                analysed,
                t -> new Candidate(t, text.substring(offset.startOffset(), offset.endOffset()), at))
            .count++;
      }
      stream.end();
    }
    List<Candidate> used = new ArrayList<>(candidates.values());
    used.sort(Comparator.comparingInt((Candidate c) -> -c.count).thenComparingInt(c -> c.position));
    if (used.size() > MAX_CANDIDATES) {
      used = new ArrayList<>(used.subList(0, MAX_CANDIDATES));
    }
    List<String> terms = new ArrayList<>(used.size());
    used.forEach(c -> terms.add(c.term));
    SearchBackend.Frequencies frequencies = backend.frequencies(terms);
    List<Candidate> telling = new ArrayList<>();
    for (Candidate candidate : used) {
      long holding = frequencies.terms().getOrDefault(candidate.term, 0L);
      if (holding < 2) {
        continue;
      }
      // ClassicSimilarity's idf, as MoreLikeThis weighs terms
      double idf = 1 + Math.log((frequencies.sections() + 1.0) / (holding + 1.0));
      candidate.weight = candidate.count * idf;
      telling.add(candidate);
    }
    telling.sort(
        Comparator.comparingDouble((Candidate c) -> -c.weight).thenComparingInt(c -> c.position));
    List<String> words = new ArrayList<>();
    for (Candidate candidate : telling) {
      if (words.size() == max) {
        break;
      }
      // a word searched is analysed again: keep only words that give back the term alone
      if (QueryShortening.terms(analyzer, candidate.word).equals(List.of(candidate.term))) {
        words.add(candidate.word);
      }
    }
    return words;
  }
}
