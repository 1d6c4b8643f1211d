package dev.sectionsearch;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.sectionsearch.document.Document;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every backend takes alike: BM25's parameters, the field boosts, the query word
 * limit, the largest file read and the refresh interval. Each backend's builder holds one ({@code
 * settings(...)}), and its setters of the same names are shortcuts to the {@code with...} methods
 * here, so a value is checked by one rule whatever the backend.
 *
 * <p>Immutable and thread-safe: each {@code with...} method returns a new value and leaves this one
 * unchanged.
 */
@CheckReturnValue
public final class IndexSettings {
  /**
   * Extra weight of a title match, on top of the title's words counting once in the section's text.
   * Chosen on SciFact and CACM through both indexing paths (see docs/ranking.md): 0.25 raised
   * nDCG@10 on both over no boost; 0.5 gained more on CACM but less on SciFact, 1.2 lost on
   * SciFact.
   */
  public static final float DEFAULT_TITLE_BOOST = 0.25f;

  /**
   * Extra weight of a heading match, on top of the heading's words counting in the text: none by
   * default. Neither test collection has headings beyond the title, so no measurement supports a
   * weight, and extra weights on other collections let sections that merely name a query word
   * outrank relevant ones.
   */
  public static final float DEFAULT_HEADING_BOOST = 0f;

  /**
   * The default extra weight of consecutive query words found near each other, in order or not:
   * 0.2, which with the title boost raised nDCG@10 on both SciFact and CACM over plain BM25 (0.1
   * and 0.3 each raised both too).
   */
  public static final float DEFAULT_PROXIMITY_BOOST = 0.2f;

  /**
   * BM25 {@code k1} unless {@link #withBm25(float, float)} says otherwise: Lucene's own 1.2, which
   * with {@link #DEFAULT_B} beat Anserini's 0.9 / 0.4 on both SciFact and CACM, with the boosts and
   * without them.
   */
  public static final float DEFAULT_K1 = 1.2f;

  /** BM25 {@code b} unless {@link #withBm25(float, float)} says otherwise: Lucene's 0.75. */
  public static final float DEFAULT_B = 0.75f;

  /**
   * The most words (and phrases) of one query searched: a longer query keeps its operator words and
   * its rarest plain words, and says so in the results' notes.
   */
  public static final int DEFAULT_MAX_QUERY_WORDS = 64;

  /** How long uncommitted changes may stay unseen by searches unless set otherwise. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

  /** The defaults, each constant of this class (and {@link Document#DEFAULT_MAX_FILE_BYTES}). */
  public static final IndexSettings DEFAULTS =
      new IndexSettings(
          DEFAULT_K1,
          DEFAULT_B,
          DEFAULT_TITLE_BOOST,
          DEFAULT_HEADING_BOOST,
          DEFAULT_PROXIMITY_BOOST,
          DEFAULT_MAX_QUERY_WORDS,
          Document.DEFAULT_MAX_FILE_BYTES,
          DEFAULT_REFRESH_INTERVAL);

  private final float k1;
  private final float b;
  private final float titleBoost;
  private final float headingBoost;
  private final float proximityBoost;
  private final int maxQueryWords;
  private final long maxFileBytes;
  private final Duration refreshInterval;

  private IndexSettings(
      float k1,
      float b,
      float titleBoost,
      float headingBoost,
      float proximityBoost,
      int maxQueryWords,
      long maxFileBytes,
      Duration refreshInterval) {
    this.k1 = k1;
    this.b = b;
    this.titleBoost = titleBoost;
    this.headingBoost = headingBoost;
    this.proximityBoost = proximityBoost;
    this.maxQueryWords = maxQueryWords;
    this.maxFileBytes = maxFileBytes;
    this.refreshInterval = refreshInterval;
  }

  /**
   * BM25's term-frequency saturation.
   *
   * @return BM25's term-frequency saturation
   */
  public float k1() {
    return k1;
  }

  /**
   * BM25's length normalisation.
   *
   * @return BM25's length normalisation
   */
  public float b() {
    return b;
  }

  /** {@return the extra weight of a match in the document title} */
  public float titleBoost() {
    return titleBoost;
  }

  /** {@return the extra weight of a match in the section heading} */
  public float headingBoost() {
    return headingBoost;
  }

  /** {@return the extra weight of two consecutive query words found near each other} */
  public float proximityBoost() {
    return proximityBoost;
  }

  /** {@return the most words (and phrases) of one query searched} */
  public int maxQueryWords() {
    return maxQueryWords;
  }

