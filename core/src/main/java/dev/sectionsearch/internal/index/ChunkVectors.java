package dev.sectionsearch.internal.index;

import static dev.sectionsearch.internal.index.IndexSchema.CHUNKS;
import static dev.sectionsearch.internal.index.IndexSchema.DOC_ID;
import static dev.sectionsearch.internal.index.IndexSchema.SECTIONS;
import static dev.sectionsearch.internal.index.IndexSchema.VECTOR;

import dev.sectionsearch.SectionSearchException;
import java.util.Iterator;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The vectors of an index with semantic search: one child document per chunk of a section, written
 * before the section in its block, and the queries that keep chunks out of what only sections may
 * match. Internal; stateless and thread-safe.
 */
public final class ChunkVectors {
  private ChunkVectors() {}

  /**
   * The sections with their embeddings added: before the {@code i}-th section, one document per
   * chunk vector of {@code embeddings.vectors().get(i)}, normalised to unit length, and its chunks'
   * ranges in the section; no embeddings leaves the sections as they are.
   */
  public static Iterable<org.apache.lucene.document.Document> withVectors(
      Iterable<org.apache.lucene.document.Document> sections, Embeddings embeddings) {
    if (embeddings.vectors().isEmpty()) {
      return sections;
    }
    return () ->
        new Iterator<>() {
          private final Iterator<org.apache.lucene.document.Document> each = sections.iterator();
          private org.apache.lucene.document.Document section;
          private float[][] chunks;
          private int nextSection;
          private int nextChunk;

          @Override
          public boolean hasNext() {
            return section != null || each.hasNext();
          }

          @Override
          public org.apache.lucene.document.Document next() {
            if (section == null) {
              section = each.next();
              chunks = embeddings.vectors().get(nextSection);
              section.add(new StoredField(CHUNKS, embeddings.chunks().get(nextSection)));
              nextSection++;
              nextChunk = 0;
            }
            if (nextChunk < chunks.length) {
              return chunk(section.get(DOC_ID), chunks[nextChunk++]);
            }
            org.apache.lucene.document.Document done = section;
            section = null;
            return done;
          }
        };
  }

  private static org.apache.lucene.document.Document chunk(String docId, float[] vector) {
    org.apache.lucene.document.Document chunk = new org.apache.lucene.document.Document();
    // the id's doc values too: Lucene wants a field's structures alike in every document
    BytesRef id = new BytesRef(docId);
    chunk.add(new StringField(DOC_ID, id, Field.Store.NO));
    chunk.add(new SortedDocValuesField(DOC_ID, id));
    chunk.add(
        new KnnFloatVectorField(VECTOR, unitVector(vector), VectorSimilarityFunction.DOT_PRODUCT));
    return chunk;
  }

  /**
   * The query narrowed to sections: in an index with chunk documents, a query that chunks can match
   * (all documents, a document id) must not find them.
   */
  public static Query onlySections(Query query) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(SECTIONS, BooleanClause.Occur.FILTER)
        .build();
  }

  /** All sections: every document of an index without chunks, cheaper to match as such. */
  public static Query allSections(IndexReader reader) {
    return hasChunks(reader) ? SECTIONS : new MatchAllDocsQuery();
  }

  /** Whether any segment of the reader holds chunk documents. */
  public static boolean hasChunks(IndexReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().getFieldInfos().fieldInfo(VECTOR) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of the vector scaled to unit length, as dot-product similarity needs.
   *
   * @throws SectionSearchException when the vector has no direction (all zeros) or is not finite
   */
  public static float[] unitVector(float[] vector) {
    double sum = 0;
    for (float x : vector) {
      sum += (double) x * x;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new SectionSearchException(
          "the embedder returned a vector of zeros or of non-finite numbers; it cannot be compared");
    }
    // in double: a vector of subnormal numbers has a norm whose inverse overflows a float
    float[] unit = new float[vector.length];
    double norm = Math.sqrt(sum);
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
      if (!Float.isFinite(unit[i])) {
        throw new SectionSearchException(
            "the embedder returned a vector that cannot be normalised (component "
                + i
                + " is "
                + vector[i]
                + ")");
      }
    }
    return unit;
  }
}
