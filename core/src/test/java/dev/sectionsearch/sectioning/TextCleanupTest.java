package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text as shown in passages: citation markers, emphasis and stray space removed. */
class TextCleanupTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "allies.[4] [5] Next|allies. Next",
        "allies [4][5].|allies.",
        "word [12] word|word word",
        "ends here [3]|ends here",
        "[1] starts|starts",
        "keeps [a] and [1234]|keeps [a] and [1234]",
        "too    many   spaces|too many spaces",
      })
  void cleansDisplayText(String raw, String clean) {
    assertEquals(clean, TextCleanup.clean(raw));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"**bold** text|bold text", "__under__ text|under text"})
  void plainTextLosesEmphasisMarkers(String raw, String clean) {
    assertEquals(clean, TextCleanup.cleanPlainText(raw));
  }
}
