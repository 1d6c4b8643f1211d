package dev.sectionsearch.internal.passage;

import dev.sectionsearch.passage.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * A section cut into chunks for embedding, and the passages chosen by meaning from those chunks.
 *
 * <p>An embedding model reads a bounded window (the bundled one 128 word pieces, about 500
 * characters of English): one vector of a whole section sees only its opening. So a section is cut
 * into chunks of whole sentences that fit the window with the section's title and headings in front
 * ({@link #prefix}), each embedded on its own; a section's semantic score is its best chunk's.
 * Measured on SciFact and CACM against one vector of the section's opening (nDCG@10, hybrid /
 * semantic): 0.7349 / 0.6967 against 0.7296 / 0.6255 on SciFact, and a tie on CACM (0.5867 against
 * 0.5878); without the title in front of each chunk CACM fell to 0.5728.
 *
 * <p>A chunk ends where a sentence ends. The next starts with the previous chunk's last sentence
 * when that is short, so a thought spread over a boundary is still read whole once. A sentence
 * longer than a chunk is cut at spaces. A section holds at most {@value #MAX_CHUNKS} chunks (about
 * 25,000 characters); the rest of a longer one is found by its words only.
 *
 * <p>The semantic passages of a hit are its chunks nearest the query (the same vectors that found
 * it): a chunk is whole sentences, so a passage reads as one, and it is where the meaning is, also
 * past the section's opening.
 *
 * <p>Part of the library's internals, public only across its packages. Thread-safe.
 */
public final class SemanticPassages {
  /**
   * The most characters of a chunk's embedded text, its prefix included: about the 128 word pieces
   * the bundled model reads, at some four characters a piece.
   */
  public static final int WINDOW_CHARS = 520;

  /** The most characters of the title and headings put in front of each chunk. */
  public static final int MAX_PREFIX_CHARS = 160;

  /** The fewest characters a chunk may hold, however long its prefix. */
  static final int MIN_CHUNK_CHARS = 240;

  /** The most chunks of one section. */
  public static final int MAX_CHUNKS = 64;

  private static final byte FORMAT = 2;

  private SemanticPassages() {}

  /**
   * What is put in front of every chunk of a section: its document's title and its headings (those
   * that do not repeat the title), a line each, cut to {@value #MAX_PREFIX_CHARS} characters.
   */
  public static String prefix(String title, List<String> headingPath) {
    StringBuilder prefix = new StringBuilder(title.strip());
    for (String level : headingPath) {
      if (!level.equals(title) && !level.isBlank()) {
        if (prefix.length() > 0) {
          prefix.append('\n');
        }
        prefix.append(level.strip());
      }
    }
    return cut(prefix.toString(), MAX_PREFIX_CHARS);
  }

  /** The most characters of each chunk of a section with this prefix. */
  public static int chunkChars(String prefix) {
    return Math.max(MIN_CHUNK_CHARS, WINDOW_CHARS - prefix.length() - 1);
  }

  /** The text a chunk is embedded as: its prefix, a line break and the chunk. */
  public static String embeddedText(String prefix, String text, int[] chunk) {
    String body = text.substring(chunk[0], chunk[1]);
    return prefix.isEmpty() ? body : body.isEmpty() ? prefix : prefix + '\n' + body;
  }

  /**
   * A section's chunks, as ranges of its text, in order: runs of whole sentences of at most {@code
   * maxChars} characters each (a longer sentence cut at spaces), the next starting with the
   * previous one's last sentence when that is short; at most {@value #MAX_CHUNKS}. A text without
   * words is one empty chunk, so that its title and headings are still embedded.
   */
  public static List<int[]> chunks(String text, int maxChars) {
    List<int[]> sentences = sentences(text, maxChars);
    List<int[]> chunks = new ArrayList<>();
    if (sentences.isEmpty()) {
      chunks.add(new int[] {0, 0});
      return chunks;
    }
    int first = 0;
    while (first < sentences.size() && chunks.size() < MAX_CHUNKS) {
      int start = sentences.get(first)[0];
      int last = first;
      while (last + 1 < sentences.size() && sentences.get(last + 1)[1] - start <= maxChars) {
        last++;
      }
      chunks.add(new int[] {start, sentences.get(last)[1]});
      if (last + 1 >= sentences.size()) {
        break;
      }
      int[] end = sentences.get(last);
      boolean overlap =
          last > first
              && end[1] - end[0] <= maxChars / 3
              && sentences.get(last + 1)[1] - end[0] <= maxChars;
      first = overlap ? last : last + 1;
    }
    return chunks;
  }

  /** The text's sentences, trimmed, each cut at spaces into pieces of at most maxChars. */
  static List<int[]> sentences(String text, int maxChars) {
    List<int[]> sentences = new ArrayList<>();
    BreakIterator boundaries = new SentenceBreakIterator();
    boundaries.setText(text);
    int start = PassageBuilder.skipSpace(text, 0, text.length());
    while (start < text.length()) {
      int next = boundaries.following(start);
      if (next == BreakIterator.DONE || next > text.length()) {
        next = text.length();
      }
      int end = PassageBuilder.trimSpace(text, start, next);
      while (end - start > maxChars) {
        int cut = start + maxChars;
        int space = text.lastIndexOf(' ', cut);
        if (space > start + maxChars / 2) {
          cut = space;
        } else if (Character.isLowSurrogate(text.charAt(cut))) {
          cut--;
        }
        sentences.add(new int[] {start, PassageBuilder.trimSpace(text, start, cut)});
        start = PassageBuilder.skipSpace(text, cut, end);
      }
      if (end > start) {
        sentences.add(new int[] {start, end});
      }
      start = PassageBuilder.skipSpace(text, next, text.length());
    }
    return sentences;
  }

  private static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** The chunks' ranges in the form stored with the section. */
  public static BytesRef encode(List<int[]> chunks) {
    byte[] bytes = new byte[6 + chunks.size() * 10];
    ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
    try {
      out.writeByte(FORMAT);
      out.writeVInt(chunks.size());
      for (int[] chunk : chunks) {
        // chunks may overlap: each start is stored as is, not after the previous end
        out.writeVInt(chunk[0]);
        out.writeVInt(chunk[1] - chunk[0]);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new BytesRef(bytes, 0, out.getPosition());
  }

  /** The chunks' ranges as stored ({@link #encode}); none for a form this version does not read. */
  public static List<int[]> decode(BytesRef stored) {
    ByteArrayDataInput in = new ByteArrayDataInput(stored.bytes, stored.offset, stored.length);
    if (stored.length == 0 || in.readByte() != FORMAT) {
      return List.of();
    }
    int count = in.readVInt();
    List<int[]> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int start = in.readVInt();
      chunks.add(new int[] {start, start + in.readVInt()});
    }
    return chunks;
  }

  /**
   * A section's best passages by meaning: its chunks nearest the query, at most {@code
   * maxPassages}, none overlapping another chosen, in reading order.
   *
   * @param text the section's text
   * @param chunks its chunks ({@link #decode})
   * @param scores each chunk's closeness to the query
   * @return the passages; empty when the chunks hold no text
   */
  public static List<Passage> passages(
      String text, List<int[]> chunks, float[] scores, int maxPassages) {
    List<Integer> order = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      int[] chunk = chunks.get(i);
      if (chunk[1] > chunk[0] && chunk[1] <= text.length()) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    List<int[]> kept = new ArrayList<>();
    for (int i : order) {
      if (kept.size() >= maxPassages) {
        break;
      }
      int[] chunk = chunks.get(i);
      if (kept.stream().noneMatch(other -> chunk[0] < other[1] && other[0] < chunk[1])) {
        kept.add(chunk);
      }
    }
    kept.sort(Comparator.comparingInt((int[] chunk) -> chunk[0]));
    List<Passage> passages = new ArrayList<>(kept.size());
    for (int[] chunk : kept) {
      passages.add(
          new Passage(
              text.substring(chunk[0], chunk[1]),
              List.of(),
              chunk[0],
              chunk[1],
              chunk[0],
              chunk[1],
              true));
    }
    return passages;
  }
}
