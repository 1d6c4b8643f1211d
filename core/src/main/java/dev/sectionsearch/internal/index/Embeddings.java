package dev.sectionsearch.internal.index;

import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * A document's embeddings as they are written: each section's vector and its stored passage
 * vectors, in section order; both empty for an index without an embedder.
 *
 * <p>Part of the library's internals. Immutable when its lists are.
 *
 * @param sections each section's vector (any length: {@link IndexSchema#withVectors} normalises)
 * @param passages each section's runs of sentences with their unit vectors, encoded
 */
public record Embeddings(List<float[]> sections, List<BytesRef> passages) {
  /** No embeddings: a document of an index without vectors. */
  public static final Embeddings NONE = new Embeddings(List.of(), List.of());

  public Embeddings {
    if (sections.size() != passages.size()) {
      throw new IllegalArgumentException(
          sections.size() + " section vectors but " + passages.size() + " passage vectors");
    }
  }
}
