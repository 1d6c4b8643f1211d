package dev.sectionsearch.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering passages for people: HTML and terminals. */
class PassagesTest {
  private static Passage passage(String text, Highlight... highlights) {
    return new Passage(text, List.of(highlights), 0, text.length());
  }

  @Test
  void htmlMarksMatchesAndEscapesEverything() {
    Passage passage = passage("<b>owls</b> & \"hawks\"", new Highlight(3, 7));
    assertEquals(
        "&lt;b&gt;<mark>owls</mark>&lt;/b&gt; &amp; &quot;hawks&quot;", Passages.toHtml(passage));
  }

  @Test
  void ansiOutputCannotCarryTerminalEscapes() {
    Passage passage = passage("owls\u001b[2J hunt", new Highlight(0, 4));
    assertEquals("\u001b[1;33mowls\u001b[0m [2J hunt", Passages.toAnsi(passage));
  }

  @Test
  void plainTextUsesTheGivenMarkers() {
    assertEquals(
        "the [owl] hunts",
        Passages.toText(passage("the owl hunts", new Highlight(4, 7)), "[", "]"));
  }

  @Test
  void highlightsOutOfOrderAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> passage("the owl hunts", new Highlight(4, 7), new Highlight(0, 3)));
  }

  @Test
  void highlightedTextsAreTheMatchedStrings() {
    Passage passage = passage("the owl hunts mice", new Highlight(4, 7), new Highlight(14, 18));
    assertEquals(List.of("owl", "mice"), passage.highlightedTexts());
  }
}
