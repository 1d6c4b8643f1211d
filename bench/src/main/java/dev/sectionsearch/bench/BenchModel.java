package dev.sectionsearch.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The embedding models the semantic evaluation compares ({@code Evaluate --semantic --model NAME}):
 * the bundled all-MiniLM-L6-v2 and two candidates of the same size, bge-small-en-v1.5 and
 * e5-small-v2, each quantised to 8 bits as LangChain4j packages it. The candidates' ONNX files and
 * tokenizers are read from LangChain4j's model jars (on the bench's class path only) and run by the
 * same ONNX Runtime as the bundled model.
 *
 * <p>bge and e5 were trained to read a query differently from a passage: e5 wants {@code "query: "}
 * and {@code "passage: "} in front, bge an instruction in front of the query only. The {@link
 * Embedder} interface has one method for both, so each model here is two embedders with the same
 * model id: {@link #documents()} for indexing and {@link #queries()} for searching (the evaluation
 * indexes first and then searches, and a search with no passages embeds only its query).
 *
 * @param name the name {@code --model} takes
 * @param documents embeds sections' chunks
 * @param queries embeds queries
 */
record BenchModel(String name, Embedder documents, Embedder queries) {

  /** The names {@code --model} takes. */
  static final List<String> NAMES = List.of("minilm", "bge-small", "e5-small");

  /** The model of that name; the bundled one is {@code minilm}. */
  static BenchModel named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "minilm" -> {
        Embedder embedder = MiniLmEmbedder.create();
        return new BenchModel("minilm", embedder, embedder);
      }
      case "bge-small" -> {
        JarModel model =
            new JarModel(
                "BAAI/bge-small-en-v1.5#onnx-q8-cls",
                "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json",
                PoolingMode.CLS);
        return new BenchModel(
            "bge-small",
            new Prefixed(model, ""),
            new Prefixed(model, "Represent this sentence for searching relevant passages: "));
      }
      case "e5-small" -> {
        JarModel model =
            new JarModel(
                "intfloat/e5-small-v2#onnx-q8-mean",
                "e5-small-v2-q.onnx",
                "e5-small-v2-q-tokenizer.json",
                PoolingMode.MEAN);
        return new BenchModel(
            "e5-small", new Prefixed(model, "passage: "), new Prefixed(model, "query: "));
      }
      default ->
          throw new IllegalArgumentException(
              "unknown model " + name + " (one of " + String.join(", ", NAMES) + ")");
    }
  }

  /**
   * A model whose ONNX file and tokenizer are resources on the class path, loaded when first used.
   */
  static final class JarModel {
    private final String id;
    private final String onnx;
    private final String tokenizer;
    private final PoolingMode pooling;
    private volatile EmbeddingModel model;

    JarModel(String id, String onnx, String tokenizer, PoolingMode pooling) {
      this.id = id;
      this.onnx = onnx;
      this.tokenizer = tokenizer;
      this.pooling = pooling;
    }

    EmbeddingModel model() {
      EmbeddingModel loaded = model;
      if (loaded == null) {
        synchronized (this) {
          if (model == null) {
            model = new Loaded(Loaded.load(onnx, tokenizer, pooling));
          }
          loaded = model;
        }
      }
      return loaded;
    }
  }

  /** LangChain4j's in-process model (batches a call's texts over all cores) on a loaded encoder. */
  private static final class Loaded extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Loaded(OnnxBertBiEncoder encoder) {
      super(null);
      this.encoder = encoder;
    }

    static OnnxBertBiEncoder load(String onnx, String tokenizer, PoolingMode pooling) {
      return loadFromJar(onnx, tokenizer, pooling);
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }
  }

  /** An embedder putting a fixed text in front of each text. */
  private static final class Prefixed implements Embedder {
    private final JarModel model;
    private final String prefix;

    Prefixed(JarModel model, String prefix) {
      this.model = model;
      this.prefix = prefix;
    }

    @Override
    public String modelId() {
      return model.id;
    }

    @Override
    public int dimensions() {
      return 384;
    }

    @Override
    public float[][] embed(List<String> texts) {
      if (texts.isEmpty()) {
        return new float[0][];
      }
      List<TextSegment> segments = new ArrayList<>(texts.size());
      for (String text : texts) {
        String prefixed = prefix + text;
        segments.add(TextSegment.from(prefixed.isBlank() ? "." : prefixed));
      }
      List<Embedding> embeddings = model.model().embedAll(segments).content();
      float[][] vectors = new float[embeddings.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = embeddings.get(i).vector();
      }
      return vectors;
    }
  }
}
