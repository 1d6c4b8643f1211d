package dev.sectionsearch.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.sectionsearch.SectionSearchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * The packaged all-MiniLM-L6-v2 (quantised) in an ONNX Runtime session of our own settings: one
 * thread per inference and no spinning. LangChain4j's default session gives each inference every
 * core and lets idle threads spin; with several texts embedded at once (the index's indexing
 * threads, a page's passages) those threads fought over two cores. One thread per text, with the
 * texts spread over the cores by the executor, measured faster (see the README).
 *
 * <p>Thread-safe: an ONNX Runtime session may run on many threads at once.
 */
final class OnnxMiniLm extends AbstractInProcessEmbeddingModel {
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  OnnxMiniLm(Executor executor) {
    super(executor);
    this.encoder = load();
  }

  private static OnnxBertBiEncoder load() {
    ClassLoader loader = OnnxMiniLm.class.getClassLoader();
    try (InputStream model = loader.getResourceAsStream(MODEL);
        InputStream tokenizer = loader.getResourceAsStream(TOKENIZER)) {
      if (model == null || tokenizer == null) {
        throw new SectionSearchException(
            "the MiniLM model is missing from the class path (" + MODEL + ", " + TOKENIZER + ")");
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtSession session = environment.createSession(model.readAllBytes(), options);
        return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
      }
    } catch (IOException | OrtException e) {
      throw new SectionSearchException("could not load the MiniLM model: " + e.getMessage(), e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return MiniLmEmbedder.DIMENSIONS;
  }
}
