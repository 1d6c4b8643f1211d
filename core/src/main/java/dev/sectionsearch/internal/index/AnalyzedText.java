package dev.sectionsearch.internal.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tokens of one text, analysed once and replayed into every field that indexes the text. A
 * document's title and headings are indexed once per section in several fields: each is analysed
 * once instead, and its tokens replayed.
 *
 * <p>Replaying gives each field the terms, position increments and offsets the analyzer made, so
 * the index is the one analysing the text in each field would make. The {@code content} field is
 * the title, headings and body analysed apart and joined as a multi-valued field is: stop words at
 * the end of a part still count before the next part's first word, as in the OpenSearch backend's
 * layout of the same parts.
 *
 * <p>Internal to the library. Immutable once recorded; each {@link #replay} is a new stream.
 */
final class AnalyzedText {
  private final char[] chars;
  private final int[] termEnds;
  private final int[] increments;
  private final int[] startOffsets;
  private final int[] endOffsets;
  private final int count;
  private final int length;
  // the position increment the stream's end() reports (stop words after the last token), which
  // the indexing chain adds before the next value: carried to the next joined part the same way
  private final int trailingIncrement;

  private AnalyzedText(
      char[] chars,
      int[] termEnds,
      int[] increments,
      int[] startOffsets,
      int[] endOffsets,
      int count,
      int length,
      int trailingIncrement) {
    this.chars = chars;
    this.termEnds = termEnds;
    this.increments = increments;
    this.startOffsets = startOffsets;
    this.endOffsets = endOffsets;
    this.count = count;
    this.length = length;
    this.trailingIncrement = trailingIncrement;
  }

  /** Analyses a text as the given field. */
  static AnalyzedText of(Analyzer analyzer, String field, String text) {
    int capacity = Math.max(4, text.length() / 6);
    char[] chars = new char[Math.max(16, text.length())];
    int[] termEnds = new int[capacity];
    int[] increments = new int[capacity];
    int[] startOffsets = new int[capacity];
    int[] endOffsets = new int[capacity];
    int count = 0;
    int used = 0;
    int trailing;
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (count == termEnds.length) {
          int grown = count * 2;
          termEnds = Arrays.copyOf(termEnds, grown);
          increments = Arrays.copyOf(increments, grown);
          startOffsets = Arrays.copyOf(startOffsets, grown);
          endOffsets = Arrays.copyOf(endOffsets, grown);
        }
        int termLength = term.length();
        if (used + termLength > chars.length) {
          chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + termLength));
        }
        System.arraycopy(term.buffer(), 0, chars, used, termLength);
        used += termLength;
        termEnds[count] = used;
        increments[count] = increment.getPositionIncrement();
        startOffsets[count] = offset.startOffset();
        endOffsets[count] = offset.endOffset();
        count++;
      }
      stream.end();
      trailing = increment.getPositionIncrement();
    } catch (IOException e) {
      // analysing a string reads no file: only a broken analyzer gets here
      throw new UncheckedIOException(e);
    }
    return new AnalyzedText(
        chars, termEnds, increments, startOffsets, endOffsets, count, text.length(), trailing);
  }

  /** The tokens again, as a stream for one field. */
  TokenStream replay() {
    return new Replay(List.of(this));
  }

  /**
   * The tokens of several texts in a row, as the stream of one field: positions run on, and offsets
   * are shifted as if the texts were joined with two characters between them.
   */
  static TokenStream joined(List<AnalyzedText> parts) {
    return new Replay(parts);
  }

  /**
   * The recorded texts' tokens and then a last text's, analysed as they are read, as one field's
   * stream; the last text's offsets start at {@link #joinedLength(List) joinedLength(parts)}.
   */
  static TokenStream joined(List<AnalyzedText> parts, Analyzer analyzer, String last) {
    return new Then(new Replay(parts), analyzer, last, joinedLength(parts));
  }

  /** Where a text joined after these ones starts: each adds its length and two characters. */
  static int joinedLength(List<AnalyzedText> parts) {
    int length = 0;
    for (AnalyzedText text : parts) {
      length += text.length + 2;
    }
    return length;
  }

  /**
   * Recorded tokens, then the tokens of a text analysed as they are read, offsets shifted. Opens
   * the analyzer's stream only once the recorded tokens are played, so that it may be the stream
   * the analyzer reuses for the field. Used by one thread, once.
   */
  private static final class Then extends TokenStream {
    private final Replay first;
    private final Analyzer analyzer;
    private final String text;
    private final int base;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private TokenStream live;
    private CharTermAttribute liveTerm;
    private PositionIncrementAttribute liveIncrement;
    private OffsetAttribute liveOffset;
    private int finalOffset;
    private int carried;

    Then(Replay first, Analyzer analyzer, String text, int base) {
      this.first = first;
      this.analyzer = analyzer;
      this.text = text;
      this.base = base;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (live == null) {
        if (first.incrementToken()) {
          clearAttributes();
          term.copyBuffer(first.term.buffer(), 0, first.term.length());
          increment.setPositionIncrement(first.increment.getPositionIncrement());
          offset.setOffset(first.offset.startOffset(), first.offset.endOffset());
          return true;
        }
        carried = first.carried;
        live = analyzer.tokenStream(IndexSchema.CONTENT, text);
        liveTerm = live.addAttribute(CharTermAttribute.class);
        liveIncrement = live.addAttribute(PositionIncrementAttribute.class);
        liveOffset = live.addAttribute(OffsetAttribute.class);
        live.reset();
      }
      if (!live.incrementToken()) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(liveTerm.buffer(), 0, liveTerm.length());
      increment.setPositionIncrement(liveIncrement.getPositionIncrement() + carried);
      carried = 0;
      offset.setOffset(base + liveOffset.startOffset(), base + liveOffset.endOffset());
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      if (live == null) {
        finalOffset = base + text.length();
      } else {
        live.end();
        finalOffset = base + liveOffset.endOffset();
        increment.setPositionIncrement(liveIncrement.getPositionIncrement() + carried);
      }
      offset.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      first.reset();
      live = null;
      carried = 0;
    }

    @Override
    public void close() throws IOException {
      try {
        if (live != null) {
          live.close();
          live = null;
        }
      } finally {
        super.close();
      }
    }
  }

  /** Plays recorded tokens back. Used by one thread, once. */
  private static final class Replay extends TokenStream {
    private final List<AnalyzedText> parts;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private int part;
    private int token;
    private int base;
    // trailing increments of the parts played so far, added to the next token
    private int carried;

    Replay(List<AnalyzedText> parts) {
      this.parts = parts;
    }

    @Override
    public boolean incrementToken() {
      while (part < parts.size() && token == parts.get(part).count) {
        base += parts.get(part).length + 2;
        carried += parts.get(part).trailingIncrement;
        part++;
        token = 0;
      }
      if (part == parts.size()) {
        return false;
      }
      clearAttributes();
      AnalyzedText text = parts.get(part);
      int start = token == 0 ? 0 : text.termEnds[token - 1];
      term.copyBuffer(text.chars, start, text.termEnds[token] - start);
      increment.setPositionIncrement(text.increments[token] + (token == 0 ? carried : 0));
      if (token == 0) {
        carried = 0;
      }
      offset.setOffset(base + text.startOffsets[token], base + text.endOffsets[token]);
      token++;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      int end = 0;
      for (AnalyzedText text : parts) {
        end += text.length + 2;
      }
      int finalOffset = Math.max(0, end - 2);
      offset.setOffset(finalOffset, finalOffset);
      increment.setPositionIncrement(carried);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      part = 0;
      token = 0;
      base = 0;
      carried = 0;
    }
  }
}
