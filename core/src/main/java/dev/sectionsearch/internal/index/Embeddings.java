package dev.sectionsearch.internal.index;

import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.passage.SemanticPassages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * A document's embeddings as they are written: each section's chunk vectors and its chunks' ranges,
 * in section order; both empty for an index without an embedder.
 *
 * <p>Part of the library's internals. Immutable when its lists and arrays are not changed.
 *
 * @param vectors each section's chunk vectors, in chunk order, at least one a section (any length:
 *     {@link ChunkVectors#withVectors} normalises)
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

  /**
   * The vectors of each section's chunks, each chunk read with the section's title and headings in
   * front (as a reader sees it), and the chunks' ranges; all embedded in one call. None without an
   * embedder. Both backends write these, so that their vectors are the same.
   *
   * @param embedder the index's model, or null for none
   * @throws SectionSearchException naming the model and the document when the model fails or
   *     returns too few vectors, vectors of another size than it declares, or not finite ones
   */
  public static Embeddings of(Embedder embedder, SectionedDocument document) {
    if (embedder == null || document.sections().isEmpty()) {
      return NONE;
    }
    int sections = document.sections().size();
    List<String> texts = new ArrayList<>(sections * 2);
    List<List<int[]>> chunks = new ArrayList<>(sections);
    for (Section section : document.sections()) {
      String prefix = SemanticPassages.prefix(document.title(), section.headingPath());
      List<int[]> sectionChunks =
          SemanticPassages.chunks(section.text(), SemanticPassages.chunkChars(prefix));
      chunks.add(sectionChunks);
      for (int[] chunk : sectionChunks) {
        texts.add(SemanticPassages.embeddedText(prefix, section.text(), chunk));
      }
    }
    float[][] vectors = embedChecked(embedder, document.id(), texts);
    List<float[][]> sectionVectors = new ArrayList<>(sections);
    List<BytesRef> encoded = new ArrayList<>(sections);
    int next = 0;
    for (List<int[]> sectionChunks : chunks) {
      sectionVectors.add(Arrays.copyOfRange(vectors, next, next + sectionChunks.size()));
      next += sectionChunks.size();
      encoded.add(SemanticPassages.encode(sectionChunks));
    }
    return new Embeddings(sectionVectors, encoded);
  }

  /**
   * The model's vectors for a document's texts, checked: whatever the model does wrong fails this
   * add alone, naming the model and the document, never the index.
   */
  private static float[][] embedChecked(Embedder embedder, String documentId, List<String> texts) {
    String failed = "the embedder " + embedder.modelId() + " failed on document " + documentId;
    float[][] vectors;
    try {
      vectors = embedder.embed(texts);
    } catch (SectionSearchException e) {
      throw e; // the model's own account, such as a model that could not be loaded
    } catch (RuntimeException | LinkageError e) {
      throw new SectionSearchException(failed + ": " + e, e);
    }
    if (vectors == null || vectors.length != texts.size()) {
      throw new SectionSearchException(
          failed
              + ": it returned "
              + (vectors == null ? "no" : String.valueOf(vectors.length))
              + " vectors for "
              + texts.size()
              + " texts");
    }
    for (float[] vector : vectors) {
      if (vector == null || vector.length != embedder.dimensions()) {
        throw new SectionSearchException(
            failed
                + ": it returned a vector of "
                + (vector == null ? "null" : vector.length + " dimensions")
                + "; it declares "
                + embedder.dimensions());
      }
      try {
        ChunkVectors.unitVector(vector);
      } catch (SectionSearchException e) {
        throw new SectionSearchException(failed + ": " + e.getMessage(), e);
      }
    }
    return vectors;
  }
}
