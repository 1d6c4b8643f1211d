/**
 * The sectionsearch library: split documents into sections, index them with Lucene, and search them
 * for ranked, highlighted passages with citations. Start at {@link dev.sectionsearch.SectionIndex}.
 *
 * <p>Exports the API packages only (semantic search needs only the {@code embedding} package's
 * contract; the bundled model is a separate artifact); {@code dev.sectionsearch.internal.*} is the
 * implementation, with no compatibility promised. Lucene's core module is readable to users of this
 * one, since an {@link org.apache.lucene.analysis.Analyzer} may be given to the index.
 */
// "module": the OpenSearch module that the internals are exported to is built after this one
@SuppressWarnings("module")
module dev.sectionsearch {
  requires transitive org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.highlighter;
  requires org.apache.lucene.join;
  requires org.apache.lucene.queries;
  requires org.jsoup;
  requires org.commonmark;
  requires static transitive com.google.errorprone.annotations;

  exports dev.sectionsearch;
  exports dev.sectionsearch.document;
  exports dev.sectionsearch.embedding;
  exports dev.sectionsearch.passage;
  exports dev.sectionsearch.search;
  exports dev.sectionsearch.sectioning;

  // readers of formats the core does not split itself (PDF, in the sectionsearch-pdf module)
  uses dev.sectionsearch.document.DocumentReader;

  // the OpenSearch backend builds on the same schema, query reading, passages and folder walking
  exports dev.sectionsearch.internal.index to
      dev.sectionsearch.opensearch;
  exports dev.sectionsearch.internal.search to
      dev.sectionsearch.opensearch;
  exports dev.sectionsearch.internal.passage to
      dev.sectionsearch.opensearch;
  exports dev.sectionsearch.internal.files to
      dev.sectionsearch.opensearch;
}
