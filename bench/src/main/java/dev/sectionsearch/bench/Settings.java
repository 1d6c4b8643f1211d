package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.IndexSettings;
import java.util.Locale;

/**
 * The ranking settings an evaluation measures: the library's defaults unless an option or a sweep
 * says otherwise.
 */
record Settings(float titleBoost, float headingBoost, float proximityBoost, float k1, float b) {
  /** The library's defaults. */
  static Settings defaults() {
    return new Settings(
        IndexSettings.DEFAULT_TITLE_BOOST,
        IndexSettings.DEFAULT_HEADING_BOOST,
        IndexSettings.DEFAULT_PROXIMITY_BOOST,
        IndexSettings.DEFAULT_K1,
        IndexSettings.DEFAULT_B);
  }

  /** Settings written {@code TITLE,HEADING,PROXIMITY,K1,B}, as {@code --try} takes them. */
  static Settings parse(String text) {
    String[] values = text.split(",", -1);
    if (values.length != 5) {
      throw new IllegalArgumentException("expected TITLE,HEADING,PROXIMITY,K1,B: " + text);
    }
    return new Settings(
        Float.parseFloat(values[0]),
        Float.parseFloat(values[1]),
        Float.parseFloat(values[2]),
        Float.parseFloat(values[3]),
        Float.parseFloat(values[4]));
  }

  Settings withTitleBoost(float boost) {
    return new Settings(boost, headingBoost, proximityBoost, k1, b);
  }

  Settings withHeadingBoost(float boost) {
    return new Settings(titleBoost, boost, proximityBoost, k1, b);
  }

  Settings withProximityBoost(float boost) {
    return new Settings(titleBoost, headingBoost, boost, k1, b);
  }

  Settings withBm25(float k1, float b) {
    return new Settings(titleBoost, headingBoost, proximityBoost, k1, b);
  }

  /** A builder for an index searched with these settings. */
  EmbeddedIndex.Builder builder() {
    return EmbeddedIndex.builder()
        .titleBoost(titleBoost)
        .headingBoost(headingBoost)
        .proximityBoost(proximityBoost)
        .bm25(k1, b);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "title %.2f, heading %.2f, proximity %.2f, BM25 %.2f/%.2f",
        titleBoost,
        headingBoost,
        proximityBoost,
        k1,
        b);
  }
}
