package dev.sectionsearch.internal.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBreakIteratorTest {
  private static List<String> sentences(String text) {
    SentenceBreakIterator iterator = new SentenceBreakIterator();
    iterator.setText(text);
    List<String> sentences = new ArrayList<>();
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
      sentences.add(text.substring(start, end));
    }
    return sentences;
  }

  @Test
  void splitsAfterTerminatorsFollowedByACapitalOrDigit() {
    assertEquals(
        List.of("Owls hunt. ", "Hawks soar! ", "Why? ", "42 gulls."),
        sentences("Owls hunt. Hawks soar! Why? 42 gulls."));
  }

  @Test
  void aLowerCaseWordAfterAFullStopContinuesTheSentence() {
    assertEquals(
        List.of("Use e.g. the barn owl. ", "Then stop."),
        sentences("Use e.g. the barn owl. Then stop."));
  }

  @Test
  void closingQuotesAndBracketsStayWithTheirSentence() {
    assertEquals(
        List.of("He said \"go.\" ", "(It was late.) ", "Done."),
        sentences("He said \"go.\" (It was late.) Done."));
  }

  @Test
  void aLineBreakEndsASentence() {
    assertEquals(
        List.of("heading without stop\n", "next line"),
        sentences("heading without stop\nnext line"));
  }

  @Test
  void followingAndPrecedingFindTheNearestBoundaries() {
    String text = "One two. Three four. Five.";
    SentenceBreakIterator iterator = new SentenceBreakIterator();
    iterator.setText(text);
    assertEquals(9, iterator.following(3));
    assertEquals(21, iterator.following(9));
    assertEquals(text.length(), iterator.following(22));
    assertEquals(BreakIterator.DONE, iterator.following(text.length()));
    assertEquals(9, iterator.preceding(15));
    assertEquals(0, iterator.preceding(5));
    assertEquals(BreakIterator.DONE, iterator.preceding(0));
    assertTrue(iterator.isBoundary(9));
    assertFalse(iterator.isBoundary(10));
  }

  @Test
  void textWithoutBoundariesIsOneSentence() {
    assertEquals(List.of("no stop at all"), sentences("no stop at all"));
    assertEquals(List.of(), sentences(""));
  }
}
