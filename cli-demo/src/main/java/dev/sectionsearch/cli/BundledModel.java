package dev.sectionsearch.cli;

import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.util.List;

/**
 * The bundled model as the commands use it: one that cannot be loaded is explained in the terms of
 * the command line (which options need it, how to do without) rather than the library's.
 * Thread-safe.
 */
final class BundledModel implements Embedder {
  private final MiniLmEmbedder model = MiniLmEmbedder.create();

  private BundledModel() {}

  /** The bundled model, loaded at the first text embedded. */
  static Embedder create() {
    return new BundledModel();
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  @Override
  public int dimensions() {
    return model.dimensions();
  }

  @Override
  public float[][] embed(List<String> texts) {
    try {
      return model.embed(texts);
    } catch (SectionSearchException e) {
      throw new SectionSearchException(
          e.getMessage()
              + ": index --semantic needs it, and so does searching an index made with --semantic"
              + " unless --mode lexical is given",
          e);
    }
  }

  /**
   * A library message in the command line's terms: the library tells a program to build its index
   * with an embedder, the command line tells a person to index with {@code --semantic}.
   */
  static String explain(String message) {
    return message == null
        ? null
        : message
            .replace(
                "an index written with an embedder (EmbeddedIndex.Builder.embedder)",
                "an index made with index --semantic")
            .replace(
                "an index written with an embedder (OpenSearchSectionIndex.Builder.embedder)",
                "an index made with index --semantic");
  }

  @Override
  public String toString() {
    return model.toString();
  }
}
