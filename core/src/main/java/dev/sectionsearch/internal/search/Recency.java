package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The recency boost: a section's score times {@code 1 + 0.5^(age / halfLife)}, its age the days
 * between its date and today (either way), so a section of today scores twice its relevance and one
 * a half-life old one and a half times; a section without a date keeps its score. Every backend
 * computes this factor (the OpenSearch one as an exponential decay function).
 *
 * <p>Immutable and thread-safe.
 */
public final class Recency extends DoubleValuesSource {
  private final long today;
  private final long halfLifeDays;

  /**
   * @param today the day ages count from, in days since 1970-01-01
   * @param halfLifeDays the age at which the boost is halved, at least 1
   */
  public Recency(long today, long halfLifeDays) {
    if (halfLifeDays < 1) {
      throw new IllegalArgumentException("half-life below a day: " + halfLifeDays);
    }
    this.today = today;
    this.halfLifeDays = halfLifeDays;
  }

  /** The factor of a section dated on a day (days since 1970-01-01). */
  public static double factor(long day, long today, long halfLifeDays) {
    return 1 + Math.pow(0.5, Math.abs(today - day) / (double) halfLifeDays);
  }

  /** The query with each section's score multiplied by its factor. */
  public static Query boost(Query query, long today, long halfLifeDays) {
    return FunctionScoreQuery.boostByValue(query, new Recency(today, halfLifeDays));
  }

  @Override
  public DoubleValues getValues(LeafReaderContext context, DoubleValues scores) throws IOException {
    NumericDocValues dates = DocValues.getNumeric(context.reader(), IndexSchema.DATE);
    return new DoubleValues() {
      private double value = 1;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        value = dates.advanceExact(doc) ? factor(dates.longValue(), today, halfLifeDays) : 1;
        return true;
      }
    };
  }

  @Override
  public Explanation explain(LeafReaderContext context, int doc, Explanation score)
      throws IOException {
    NumericDocValues dates = DocValues.getNumeric(context.reader(), IndexSchema.DATE);
    if (!dates.advanceExact(doc)) {
      return Explanation.match(1f, "recency factor: no date, the score is kept");
    }
    long day = dates.longValue();
    return Explanation.match(
        (float) factor(day, today, halfLifeDays),
        "recency factor 1 + 0.5^(age / half-life): dated "
            + java.time.LocalDate.ofEpochDay(day)
            + ", "
            + Math.abs(today - day)
            + " days from today, half-life "
            + halfLifeDays
            + " days");
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext context) {
    return DocValues.isCacheable(context, IndexSchema.DATE);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recency that
        && today == that.today
        && halfLifeDays == that.halfLifeDays;
  }

  @Override
  public int hashCode() {
    return Objects.hash(today, halfLifeDays);
  }

  @Override
  public String toString() {
    return "recency(" + IndexSchema.DATE + ", today=" + today + ", halfLife=" + halfLifeDays + ")";
  }
}
