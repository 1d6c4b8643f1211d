package dev.sectionsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a hit matched and ranked as it did ({@link SearchHit#explanation()}, asked for with {@link
 * SearchRequest#withExplain(boolean)}): a tree of scores, each with what it is and how its details
 * make it.
 *
 * <ul>
 *   <li>{@link Combination#SUM}: the score is the sum of its details' scores, as a section's word
 *       score is the sum of what each matched word added in each field.
 *   <li>{@link Combination#PRODUCT}: the score is the product of its details' scores, as a score
 *       times the recency factor.
 *   <li>{@link Combination#NONE}: a value of its own, such as what one word added in one field
 *       ({@link #field()} and {@link #term()} say which), a factor, or a semantic similarity; its
 *       details, if any, say where it came from, and the description how.
 * </ul>
 *
 * <p>Fields are named {@code title}, {@code heading} and {@code text}. A word's contribution is its
 * BM25 score in that field with the field's boost (and, for a synonym or a correction of a typo,
 * its lower weight) applied; a pair of query words found near each other adds a proximity bonus (a
 * {@code text} match of the two words). In a hybrid search, the score is the fusion of the lexical
 * and semantic sides, each scaled to 0..1 over its candidates.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreExplanation {
  /** How a score is made from its details. */
  public enum Combination {
    /** The sum of the details' scores. */
    SUM,
    /** The product of the details' scores. */
    PRODUCT,
    /** A value of its own; the details, if any, say where it came from. */
    NONE
  }

  private final float score;
  private final String description;
  private final Combination combination;
  private final String field;
  private final String term;
  private final List<ScoreExplanation> details;

  private ScoreExplanation(
      float score,
      String description,
      Combination combination,
      String field,
      String term,
      List<ScoreExplanation> details) {
    this.score = score;
    this.description = Objects.requireNonNull(description, "description");
    this.combination = Objects.requireNonNull(combination, "combination");
    this.field = field;
    this.term = term;
    this.details = List.copyOf(details);
  }

  /**
   * A score that is the sum of its details' scores.
   *
   * @param score the score
   * @param description what the score is
   * @param details the parts it is the sum of
   * @return the explanation
   */
  public static ScoreExplanation sum(
      float score, String description, List<ScoreExplanation> details) {
    return new ScoreExplanation(score, description, Combination.SUM, null, null, details);
  }

  /**
   * A score that is the product of its details' scores.
   *
   * @param score the score
   * @param description what the score is
   * @param details the parts it is the product of
   * @return the explanation
   */
  public static ScoreExplanation product(
      float score, String description, List<ScoreExplanation> details) {
    return new ScoreExplanation(score, description, Combination.PRODUCT, null, null, details);
  }

  /**
   * A value of its own, such as a factor or a similarity.
   *
   * @param score the value
   * @param description what the value is
   * @param details where it came from, if anything: not combined into it
   * @return the explanation
   */
  public static ScoreExplanation value(
      float score, String description, List<ScoreExplanation> details) {
    return new ScoreExplanation(score, description, Combination.NONE, null, null, details);
  }

  /**
   * What one word (or phrase) added to the score by matching in one field.
   *
   * @param score what it added
   * @param field {@code title}, {@code heading} or {@code text}
   * @param term the word as indexed (its stem), or the words of a phrase separated by spaces
   * @param description how the contribution was computed
   * @return the explanation
   */
  public static ScoreExplanation match(float score, String field, String term, String description) {
    return new ScoreExplanation(
        score,
        description,
        Combination.NONE,
        Objects.requireNonNull(field, "field"),
        Objects.requireNonNull(term, "term"),
        List.of());
  }

  /** {@return the score} */
  public float score() {
    return score;
  }

  /** {@return what the score is, in words: such as {@code BM25 idf 2.1 x tf 0.6 x boost 2}} */
  public String description() {
    return description;
  }

  /** {@return how the score is made from its details} */
  public Combination combination() {
    return combination;
  }

  /** {@return the field a word matched in, for a word's contribution} */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** {@return the word (as indexed) or phrase that matched, for a word's contribution} */
  public Optional<String> term() {
    return Optional.ofNullable(term);
  }

  /** {@return the parts the score is made of, or came from} */
  public List<ScoreExplanation> details() {
    return details;
  }

  /** {@return every word's contribution in this tree ({@link #field()} present), depth first} */
  public List<ScoreExplanation> matches() {
    List<ScoreExplanation> matches = new ArrayList<>();
    collectMatches(this, matches);
    return List.copyOf(matches);
  }

  private static void collectMatches(ScoreExplanation node, List<ScoreExplanation> matches) {
    if (node.field != null) {
      matches.add(node);
    }
    for (ScoreExplanation detail : node.details) {
      collectMatches(detail, matches);
    }
  }

  /** {@return the tree as indented lines of text, two spaces a level, ending in a line break} */
  public String toText() {
    StringBuilder text = new StringBuilder();
    appendText(this, 0, text);
    return text.toString();
  }

  private static void appendText(ScoreExplanation node, int depth, StringBuilder text) {
    text.append("  ".repeat(depth)).append(String.format(Locale.ROOT, "%.4f", node.score));
    if (node.field != null) {
      text.append(' ').append(node.field).append(": ").append(node.term);
      text.append(node.description.isEmpty() ? "" : " (" + node.description + ")");
    } else {
      text.append(' ').append(node.description);
    }
    text.append('\n');
    for (ScoreExplanation detail : node.details) {
      appendText(detail, depth + 1, text);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreExplanation that
        && Float.compare(score, that.score) == 0
        && description.equals(that.description)
        && combination == that.combination
        && Objects.equals(field, that.field)
        && Objects.equals(term, that.term)
        && details.equals(that.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(score, description, combination, field, term, details);
  }

  @Override
  public String toString() {
    return toText();
  }
}
