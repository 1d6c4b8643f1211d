package dev.sectionsearch.internal.passage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.passage.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a section is cut into chunks for embedding, and passages chosen from its chunks. */
class SemanticPassagesTest {
  private static final String TEXT =
      "Puppies need several meals a day and a warm, quiet place to sleep through the night. "
          + "Walk your dog twice daily and keep its vaccinations current with the vet. "
          + "A kitten sleeps most of the day and plays at dusk when the house is quiet. "
          + "Provide a scratching post to protect the furniture from the claws of the cat. ";

  @Test
  void chunksEndWhereSentencesEndAndFitTheirSize() {
    String text = TEXT.repeat(10);
    List<int[]> chunks = SemanticPassages.chunks(text, 300);
    assertTrue(chunks.size() >= 10, "chunks: " + chunks.size());
    for (int[] chunk : chunks) {
      assertTrue(chunk[1] - chunk[0] <= 300, chunk[0] + ".." + chunk[1]);
      assertTrue(chunk[1] - chunk[0] >= 150, "a chunk takes sentences while they fit");
      assertEquals('.', text.charAt(chunk[1] - 1), "ends a sentence: " + chunk[1]);
      assertTrue(Character.isUpperCase(text.charAt(chunk[0])), "starts one: " + chunk[0]);
    }
    assertEquals(0, chunks.get(0)[0]);
    assertEquals(text.strip().length(), chunks.get(chunks.size() - 1)[1], "the end is read");
  }

  @Test
  void aChunkStartsWithThePreviousOnesLastSentenceWhenItIsShort() {
    String text = TEXT.repeat(3);
    List<int[]> chunks = SemanticPassages.chunks(text, 300);
    for (int i = 1; i < chunks.size(); i++) {
      int[] previous = chunks.get(i - 1);
      int[] chunk = chunks.get(i);
      assertTrue(chunk[0] < previous[1], "overlaps the previous chunk: " + i);
      assertTrue(chunk[0] > previous[0], "and moves on: " + i);
      String shared = text.substring(chunk[0], previous[1]);
      assertTrue(shared.length() <= 100, "one short sentence: " + shared);
    }
  }

  @Test
  void aLongSentenceIsNotRepeatedInTheNextChunk() {
    String longSentence = "word ".repeat(30).strip() + ". ";
    String text = "Short one. " + longSentence + "Next one here. " + longSentence;
    List<int[]> chunks = SemanticPassages.chunks(text, 170);
    for (int i = 1; i < chunks.size(); i++) {
      assertTrue(chunks.get(i)[0] >= chunks.get(i - 1)[1], "no overlap of a long sentence");
    }
  }

  @Test
  void aTextWithoutWordsIsOneEmptyChunkAndATinyOneIsOneChunk() {
    assertEquals(1, SemanticPassages.chunks("", 300).size());
    assertArrayEquals(new int[] {0, 0}, SemanticPassages.chunks(" \n ", 300).get(0));
    assertArrayEquals(new int[] {1, 6}, SemanticPassages.chunks(" Tiny.", 300).get(0));
  }

  @Test
  void aSentenceLongerThanAChunkIsCutAtSpacesAndAHugeTextStopsAtTheLimit() {
    String words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(2000);
    List<int[]> chunks = SemanticPassages.chunks(words, 300);
    assertEquals(SemanticPassages.MAX_CHUNKS, chunks.size());
    for (int[] chunk : chunks) {
      assertTrue(chunk[1] - chunk[0] <= 300 && chunk[1] - chunk[0] > 150);
      assertEquals(' ', words.charAt(chunk[1]), "cut at a space: " + chunk[1]);
      assertFalse(Character.isWhitespace(words.charAt(chunk[0])));
    }
    String unbroken = "x".repeat(1000);
    List<int[]> cut = SemanticPassages.chunks(unbroken, 300);
    assertArrayEquals(new int[] {0, 300}, cut.get(0));
    assertArrayEquals(new int[] {900, 1000}, cut.get(3));
  }

  @Test
  void theTitleAndHeadingsGoInFrontOfEachChunk() {
    String prefix = SemanticPassages.prefix("Pets", List.of("Pets", "Dogs", "Puppies"));
    assertEquals("Pets\nDogs\nPuppies", prefix);
    assertEquals(
        SemanticPassages.WINDOW_CHARS - prefix.length() - 1, SemanticPassages.chunkChars(prefix));
    assertEquals(
        "Pets\nDogs\nPuppies\nWalk your dog.",
        SemanticPassages.embeddedText(prefix, "Walk your dog.", new int[] {0, 14}));
    assertEquals("", SemanticPassages.prefix("", List.of()));
    assertEquals(
        SemanticPassages.MAX_PREFIX_CHARS,
        SemanticPassages.prefix("t".repeat(1000), List.of()).length());
  }

  @Test
  void chunksComeBackFromTheirStoredForm() {
    List<int[]> chunks = List.of(new int[] {0, 120}, new int[] {100, 300}, new int[] {0, 0});
    List<int[]> decoded = SemanticPassages.decode(SemanticPassages.encode(chunks));
    assertEquals(3, decoded.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(chunks.get(i), decoded.get(i));
    }
  }

  @Test
  void passagesAreTheNearestChunksNotOverlappingInReadingOrder() {
    String text = TEXT.repeat(3);
    List<int[]> chunks = SemanticPassages.chunks(text, 300);
    float[] scores = new float[chunks.size()];
    int best = chunks.size() - 1;
    scores[best] = 0.9f;
    scores[best - 1] = 0.8f; // overlaps the best: passed over
    scores[0] = 0.5f;
    List<Passage> passages = SemanticPassages.passages(text, chunks, scores, 2);
    assertEquals(2, passages.size());
    assertEquals(chunks.get(0)[0], passages.get(0).start());
    assertEquals(chunks.get(best)[0], passages.get(1).start());
    for (Passage passage : passages) {
      assertTrue(passage.semantic());
      assertEquals(text.substring(passage.start(), passage.end()), passage.text());
    }
    assertTrue(SemanticPassages.passages("", List.of(new int[] {0, 0}), new float[1], 1).isEmpty());
  }
}
