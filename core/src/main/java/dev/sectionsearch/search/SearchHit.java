package dev.sectionsearch.search;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.sectionsearch.passage.Passage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One section that matched a query, with its document's details and its best passages.
 *
 * <p>To cite a passage, name the hit's {@link #source()} and the passage's {@link
 * Passage#sourceStart()} to {@link Passage#sourceEnd()}: the range of the original file that holds
 * the passage's words. The whole section is {@link #text()} (when the request asked for it) or
 * {@code index.section(hit.docId(), hit.ordinal())}.
 *
 * <p>Built by the index (or by a backend, through {@link #builder(String)}); immutable and
 * thread-safe.
 */
public final class SearchHit {
  private final String docId;
  private final String title;
  private final String heading;
  private final List<String> headingPath;
  private final int ordinal;
  private final Optional<LocalDate> date;
  private final String source;
  private final float score;
  private final int start;
  private final int end;
  private final List<Passage> passages;
  private final Map<String, List<String>> metadata;
  private final Optional<String> text;
  private final int page;
  private final Optional<ScoreExplanation> explanation;

  private SearchHit(Builder builder) {
    this.docId = builder.docId;
    this.title = Objects.requireNonNull(builder.title, "title");
    this.heading = Objects.requireNonNull(builder.heading, "heading");
    this.headingPath = List.copyOf(builder.headingPath);
    this.ordinal = builder.ordinal;
    this.date = Optional.ofNullable(builder.date);
    this.source = Objects.requireNonNull(builder.source, "source");
    this.score = builder.score;
    this.start = builder.start;
    this.end = builder.end;
    this.passages = List.copyOf(builder.passages);
    this.metadata = copyOf(builder.metadata);
    this.text = Optional.ofNullable(builder.text);
    this.page = builder.page;
    this.explanation = Optional.ofNullable(builder.explanation);
  }

  private static Map<String, List<String>> copyOf(Map<String, List<String>> metadata) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    metadata.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Starts a hit of the document with this id.
   *
   * @param docId the document's id
   * @return a builder of the hit
   */
  public static Builder builder(String docId) {
    return new Builder(docId);
  }

  /** {@return the id of the section's document} */
  public String docId() {
    return docId;
  }

  /** {@return the document's title} */
  public String title() {
    return title;
  }

  /** {@return the section's heading; empty for text before the first heading} */
  public String heading() {
    return heading;
  }

  /** {@return the headings from the outermost down to the section's own} */
  public List<String> headingPath() {
    return headingPath;
  }

  /** {@return the section's position in its document, from 0} */
  public int ordinal() {
    return ordinal;
  }

  /** {@return the document's date, if it has one} */
  public Optional<LocalDate> date() {
    return date;
  }

  /** {@return where the document came from: for a file, its path} */
  public String source() {
    return source;
  }

  /**
   * {@return the page the section starts on, from 1, when its document has pages (a PDF read by the
   * {@code sectionsearch-pdf} module); empty otherwise} With {@link #citations()}, what a reader
   * looks the passage up by.
   */
  public java.util.OptionalInt page() {
    return page > 0 ? java.util.OptionalInt.of(page) : java.util.OptionalInt.empty();
  }

  /** {@return the relevance score (BM25 with boosts); comparable only within one result list} */
  public float score() {
    return score;
  }

  /** {@return the offset of the section in the document's source text (UTF-16 units)} */
  public int start() {
    return start;
  }

  /** {@return the offset one past the section's end in the document's source text} */
  public int end() {
    return end;
  }

  /**
   * {@return the best excerpts of the section's text, in reading order} When none of the section's
   * text matched (only its heading or title did), its opening instead: about 200 characters from
   * its start, cut where a sentence ends, without highlights. A section with no text of its own (a
   * heading over subsections) gets the opening of its first subsection with text: a passage with an
   * empty range in this section's text ({@link Passage#start()} equals {@link Passage#end()}) whose
   * source range lies after this section's, where the subsection's words are. No passages when the
   * request asked for none or nothing under the heading has text.
   */
  public List<Passage> passages() {
    return passages;
  }

  /**
   * {@return the document's metadata: each key with its values, in the order the document gave
   * them}
   */
  public Map<String, List<String>> metadata() {
    return metadata;
  }

  /**
   * {@return the section's whole text, as indexed (markup removed); present when the request asked
   * for it with {@link SearchRequest#withSectionText(boolean)}}
   */
  public Optional<String> text() {
    return text;
  }

  /**
   * {@return why the hit matched and ranked as it did: the words that matched in each field and
   * what each added, boosts and factors, and the semantic side of a semantic or hybrid search}
   * Present when the request asked for it with {@link SearchRequest#withExplain(boolean)} and the
   * backend can explain its scores. Its {@link ScoreExplanation#score()} is this hit's {@link
   * #score()}.
   */
  public Optional<ScoreExplanation> explanation() {
    return explanation;
  }

  /**
   * {@return where each passage comes from, as {@code source:sourceStart-sourceEnd}, in passage
   * order; the section's own range when the hit has no passages} What a program quoting the hit
   * cites.
   */
  public List<String> citations() {
    if (passages.isEmpty()) {
      return List.of(source + ":" + start + "-" + end);
    }
    return passages.stream()
        .map(p -> source + ":" + p.sourceStart() + "-" + p.sourceEnd())
        .toList();
  }

  @Override
  public String toString() {
    return "SearchHit[" + docId + "#" + ordinal + ", score=" + score + "]";
  }

  /** Assembles a {@link SearchHit}. Not thread-safe; its setters return it for chaining. */
  public static final class Builder {
    private final String docId;
    private String title;
    private String heading = "";
    private List<String> headingPath = List.of();
    private int ordinal;
    private LocalDate date;
    private String source;
    private float score;
    private int start;
    private int end;
    private final List<Passage> passages = new ArrayList<>();
    private Map<String, List<String>> metadata = Map.of();
    private String text;
    private int page;
    private ScoreExplanation explanation;

    private Builder(String docId) {
      this.docId = Objects.requireNonNull(docId, "docId");
      this.title = docId;
      this.source = docId;
    }

    /**
     * Sets the document title (default: the id).
     *
     * @param title the title
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the section's heading path; its last entry is the heading.
     *
     * @param headingPath the headings from the outermost to the section's own
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder headingPath(List<String> headingPath) {
      this.headingPath = List.copyOf(headingPath);
      this.heading = headingPath.isEmpty() ? "" : headingPath.get(headingPath.size() - 1);
      return this;
    }

    /**
     * Sets the section's position in its document.
     *
     * @param ordinal the position, from 0
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder ordinal(int ordinal) {
      if (ordinal < 0) {
        throw new IllegalArgumentException("ordinal must not be negative: " + ordinal);
      }
      this.ordinal = ordinal;
      return this;
    }

    /**
     * Sets the document's date.
     *
     * @param date the date
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder date(LocalDate date) {
      this.date = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Sets where the document came from (default: the id).
     *
     * @param source a path or an address
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the relevance score.
     *
     * @param score the score
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder score(float score) {
      this.score = score;
      return this;
    }

    /**
     * Sets the section's range in the document's source text.
     *
     * @param start the offset of the section
     * @param end the offset one past its end
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder range(int start, int end) {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
      }
      this.start = start;
      this.end = end;
      return this;
    }

    /**
     * Adds passages, in reading order.
     *
     * @param passages the passages
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder passages(List<Passage> passages) {
      for (Passage passage : passages) {
        this.passages.add(Objects.requireNonNull(passage, "passage"));
      }
      return this;
    }

    /**
     * Sets the document's metadata.
     *
     * @param metadata values by key
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder metadata(Map<String, List<String>> metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /**
     * Sets the section's whole text.
     *
     * @param text the text
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the page the section starts on, from 1.
     *
     * @param page the page, from 1
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder page(int page) {
      if (page < 1) {
        throw new IllegalArgumentException("page must be 1 or more: " + page);
      }
      this.page = page;
      return this;
    }

    /**
     * Sets why the hit matched and ranked as it did.
     *
     * @param explanation the explanation of the hit's score
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder explanation(ScoreExplanation explanation) {
      this.explanation = Objects.requireNonNull(explanation, "explanation");
      return this;
    }

    /**
     * Builds the hit.
     *
     * @return the hit
     */
    public SearchHit build() {
      return new SearchHit(this);
    }
  }
}
