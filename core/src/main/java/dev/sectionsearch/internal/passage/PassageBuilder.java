package dev.sectionsearch.internal.passage;

import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Picks the best passages of matched sections: whole sentences around the query's matches, with the
 * matches as highlight ranges. Built on Lucene's {@link UnifiedHighlighter}, reading offsets from
 * the postings so that no text is analysed again.
 *
 * <p>Passages aim at {@value #TARGET_CHARS} characters of whole sentences; a sentence longer than
 * {@value #MAX_CHARS} characters is trimmed to a window around its matches, at spaces. Matches
 * separated only by spaces are merged into one highlight, as are passages that touch. Phrases are
 * highlighted as a whole, never word by word. A section none of whose text matched (only its
 * heading or title did) gets no passage here: the caller shows its {@link #opening opening}. A
 * match anywhere in a section, however long, can be the passage: Lucene's highlighter looks only at
 * the first 10,000 characters unless told otherwise, and the cost of looking further is one pass
 * over the matches' offsets.
 *
 * <p>Part of the library's internals, public only across its packages. Thread-safe.
 */
public final class PassageBuilder {
  /** The length passages aim at, in characters. */
  static final int TARGET_CHARS = 160;

  /** The longest passage returned, in characters. */
  static final int MAX_CHARS = 320;

  /** The length an {@linkplain #opening opening} aims at, in characters. */
  static final int OPENING_CHARS = 200;

  /** The highlighter's longest text: the whole section (Lucene refuses MAX_VALUE itself). */
  private static final int WHOLE_TEXT = Integer.MAX_VALUE - 1;

  private final Analyzer analyzer;
  private final String field;

  /**
   * @param analyzer the analyzer the field was indexed with
   * @param field the field, indexed with offsets, whose matches passages show
   */
  public PassageBuilder(Analyzer analyzer, String field) {
    this.analyzer = analyzer;
    this.field = field;
  }

  /**
   * The best passages of each document, in reading order.
   *
   * @param searcher the searcher the documents were found with
   * @param query the query whose matches to highlight; only its clauses on the field count
   * @param docIds the documents, as Lucene ids of {@code searcher}
   * @param texts each document's stored text of the field, in the order of {@code docIds}; the
   *     caller has read the documents already, and reading them again costs as much as the
   *     highlighting itself
   * @param maxPassages the most passages per document
   * @return one list per document id, in the same order
   */
  public List<List<Passage>> passages(
      IndexSearcher searcher, Query query, int[] docIds, String[] texts, int maxPassages)
      throws IOException {
    return passages(searcher, query, docIds, texts, new int[docIds.length], maxPassages);
  }

  /**
   * The best passages of each document's text where that text is the end of the indexed field: a
   * text starts at an offset of the field's, and matches before it (in a title indexed in the same
   * field) are not shown.
   *
   * @param textOffsets where each text starts in its field's offsets, in the order of {@code
   *     docIds}
   * @see #passages(IndexSearcher, Query, int[], String[], int)
   */
  public List<List<Passage>> passages(
      IndexSearcher searcher,
      Query query,
      int[] docIds,
      String[] texts,
      int[] textOffsets,
      int maxPassages)
      throws IOException {
    if (texts.length != docIds.length || textOffsets.length != docIds.length) {
      throw new IllegalArgumentException(
          docIds.length
              + " documents but "
              + texts.length
              + " texts and "
              + textOffsets.length
              + " offsets");
    }
    List<List<Passage>> result = new ArrayList<>(docIds.length);
    if (maxPassages == 0 || docIds.length == 0) {
      for (int i = 0; i < docIds.length; i++) {
        result.add(List.of());
      }
      return result;
    }
    Map<Integer, String> textByDoc = new HashMap<>();
    IdentityHashMap<String, Integer> offsetByText = new IdentityHashMap<>();
    for (int i = 0; i < docIds.length; i++) {
      textByDoc.put(docIds[i], texts[i]);
      if (textOffsets[i] != 0) {
        offsetByText.put(texts[i], textOffsets[i]);
      }
    }
    Highlighter highlighter =
        new Highlighter(
            textByDoc,
            offsetByText,
            UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(PassageBuilder::sentences)
                .withFormatter(new Formatter())
                .withScorer(new CoverageScorer())
                .withWeightMatches(true)
                .withMaxNoHighlightPassages(0)
                .withMaxLength(WHOLE_TEXT)
                .withPassageRelevancyOverSpeed(true));
    Object[] formatted =
        highlighter
            .highlight(new String[] {field}, query, docIds.clone(), new int[] {maxPassages})
            .get(field);
    for (Object passages : formatted) {
      result.add(passages == null ? List.of() : asPassages(passages));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<Passage> asPassages(Object formatted) {
    return (List<Passage>) formatted;
  }

  private static BreakIterator sentences() {
    return LengthGoalBreakIterator.createClosestToLength(
        new SentenceBreakIterator(), TARGET_CHARS, 0.5f);
  }

  /**
   * Scores passages by Lucene's BM25-style passage score times the number of distinct query terms
   * they hold, so that a sentence with two of the query's words beats one repeating a single word:
   * readers look for the passage that answers the whole query.
   *
   * <p>Computes the same BM25-style sum as {@link PassageScorer#score} by scanning the few matches
   * of a passage, where Lucene's builds a hash with a 32 KB block for every candidate passage: that
   * allocation was a tenth of a search's time.
   */
  static final class CoverageScorer extends PassageScorer {
    @Override
    public float score(org.apache.lucene.search.uhighlight.Passage passage, int contentLength) {
      int matches = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
      double score = 0;
      int distinct = 0;
      for (int i = 0; i < matches; i++) {
        if (seenBefore(terms, i)) {
          continue;
        }
        int freqInPassage = 1;
        for (int j = i + 1; j < matches; j++) {
          freqInPassage += terms[i].equals(terms[j]) ? 1 : 0;
        }
        score += tf(freqInPassage, passage.getLength()) * weight(contentLength, freqsInDoc[i]);
        distinct++;
      }
      score *= norm(passage.getStartOffset());
      return (float) score * Math.max(1, distinct);
    }

    private static boolean seenBefore(BytesRef[] terms, int index) {
      for (int j = 0; j < index; j++) {
        if (terms[j].equals(terms[index])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Gives access to the highlighter's per-document objects, which are our passages, and takes the
   * texts from the caller instead of reading them from the index again.
   */
  private static final class Highlighter extends UnifiedHighlighter {
    private final Map<Integer, String> textByDoc;
    private final Map<String, Integer> offsetByText;

    Highlighter(
        Map<Integer, String> textByDoc, Map<String, Integer> offsetByText, Builder builder) {
      super(builder);
      this.textByDoc = textByDoc;
      this.offsetByText = offsetByText;
    }

    @Override
    protected FieldOffsetStrategy getOffsetStrategy(
        OffsetSource offsetSource, UHComponents components) {
      FieldOffsetStrategy strategy = super.getOffsetStrategy(offsetSource, components);
      // offsets read from the index are the field's; re-analysing the text given (Lucene does
      // for prefix queries) gives the text's own
      boolean indexed =
          offsetSource == OffsetSource.POSTINGS
              || offsetSource == OffsetSource.POSTINGS_WITH_TERM_VECTORS
              || offsetSource == OffsetSource.TERM_VECTORS;
      return indexed && !offsetByText.isEmpty()
          ? new TextOffsets(strategy, components, offsetByText)
          : strategy;
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docs, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        String text = textByDoc.get(doc);
        // Lucene's own loading stops at the highlighter's maximum length too
        values.add(
            new CharSequence[] {
              text == null || text.length() <= getMaxLength()
                  ? text
                  : text.substring(0, getMaxLength())
            });
      }
      return values;
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int[] max)
        throws IOException {
      return highlightFieldsAsObjects(fields, query, docIds, max);
    }
  }

  /**
   * The offsets of a field's matches within the text given for a document, which is the end of the
   * field: matches before the text are left out and the rest shifted to start at the text. The text
   * a document is highlighted in is the one object given for it, so it finds its own offset.
   */
  private static final class TextOffsets extends FieldOffsetStrategy {
    private final FieldOffsetStrategy strategy;
    private final Map<String, Integer> offsetByText;

    TextOffsets(
        FieldOffsetStrategy strategy, UHComponents components, Map<String, Integer> offsetByText) {
      super(components);
      this.strategy = strategy;
      this.offsetByText = offsetByText;
    }

    @Override
    public UnifiedHighlighter.OffsetSource getOffsetSource() {
      return strategy.getOffsetSource();
    }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content)
        throws IOException {
      OffsetsEnum offsets = strategy.getOffsetsEnum(reader, docId, content);
      Integer start = offsetByText.get(content);
      return start == null ? offsets : new Shifted(offsets, start);
    }
  }

  /** Offsets from a point on, moved back by that much. */
  private static final class Shifted extends OffsetsEnum {
    private final OffsetsEnum offsets;
    private final int shift;

    Shifted(OffsetsEnum offsets, int shift) {
      this.offsets = offsets;
      this.shift = shift;
    }

    @Override
    public boolean nextPosition() throws IOException {
      while (offsets.nextPosition()) {
        if (offsets.startOffset() >= shift) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int freq() throws IOException {
      return offsets.freq();
    }

    @Override
    public BytesRef getTerm() throws IOException {
      return offsets.getTerm();
    }

    @Override
    public int startOffset() throws IOException {
      return offsets.startOffset() - shift;
    }

    @Override
    public int endOffset() throws IOException {
      return offsets.endOffset() - shift;
    }

    @Override
    public void close() throws IOException {
      offsets.close();
    }
  }

  /** Turns Lucene's passages over a section's text into ours. */
  private static final class Formatter extends PassageFormatter {
    @Override
    public Object format(org.apache.lucene.search.uhighlight.Passage[] passages, String content) {
      org.apache.lucene.search.uhighlight.Passage[] ordered = passages.clone();
      Arrays.sort(ordered, Comparator.comparingInt(p -> p.getStartOffset()));
      List<Draft> drafts = new ArrayList<>();
      for (org.apache.lucene.search.uhighlight.Passage passage : ordered) {
        Draft draft = Draft.of(passage, content);
        Draft previous = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
        if (previous != null && previous.touches(draft, content)) {
          previous.absorb(draft);
        } else {
          drafts.add(draft);
        }
      }
      List<Passage> result = new ArrayList<>(drafts.size());
      for (Draft draft : drafts) {
        Passage passage = draft.toPassage(content);
        if (!passage.text().isEmpty()) {
          result.add(passage);
        }
      }
      return result;
    }
  }

  /** A passage being assembled: its range in the section text and its match ranges. */
  private static final class Draft {
    int start;
    int end;
    final List<int[]> matches = new ArrayList<>();

    static Draft of(org.apache.lucene.search.uhighlight.Passage passage, String content) {
      Draft draft = new Draft();
      draft.start = Math.max(0, passage.getStartOffset());
      draft.end = Math.min(content.length(), passage.getEndOffset());
      int[] starts = passage.getMatchStarts();
      int[] ends = passage.getMatchEnds();
      for (int i = 0; i < passage.getNumMatches(); i++) {
        draft.matches.add(new int[] {starts[i], ends[i]});
      }
      draft.matches.sort(Comparator.comparingInt((int[] m) -> m[0]));
      return draft;
    }

    boolean touches(Draft next, String content) {
      return content.substring(Math.min(end, next.start), next.start).isBlank();
    }

    void absorb(Draft next) {
      end = Math.max(end, next.end);
      matches.addAll(next.matches);
    }

    Passage toPassage(String content) {
      int[] window = window(content);
      int from = skipSpace(content, window[0], window[1]);
      int to = trimSpace(content, from, window[1]);
      List<Highlight> highlights = new ArrayList<>();
      int lastEnd = -1;
      for (int[] match : matches) {
        int s = Math.max(match[0], from);
        int e = Math.min(match[1], to);
        if (e <= s) {
          continue;
        }
        if (lastEnd >= 0 && content.substring(Math.min(lastEnd, s), s).isBlank()) {
          Highlight previous = highlights.remove(highlights.size() - 1);
          highlights.add(new Highlight(previous.start(), Math.max(previous.end(), e - from)));
        } else if (s >= lastEnd) {
          highlights.add(new Highlight(s - from, e - from));
        } else {
          continue;
        }
        lastEnd = Math.max(lastEnd, e);
      }
      return new Passage(content.substring(from, to), highlights, from, to);
    }

    /**
     * The range to show: the whole passage when short enough, otherwise a window of at most {@link
     * #MAX_CHARS} around the first match, widened to spaces so no word is cut.
     */
    private int[] window(String content) {
      if (end - start <= MAX_CHARS) {
        return new int[] {start, end};
      }
      int anchor = matches.isEmpty() ? start : Math.max(start, matches.get(0)[0]);
      int from = start;
      if (anchor - start > MAX_CHARS / 2) {
        // the match is far into a long sentence: start a little before it, at a space
        from = anchor - MAX_CHARS / 4;
        int space = content.indexOf(' ', from);
        from = space < 0 || space >= anchor ? from : space + 1;
      }
      int to = Math.min(end, from + MAX_CHARS);
      if (to < end) {
        int space = content.lastIndexOf(' ', to);
        to = space <= from ? to : space;
      }
      return new int[] {from, to};
    }
  }

  /**
   * The opening of a text, for a hit whose section holds none of the query's words: about {@value
   * #OPENING_CHARS} characters, ending where a sentence ends when one ends between half and one and
   * a half times that, otherwise at the last space before it; no highlights. Empty when the text is
   * blank.
   *
   * @param text a section's text
   * @return the opening, its range in {@code text}; an empty list for a blank text
   */
  public static List<Passage> opening(String text) {
    int from = skipSpace(text, 0, text.length());
    if (from == text.length()) {
      return List.of();
    }
    int to = text.length();
    if (to - from > OPENING_CHARS) {
      to = sentenceEnd(text, from);
      if (to < 0) {
        int limit = from + OPENING_CHARS;
        int space = limit;
        while (space > from && !Character.isWhitespace(text.charAt(space))) {
          space--;
        }
        to = space > from ? space : limit;
        // never between the two halves of a surrogate pair
        if (Character.isLowSurrogate(text.charAt(to)) && to > from + 1) {
          to--;
        }
      }
    }
    to = trimSpace(text, from, to);
    return List.of(new Passage(text.substring(from, to), List.of(), from, to));
  }

  /** The end of the sentence nearest {@link #OPENING_CHARS} after {@code from}, or -1. */
  private static int sentenceEnd(String text, int from) {
    SentenceBreakIterator sentences = new SentenceBreakIterator();
    sentences.setText(text);
    int best = -1;
    int low = from + OPENING_CHARS / 2;
    int high = from + OPENING_CHARS * 3 / 2;
    for (int b = sentences.following(from); b != BreakIterator.DONE && b <= high; ) {
      if (b >= low
          && (best < 0
              || Math.abs(b - from - OPENING_CHARS) < Math.abs(best - from - OPENING_CHARS))) {
        best = b;
      }
      if (b >= text.length()) {
        break;
      }
      b = sentences.following(b);
    }
    return best;
  }

  /** The first position from {@code from} (before {@code to}) that is not white space. */
  static int skipSpace(String content, int from, int to) {
    while (from < to && Character.isWhitespace(content.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The end of {@code from..to} with trailing white space left out. */
  static int trimSpace(String content, int from, int to) {
    while (to > from && Character.isWhitespace(content.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
