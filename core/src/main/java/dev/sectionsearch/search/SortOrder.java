package dev.sectionsearch.search;

/** How search hits are ordered. Immutable and thread-safe. */
public enum SortOrder {
  /** Best match first (BM25 with heading and title boosts). */
  RELEVANCE,
  /** Most recent date first; sections without a date come last. */
  NEWEST,
  /** Oldest date first; sections without a date come last. */
  OLDEST
}
