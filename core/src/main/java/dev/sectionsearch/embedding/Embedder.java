package dev.sectionsearch.embedding;

import java.util.List;

/**
 * Turns texts into vectors whose closeness stands for closeness of meaning: what semantic and
 * hybrid search compare a query with. The index calls it as a section is added, with each chunk of
 * the section (whole sentences, about 500 characters with the title and headings in front: what a
 * model of a 128 word-piece window reads whole), and with each query as typed.
 *
 * <p>The {@code sectionsearch-semantic} artifact provides one that runs offline ({@code
 * MiniLmEmbedder}); any other model may be given to {@link
 * dev.sectionsearch.EmbeddedIndex.Builder#embedder(Embedder)}. An index records the {@link
 * #modelId()} and {@link #dimensions()} it was written with and refuses to be opened with another
 * model, whose vectors would not be comparable with the stored ones.
 *
 * <p>Implementations must be thread-safe: the index calls {@link #embed} from every thread that
 * adds or searches, at the same time.
 */
public interface Embedder {
  /**
   * {@return a name that changes whenever the vectors would: the model and anything that changes
   * its output (quantisation, pooling, the longest text read)} Recorded in the index.
   */
  String modelId();

  /** {@return how many numbers each vector has; the same for every text} */
  int dimensions();

  /**
   * The vectors of the texts, in order, each of {@link #dimensions()} numbers. The index normalises
   * them to unit length, so their length carries no meaning; a vector of zeros is refused.
   *
   * @param texts the texts, none null; an empty text gets a vector like any other
   * @return one vector per text
   */
  float[][] embed(List<String> texts);
}
