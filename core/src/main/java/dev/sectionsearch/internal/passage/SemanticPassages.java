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
 * Passages chosen by meaning: the sentences of a section whose vectors are nearest the query's. For
 * a hit that a semantic search found although it holds few or none of the query's words, where a
 * passage built around word matches would show only the section's opening.
 *
 * <p>The section is cut into runs of whole sentences of about {@value PassageBuilder#TARGET_CHARS}
 * characters, the way word passages are. The first {@value #MAX_CANDIDATES} runs are embedded when
 * the section is indexed and stored beside it ({@link #encode}), so that a search only compares
 * them with the query's vector: embedding them at search time cost the bundled model 10 to 13 ms a
 * section on this project's 2-core machine, several times the rest of a hybrid search.
 *
 * <p>The stored form: a format byte, the number of runs and of dimensions, then for each run its
 * start (after the previous run's end) and length as variable-length integers, its scale and its
 * vector in bytes. Each vector is scaled so its largest component is 127 and rounded: 388 bytes a
 * run instead of 1,536, for dot products off by at most 0.0013 on 1,200 random unit vectors of 384
 * dimensions ({@code SemanticPassagesTest}). A section of one run stores it without a vector (0
 * dimensions): it is the passage whatever the query, and embedding it would only cost time.
 *
 * <p>Part of the library's internals, public only across its packages. Thread-safe.
 */
public final class SemanticPassages {
  /** The most sentence runs of one section embedded and compared with a query. */
  public static final int MAX_CANDIDATES = 6;

  private static final byte FORMAT = 1;

  private SemanticPassages() {}

  /** One section's candidate runs of sentences, as ranges of its text. */
  public static List<int[]> candidates(String text) {
    List<int[]> runs = new ArrayList<>();
    BreakIterator sentences = new SentenceBreakIterator();
    sentences.setText(text);
    int start = PassageBuilder.skipSpace(text, 0, text.length());
    int end = start;
    for (int next = sentences.following(start);
        next != BreakIterator.DONE && runs.size() < MAX_CANDIDATES;
        next = sentences.following(next)) {
      end = next;
      if (end - start >= PassageBuilder.TARGET_CHARS / 2) {
        addRun(runs, text, start, end);
        start = PassageBuilder.skipSpace(text, end, text.length());
        end = start;
      }
      if (next >= text.length()) {
        break;
      }
    }
    if (end > start && runs.size() < MAX_CANDIDATES) {
      addRun(runs, text, start, end);
    }
    return runs;
  }

  private static void addRun(List<int[]> runs, String text, int start, int end) {
    int to = PassageBuilder.trimSpace(text, start, Math.min(end, start + PassageBuilder.MAX_CHARS));
    if (to < end) {
      // a run longer than a passage may be is cut at the last space before the limit
      int space = text.lastIndexOf(' ', to);
      to = space > start ? PassageBuilder.trimSpace(text, start, space) : to;
    }
    if (to > start) {
      runs.add(new int[] {start, to});
    }
  }

  /**
   * The runs with their vectors, in the form stored beside the section.
   *
   * @param runs ranges of the section's text, in order, not overlapping (as {@link #candidates})
   * @param vectors each run's unit vector, all of one length; or none, for a section whose one run
   *     is its passage whatever the query
   */
  public static BytesRef encode(List<int[]> runs, float[][] vectors) {
    if (vectors.length != 0 && vectors.length != runs.size()) {
      throw new IllegalArgumentException(runs.size() + " runs but " + vectors.length + " vectors");
    }
    int dimensions = vectors.length == 0 ? 0 : vectors[0].length;
    byte[] bytes = new byte[11 + runs.size() * (10 + 4 + dimensions)];
    ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
    try {
      out.writeByte(FORMAT);
      out.writeVInt(runs.size());
      out.writeVInt(dimensions);
      int previousEnd = 0;
      for (int i = 0; i < runs.size(); i++) {
        int[] run = runs.get(i);
        out.writeVInt(run[0] - previousEnd);
        out.writeVInt(run[1] - run[0]);
        previousEnd = run[1];
        if (dimensions == 0) {
          continue;
        }
        float largest = 0;
        for (float x : vectors[i]) {
          largest = Math.max(largest, Math.abs(x));
        }
        float scale = largest == 0 ? 0 : largest / 127;
        out.writeInt(Float.floatToIntBits(scale));
        for (float x : vectors[i]) {
          out.writeByte((byte) (scale == 0 ? 0 : Math.round(x / scale)));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new BytesRef(bytes, 0, out.getPosition());
  }

  /**
   * The section's best passages by meaning: its stored runs nearest the query first chosen, then
   * put in reading order.
   *
   * @param query the query's unit vector
   * @param text the section's text
   * @param stored the runs and vectors stored with it ({@link #encode})
   * @param maxPassages the most passages
   * @return the passages; empty when the stored runs are of other dimensions than the query
   */
  public static List<Passage> passages(
      float[] query, String text, BytesRef stored, int maxPassages) {
    List<Scored> scored = new ArrayList<>(scored(query, stored));
    scored.removeIf(run -> run.end() > text.length());
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    List<Scored> kept = new ArrayList<>(scored.subList(0, Math.min(maxPassages, scored.size())));
    kept.sort(Comparator.comparingInt(Scored::start));
    List<Passage> passages = new ArrayList<>(kept.size());
    for (Scored run : kept) {
      int from = run.start();
      int to = run.end();
      passages.add(new Passage(text.substring(from, to), List.of(), from, to, from, to, true));
    }
    return passages;
  }

  /**
   * Each stored run with its vector's dot product with the query (0 for runs stored without
   * vectors); none for vectors of other dimensions.
   */
  static List<Scored> scored(float[] query, BytesRef stored) {
    ByteArrayDataInput in = new ByteArrayDataInput(stored.bytes, stored.offset, stored.length);
    if (in.readByte() != FORMAT) {
      return List.of();
    }
    int count = in.readVInt();
    int dimensions = in.readVInt();
    if (dimensions != query.length && dimensions != 0) {
      return List.of();
    }
    List<Scored> scored = new ArrayList<>(count);
    int previousEnd = 0;
    for (int i = 0; i < count; i++) {
      int start = previousEnd + in.readVInt();
      int end = start + in.readVInt();
      previousEnd = end;
      if (dimensions == 0) {
        scored.add(new Scored(start, end, 0));
        continue;
      }
      float scale = Float.intBitsToFloat(in.readInt());
      float sum = 0;
      for (int d = 0; d < dimensions; d++) {
        sum += query[d] * in.readByte();
      }
      scored.add(new Scored(start, end, sum * scale));
    }
    return scored;
  }

  /** A stored run of a section's text and its closeness to a query. */
  record Scored(int start, int end, float score) {}
}