  /** {@return the largest file {@link SectionIndex#add(java.nio.file.Path)} reads} */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** {@return how long an added or deleted document may stay unseen by searches} */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * With BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. The
   * defaults, Lucene's 1.2 and 0.75, ranked better than the 0.9 and 0.4 Anserini tuned, on both
   * test collections measured (see docs/ranking.md).
   *
   * @param k1 the term-frequency saturation, at least 0
   * @param b the length normalisation, 0 to 1
   * @return a copy of these settings with them
   * @throws IllegalArgumentException unless {@code k1} is finite and at least 0 and {@code b} is
   *     between 0 and 1
   */
  public IndexSettings withBm25(float k1, float b) {
    if (!(k1 >= 0) || Float.isInfinite(k1) || !(b >= 0 && b <= 1)) {
      throw new IllegalArgumentException("BM25 needs k1 >= 0 and b in [0, 1]: " + k1 + ", " + b);
    }
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With the extra weight of a match in the document title ({@value #DEFAULT_TITLE_BOOST}); 0
   * leaves the title to count only as part of the section's text.
   *
   * @param titleBoost the extra weight
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when negative or not finite
   */
  public IndexSettings withTitleBoost(float titleBoost) {
    return new IndexSettings(
        k1,
        b,
        notNegative(titleBoost, "titleBoost"),
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With the extra weight of a match in the section heading ({@value #DEFAULT_HEADING_BOOST}); 0
   * leaves the heading to count only as part of the section's text.
   *
   * @param headingBoost the extra weight
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when negative or not finite
   */
  public IndexSettings withHeadingBoost(float headingBoost) {
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        notNegative(headingBoost, "headingBoost"),
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With the extra weight of two consecutive query words found within a few words of each other in
   * a section ({@value #DEFAULT_PROXIMITY_BOOST}); 0 scores words independently.
   *
   * @param proximityBoost the extra weight
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when negative or not finite
   */
  public IndexSettings withProximityBoost(float proximityBoost) {
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        headingBoost,
        notNegative(proximityBoost, "proximityBoost"),
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With the most words (and phrases) of one query searched ({@value #DEFAULT_MAX_QUERY_WORDS}). A
   * longer query is not refused: it keeps its required, excluded, quoted and prefix words first,
   * then its rarest plain words, without stop words or repeats.
   *
   * @param maxQueryWords the most words
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when less than 1
   */
  public IndexSettings withMaxQueryWords(int maxQueryWords) {
    if (maxQueryWords < 1) {
      throw new IllegalArgumentException("maxQueryWords must be positive: " + maxQueryWords);
    }
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With the largest file {@link SectionIndex#add(java.nio.file.Path)} reads (64 MiB).
   *
   * @param maxFileBytes the largest file, in bytes
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when less than 1
   */
  public IndexSettings withMaxFileBytes(long maxFileBytes) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  /**
   * With how long an added or deleted document may stay unseen by searches before it is committed
   * ({@link #DEFAULT_REFRESH_INTERVAL} by default): a search that starts this long after the last
   * refresh first refreshes the view. {@link Duration#ZERO} makes every search see every change
   * made before it; a longer interval saves work while indexing in bulk. Visibility is not
   * durability: only {@link SectionIndex#commit()} survives a crash.
   *
   * @param refreshInterval the interval
   * @return a copy of these settings with it
   * @throws IllegalArgumentException when negative
   */
  public IndexSettings withRefreshInterval(Duration refreshInterval) {
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (refreshInterval.isNegative()) {
      throw new IllegalArgumentException(
          "refreshInterval must not be negative: " + refreshInterval);
    }
    return new IndexSettings(
        k1,
        b,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  private static float notNegative(float value, String name) {
    if (!(value >= 0) || Float.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be zero or more: " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndexSettings that
        && Float.compare(k1, that.k1) == 0
        && Float.compare(b, that.b) == 0
        && Float.compare(titleBoost, that.titleBoost) == 0
        && Float.compare(headingBoost, that.headingBoost) == 0
        && Float.compare(proximityBoost, that.proximityBoost) == 0
        && maxQueryWords == that.maxQueryWords
        && maxFileBytes == that.maxFileBytes
        && refreshInterval.equals(that.refreshInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        k1,
        b,
        titleBoost,
        headingBoost,
        proximityBoost,
        maxQueryWords,
        maxFileBytes,
        refreshInterval);
  }

  @Override
  public String toString() {
    return "IndexSettings[k1="
        + k1
        + ", b="
        + b
        + ", titleBoost="
        + titleBoost
        + ", headingBoost="
        + headingBoost
        + ", proximityBoost="
        + proximityBoost
        + ", maxQueryWords="
        + maxQueryWords
        + ", maxFileBytes="
        + maxFileBytes
        + ", refreshInterval="
        + refreshInterval
        + "]";
  }
}
