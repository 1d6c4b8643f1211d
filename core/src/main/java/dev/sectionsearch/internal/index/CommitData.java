package dev.sectionsearch.internal.index;

import static dev.sectionsearch.internal.index.IndexSchema.CONTENT;

import dev.sectionsearch.SectionSearchException;
import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * What each commit records about how the index was written (schema version, analyzer, embedding
 * model and dimensions) and the checks that refuse to open an index with another: both backends
 * record and check the same. Internal; stateless and thread-safe.
 */
public final class CommitData {
  private CommitData() {}

  /** Schema version stored in each commit; bump it when the layout changes incompatibly. */
  public static final String VERSION = "6";

  /**
   * The version before chunks: its indexes without vectors are laid out as this version's, so they
   * are read and written on; its indexes with vectors hold one vector per section and are refused.
   */
  static final String VERSION_WITHOUT_CHUNKS = "5";

  /** Commit user-data key holding {@link #VERSION}. */
  public static final String VERSION_KEY = "sectionsearch.schema";

  /** Commit user-data key naming the analyzer the index was written with ({@link #analyzerId}). */
  public static final String ANALYZER_KEY = "sectionsearch.analyzer";

  /** Commit user-data key naming the embedding model ({@code Embedder.modelId()}), if any. */
  public static final String EMBEDDING_MODEL_KEY = "sectionsearch.embedding.model";

  /** Commit user-data key holding the embedding's dimensions, beside the model. */
  public static final String EMBEDDING_DIMENSIONS_KEY = "sectionsearch.embedding.dimensions";

  /**
   * The commit user data naming an embedding model and its dimensions: added to every commit of an
   * index written with an embedder.
   */
  public static Map<String, String> embeddingUserData(String modelId, int dimensions) {
    return Map.of(
        EMBEDDING_MODEL_KEY, modelId, EMBEDDING_DIMENSIONS_KEY, Integer.toString(dimensions));
  }

  /**
   * Checks that an existing index is opened with the embedding model it was written with, as {@link
   * #checkCompatible} checks the analyzer. An index written without a model may be opened for
   * writing with one only while it holds no section (read-only, the model is simply not used), and
   * one written with a model may be opened without it only to read it (lexical searches; semantic
   * ones are refused later, naming the model).
   *
   * @param modelId the model the index is opened with, or null for none
   * @param hasSections whether the index holds any section
   * @throws SectionSearchException naming both models when they differ
   */
  public static void checkEmbedding(
      Map<String, String> userData,
      String name,
      String modelId,
      int dimensions,
      boolean readOnly,
      boolean hasSections) {
    String written = userData.get(EMBEDDING_MODEL_KEY);
    String writtenDimensions = userData.get(EMBEDDING_DIMENSIONS_KEY);
    if (written == null) {
      if (modelId != null && hasSections && !readOnly) {
        throw new SectionSearchException(
            "index at "
                + name
                + " was written without an embedding model but is opened with "
                + modelId
                + ": its sections have no vectors; open it without an embedder, or re-create it"
                + " with one");
      }
      return;
    }
    if (!hasSections && !readOnly) {
      // nothing was embedded yet (an indexing run whose model failed to load leaves this):
      // the model recorded binds no vectors, and the next commit records the one written with
      return;
    }
    if (modelId == null) {
      if (!readOnly) {
        throw new SectionSearchException(
            "index at "
                + name
                + " was written with embedding model "
                + written
                + " but is opened for writing without one: new sections would have no vectors;"
                + " open it with that model's embedder");
      }
      return;
    }
    if (!written.equals(modelId) || !Integer.toString(dimensions).equals(writtenDimensions)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written with embedding model "
              + written
              + " ("
              + writtenDimensions
              + " dimensions) but is opened with "
              + modelId
              + " ("
              + dimensions
              + " dimensions): their vectors cannot be compared; open it with the model it was"
              + " written with, or re-create it");
    }
  }

  /** The user data to store with each commit. */
  public static Map<String, String> commitUserData(String analyzerId) {
    return Map.of(VERSION_KEY, VERSION, ANALYZER_KEY, analyzerId);
  }

  /**
   * Names an analyzer by what it does: its class and a hash of the terms it makes of a probe text
   * that exercises case, stop words, stemming, accents, compatibility forms, hyphens, format
   * characters and scripts without spaces. Two analyzers that index text differently almost surely
   * differ here, which is what opening an index with the wrong one must catch.
   */
  public static String analyzerId(Analyzer analyzer) {
    String probe =
        "The Running foxes' CAF\u00c9 cafe\u0301 na\u00efve co-operate r\u00e9sum\u00e9s 3.14"
            + " e-mail U.S.A. \ufb01nance Stra\u00dfe soft\u00adhyphen zero\u200bwidth"
            + " \u00fcber \u6771\u4eac\u90fd WiFi-6E don't 1st";
    long hash = 0xcbf29ce484222325L;
    try (TokenStream stream = analyzer.tokenStream(CONTENT, probe)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        for (int i = 0; i < term.length(); i++) {
          hash = (hash ^ term.charAt(i)) * 0x100000001b3L;
        }
        hash = (hash ^ (0x10000 + increment.getPositionIncrement())) * 0x100000001b3L;
      }
      stream.end();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return analyzer.getClass().getName() + "#" + Long.toHexString(hash);
  }

  /**
   * Checks that an existing index was written with this schema.
   *
   * @throws SectionSearchException naming the index when it was not
   */
  public static void checkCompatible(Map<String, String> userData, String name, String analyzerId) {
    String version = userData.get(VERSION_KEY);
    if (version == null) {
      throw new SectionSearchException(
          "index at " + name + " was not written by this library (no schema version)");
    }
    if (VERSION_WITHOUT_CHUNKS.equals(version) && userData.get(EMBEDDING_MODEL_KEY) != null) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written by an earlier version with one vector per section (schema version "
              + version
              + "); this version embeds every part of a section (schema version "
              + VERSION
              + "): re-create the index with its embedder (the CLI: index --semantic into a new"
              + " folder)");
    }
    if (!VERSION.equals(version) && !VERSION_WITHOUT_CHUNKS.equals(version)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " has schema version "
              + version
              + " but this library reads version "
              + VERSION
              + "; re-create the index");
    }
    String written = userData.get(ANALYZER_KEY);
    if (written != null && !written.equals(analyzerId)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written with analyzer "
              + written
              + " but is opened with "
              + analyzerId
              + ": its words would not be found; open it with the analyzer it was written"
              + " with, or re-create it");
    }
  }
}
