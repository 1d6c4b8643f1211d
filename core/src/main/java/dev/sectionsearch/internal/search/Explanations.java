package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.search.ScoreExplanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.search.Explanation;

/**
 * Lucene's explanation of a score ({@code IndexSearcher.explain}) simplified into a {@link
 * ScoreExplanation}: each term's BM25 score in each field becomes one contribution naming the field
 * and the term, nested sums become one sum, and what adds nothing (filters, a boost of 1) is left
 * out. The explanations this library's own queries give ({@link Recency}, the fusion of {@link
 * ScoredDocsQuery}) keep their descriptions.
 *
 * <p>Part of the library's internals; stateless.
 */
public final class Explanations {
  private static final String SUM = "sum of";
  private static final String PRODUCT = "product of";
  private static final String SUM_OF_CONTRIBUTIONS = "sum of the words' contributions";

  private Explanations() {}

  /**
   * Where a word of the {@code text} field occurred in a section: in the title and headings its
   * indexed text starts with, and in its body.
   *
   * @param head how many times before the body
   * @param body how many times in the body
   */
  public record Occurrences(int head, int body) {}

  /** Counts a word's occurrences in a section's text field, or null where unknown. */
  @FunctionalInterface
  public interface OccurrenceCounter {
    /** The occurrences of an indexed term in the section, or null where they cannot be read. */
    Occurrences count(String term) throws java.io.IOException;
  }

  /**
   * The explanation with each single word's {@code text} contribution placed: one that occurred
   * only in the title and headings the section's text starts with is named {@code heading}; one
   * that occurred in both says how often in each.
   */
  public static ScoreExplanation placed(ScoreExplanation node, OccurrenceCounter counter)
      throws java.io.IOException {
    if (node.field().isPresent()) {
      String term = node.term().orElseThrow();
      if (!node.field().get().equals("text") || term.contains(" ")) {
        return node;
      }
      Occurrences occurrences = counter.count(term);
      if (occurrences == null || occurrences.head() == 0) {
        return node;
      }
      if (occurrences.body() == 0) {
        return ScoreExplanation.match(
            node.score(),
            "heading",
            term,
            node.description() + ", only in the title and headings the section's text starts with");
      }
      return ScoreExplanation.match(
          node.score(),
          "text",
          term,
          node.description()
              + ", "
              + occurrences.head()
              + " in the title and headings, "
              + occurrences.body()
              + " in the body");
    }
    if (node.details().isEmpty()) {
      return node;
    }
    List<ScoreExplanation> details = new ArrayList<>(node.details().size());
    for (ScoreExplanation detail : node.details()) {
      details.add(placed(detail, counter));
    }
    switch (node.combination()) {
      case SUM:
        return ScoreExplanation.sum(node.score(), node.description(), details);
      case PRODUCT:
        return ScoreExplanation.product(node.score(), node.description(), details);
      case NONE:
        return ScoreExplanation.value(node.score(), node.description(), details);
    }
    throw new AssertionError(node.combination());
  }

  /** The explanation of a matching section, simplified. */
  public static ScoreExplanation simplify(Explanation lucene) {
    return convert(lucene);
  }

  private static ScoreExplanation convert(Explanation lucene) {
    String description = lucene.getDescription();
    float value = lucene.getValue().floatValue();
    if (description.startsWith("weight(")) {
      return term(lucene);
    }
    if (description.startsWith(SUM)) {
      List<ScoreExplanation> parts = new ArrayList<>();
      for (Explanation detail : lucene.getDetails()) {
        if (!detail.isMatch() || detail.getDescription().startsWith("match on required clause")) {
          // a filter that matched adds nothing
          continue;
        }
        ScoreExplanation part = convert(detail);
        if (part.combination() == ScoreExplanation.Combination.SUM
            && isPlainSum(part.description())) {
          // the sum of a query's clauses inside another: one flat list of contributions
          parts.addAll(part.details());
        } else {
          parts.add(part);
        }
      }
      String said = describedSum(description);
      if (parts.size() == 1 && isPlainSum(said)) {
        return parts.get(0);
      }
      return ScoreExplanation.sum(value, said, parts);
    }
    if (description.startsWith(PRODUCT)) {
      List<ScoreExplanation> parts = new ArrayList<>();
      for (Explanation detail : lucene.getDetails()) {
        // a boost of 1 changes nothing
        if (detail.getDescription().equals("boost") && detail.getValue().floatValue() == 1f) {
          continue;
        }
        parts.add(convert(detail));
      }
      if (parts.size() == 1) {
        return parts.get(0);
      }
      String said = describedProduct(description);
      return ScoreExplanation.product(value, said, parts);
    }
    if (description.startsWith("ConstantScore(")) {
      String inner = description.substring("ConstantScore(".length());
      int end = inner.lastIndexOf(')');
      inner = end < 0 ? inner : inner.substring(0, end);
      Optional<String[]> fieldAndTerm = fieldAndTerm(inner);
      if (fieldAndTerm.isPresent()) {
        return ScoreExplanation.match(
            value,
            fieldAndTerm.get()[0],
            fieldAndTerm.get()[1],
            "constant score: every match of a prefix scores the same");
      }
    }
    List<ScoreExplanation> details = new ArrayList<>();
    for (Explanation detail : lucene.getDetails()) {
      details.add(convert(detail));
    }
    return ScoreExplanation.value(value, description, details);
  }

