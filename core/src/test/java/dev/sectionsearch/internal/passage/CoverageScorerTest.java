package dev.sectionsearch.internal.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class CoverageScorerTest {
  private static final String[] WORDS = {"heart", "attack", "risk", "diet"};

  private static Passage passage(int start, int length, String... matches) {
    Passage passage = new Passage();
    passage.setStartOffset(start);
    passage.setEndOffset(start + length);
    for (int i = 0; i < matches.length; i++) {
      // the same term always reports the same frequency in the document, as the highlighter does
      int freqInDoc = 1 + matches[i].length();
      passage.addMatch(start + i * 6, start + i * 6 + 5, new BytesRef(matches[i]), freqInDoc);
    }
    return passage;
  }

  @Test
  void scoresLucenesPassageScoreTimesTheDistinctTermsHeld() {
    Random random = new Random(20261125L);
    for (int round = 0; round < 500; round++) {
      String[] matches = new String[1 + random.nextInt(8)];
      for (int i = 0; i < matches.length; i++) {
        matches[i] = WORDS[random.nextInt(WORDS.length)];
      }
      Passage passage = passage(random.nextInt(5000), 60 + random.nextInt(200), matches);
      int contentLength = 6000;
      long distinct = java.util.Arrays.stream(matches).distinct().count();
      float lucene = new PassageScorer().score(passage, contentLength);
      assertEquals(
          lucene * distinct,
          new PassageBuilder.CoverageScorer().score(passage, contentLength),
          "round " + round);
    }
  }

  @Test
  void aPassageWithMoreOfTheQueryWordsBeatsOneRepeatingAWord() {
    PassageBuilder.CoverageScorer scorer = new PassageBuilder.CoverageScorer();
    float repeated = scorer.score(passage(0, 100, "heart", "heart"), 1000);
    float both = scorer.score(passage(0, 100, "heart", "attack"), 1000);
    assertTrue(both > repeated, both + " <= " + repeated);
  }
}
