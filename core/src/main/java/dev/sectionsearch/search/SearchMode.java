package dev.sectionsearch.search;

/**
 * How a search finds and ranks sections. An index written with an {@linkplain
 * dev.sectionsearch.embedding.Embedder embedder} searches {@link #HYBRID} unless the request says
 * otherwise; an index without one searches {@link #LEXICAL} and refuses the other modes.
 */
public enum SearchMode {
  /** By the query's words: BM25 over title, headings and text. */
  LEXICAL,
  /**
   * By meaning: the sections whose vectors are nearest the query's, found by an approximate
   * nearest-neighbour search; the query's syntax ({@code +required}, {@code -excluded}) still
   * filters.
   */
  SEMANTIC,
  /**
   * Both: the best lexical and the nearest semantic candidates, each ranking's scores scaled to
   * 0..1 and averaged, so that a section found either way can rank, and one found both ways ranks
   * first.
   */
  HYBRID
}
