package dev.sectionsearch.internal.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.passage.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Semantic passages chosen from the runs and vectors stored with a section. */
class SemanticPassagesTest {
  private static final String TEXT =
      "Puppies need several meals a day and a warm, quiet place to sleep through the night. "
          + "Walk your dog twice daily and keep its vaccinations current with the vet. "
          + "A kitten sleeps most of the day and plays at dusk when the house is quiet. "
          + "Provide a scratching post to protect the furniture from the claws of the cat. ";

  @Test
  void chosenRunsComeBackInReadingOrderWithTheirOffsets() {
    List<int[]> runs = SemanticPassages.candidates(TEXT);
    assertTrue(runs.size() >= 3, "runs: " + runs.size());
    float[][] vectors = new float[runs.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = axis(4, i % 4);
    }
    BytesRef stored = SemanticPassages.encode(runs, vectors);
    // the query is nearest the third run, then the first
    float[] query = IndexSchema.unitVector(new float[] {0.6f, 0, 0.8f, 0});
    List<Passage> passages = SemanticPassages.passages(query, TEXT, stored, 2);
    assertEquals(2, passages.size());
    assertEquals(runs.get(0)[0], passages.get(0).start());
    assertEquals(runs.get(2)[0], passages.get(1).start());
    for (Passage passage : passages) {
      assertTrue(passage.semantic());
      assertEquals(TEXT.substring(passage.start(), passage.end()), passage.text());
    }
  }

  @Test
  void storedBytesRankRunsAsTheFloatVectorsDo() {
    Random random = new Random(7);
    int dimensions = 384;
    double largestError = 0;
    for (int trial = 0; trial < 200; trial++) {
      List<int[]> runs = new ArrayList<>();
      float[][] vectors = new float[6][];
      for (int i = 0; i < vectors.length; i++) {
        runs.add(new int[] {i * 10, i * 10 + 9});
        vectors[i] = randomUnit(random, dimensions);
      }
      float[] query = randomUnit(random, dimensions);
      // a run made close to the query must come first, whatever the rounding
      vectors[3] = IndexSchema.unitVector(mix(query, vectors[3], 0.3f));
      String text = "x".repeat(60);
      BytesRef stored = SemanticPassages.encode(runs, vectors);
      Passage best = SemanticPassages.passages(query, text, stored, 1).get(0);
      assertEquals(30, best.start());
      List<SemanticPassages.Scored> scored = SemanticPassages.scored(query, stored);
      for (int i = 0; i < vectors.length; i++) {
        largestError =
            Math.max(largestError, Math.abs(scored.get(i).score() - dot(query, vectors[i])));
      }
    }
    assertTrue(largestError < 0.003, "largest error of a stored dot product: " + largestError);
  }

  @Test
  void aSectionOfOneRunStoresItWithoutAVectorAndShowsItForAnyQuery() {
    String text = "  A kitten sleeps most of the day.  ";
    List<int[]> runs = SemanticPassages.candidates(text);
    assertEquals(1, runs.size());
    BytesRef stored = SemanticPassages.encode(runs, new float[0][]);
    assertTrue(stored.length < 8, "bytes: " + stored.length);
    List<Passage> passages = SemanticPassages.passages(axis(384, 5), text, stored, 2);
    assertEquals(1, passages.size());
    assertEquals("A kitten sleeps most of the day.", passages.get(0).text());
    assertEquals(2, passages.get(0).start());
  }

  @Test
  void vectorsOfAnotherLengthGiveNoPassage() {
    List<int[]> runs = SemanticPassages.candidates(TEXT);
    float[][] vectors = new float[runs.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = axis(4, 0);
    }
    BytesRef stored = SemanticPassages.encode(runs, vectors);
    assertTrue(SemanticPassages.passages(axis(8, 0), TEXT, stored, 1).isEmpty());
  }

  private static float[] axis(int dimensions, int axis) {
    float[] vector = new float[dimensions];
    vector[axis] = 1;
    return vector;
  }

  private static float[] randomUnit(Random random, int dimensions) {
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return IndexSchema.unitVector(vector);
  }

  private static float[] mix(float[] a, float[] b, float weightOfB) {
    float[] mixed = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      mixed[i] = (1 - weightOfB) * a[i] + weightOfB * b[i];
    }
    return mixed;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
