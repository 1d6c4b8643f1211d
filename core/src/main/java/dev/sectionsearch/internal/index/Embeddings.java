package dev.sectionsearch.internal.index;

import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * A document's embeddings as they are written: each section's chunk vectors and its chunks' ranges,
 * in section order; both empty for an index without an embedder.
 *
 * <p>Part of the library's internals. Immutable when its lists and arrays are not changed.
 *
 * @param vectors each section's chunk vectors, in chunk order, at least one a section (any length:
 *     {@link IndexSchema#withVectors} normalises)
 * @param chunks each section's chunk ranges, encoded ({@code SemanticPassages.encode}), as many as
 *     its vectors
 */
public record Embeddings(List<float[][]> vectors, List<BytesRef> chunks) {
  /** No embeddings: a document of an index without vectors. */
  public static final Embeddings NONE = new Embeddings(List.of(), List.of());

  public Embeddings {
    if (vectors.size() != chunks.size()) {
      throw new IllegalArgumentException(
          vectors.size() + " sections of vectors but " + chunks.size() + " of chunks");
    }
    for (float[][] section : vectors) {
      if (section.length == 0) {
        throw new IllegalArgumentException("a section without a chunk vector");
      }
    }
  }
}