  /** "sum of:" as Lucene says it is a plain sum; a description of this library's says more. */
  private static boolean isPlainSum(String description) {
    return description.equals(SUM_OF_CONTRIBUTIONS);
  }

  private static String describedSum(String description) {
    String rest = description.substring(SUM.length()).replaceFirst("^:", "").trim();
    return rest.isEmpty() ? SUM_OF_CONTRIBUTIONS : rest;
  }

  private static String describedProduct(String description) {
    String rest = description.substring(PRODUCT.length()).replaceFirst("^:", "").trim();
    return rest.isEmpty() ? "product" : rest;
  }

  /**
   * A term's (or phrase's) score in a field: {@code weight(content:drone in 12) [BM25Similarity],
   * result of:} with the boost, idf and tf below it.
   */
  private static ScoreExplanation term(Explanation lucene) {
    String description = lucene.getDescription();
    String inside = description.substring("weight(".length());
    int in = inside.lastIndexOf(" in ");
    String query = in < 0 ? inside : inside.substring(0, in);
    Optional<String[]> fieldAndTerm = fieldAndTerm(query);
    float value = lucene.getValue().floatValue();
    if (fieldAndTerm.isEmpty()) {
      // a query of another kind that names its result a weight (a function score): what it wraps
      Explanation[] details = lucene.getDetails();
      if (details.length == 1) {
        return convert(details[0]);
      }
      List<ScoreExplanation> converted = new ArrayList<>();
      for (Explanation detail : details) {
        converted.add(convert(detail));
      }
      return ScoreExplanation.value(value, description, converted);
    }
    String field = fieldAndTerm.get()[0];
    String term = fieldAndTerm.get()[1];
    boolean phrase = term.startsWith("\"");
    int slop = 0;
    if (phrase) {
      int close = term.lastIndexOf('"');
      String after = term.substring(close + 1);
      if (after.startsWith("~")) {
        try {
          slop = Integer.parseInt(after.substring(1));
        } catch (NumberFormatException e) {
          slop = 0;
        }
      }
      term = term.substring(1, close);
    }
    StringBuilder how = new StringBuilder("BM25");
    float[] parts = bm25Parts(lucene);
    if (!Float.isNaN(parts[1])) {
      how.append(String.format(Locale.ROOT, " idf %.3f x tf %.3f", parts[1], parts[2]));
    }
    if (!Float.isNaN(parts[0]) && parts[0] != 1f) {
      how.append(String.format(Locale.ROOT, " x boost %s", number(parts[0])));
    }
    if (!Float.isNaN(parts[3])) {
      how.append(
          String.format(
              Locale.ROOT, ", %s %s", phrase ? "phrase frequency" : "found", number(parts[3])));
      how.append(phrase ? "" : parts[3] == 1f ? " time" : " times");
    }
    if (phrase && slop > 0 && field.equals("text")) {
      how.insert(0, "proximity bonus (words within " + slop + " positions): ");
    } else if (phrase) {
      how.insert(0, "phrase: ");
    }
    return ScoreExplanation.match(value, field, term, how.toString());
  }

  /** Boost, idf, tf and frequency of a BM25 explanation, NaN where not found. */
  private static float[] bm25Parts(Explanation weight) {
    float[] parts = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    collect(weight, parts);
    return parts;
  }

  private static void collect(Explanation node, float[] parts) {
    String description = node.getDescription();
    float value = node.getValue().floatValue();
    if (description.equals("boost") && Float.isNaN(parts[0])) {
      parts[0] = value;
    } else if (description.startsWith("idf") && Float.isNaN(parts[1])) {
      parts[1] = value;
    } else if (description.startsWith("tf") && Float.isNaN(parts[2])) {
      parts[2] = value;
    } else if ((description.startsWith("freq") || description.startsWith("phraseFreq"))
        && Float.isNaN(parts[3])) {
      parts[3] = value;
    }
    for (Explanation detail : node.getDetails()) {
      collect(detail, parts);
    }
  }

  private static String number(float value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  /** {@code content:drone} as {@code text} and {@code drone}; empty for another shape. */
  private static Optional<String[]> fieldAndTerm(String query) {
    int colon = query.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String field = fieldName(query.substring(0, colon));
    if (field == null) {
      return Optional.empty();
    }
    return Optional.of(new String[] {field, query.substring(colon + 1)});
  }

  /** The name a field has for users, or null for a field no word matches in. */
  static String fieldName(String indexField) {
    switch (indexField) {
      case IndexSchema.CONTENT:
        return "text";
      case IndexSchema.HEADING:
        return "heading";
      case IndexSchema.TITLE:
        return "title";
      default:
        return null;
    }
  }
}
