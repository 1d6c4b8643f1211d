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
        "glued to a word[3] and|glued to a word and",
        "the stack[1]. So|the stack. So",
        "Ukraine[3], then|Ukraine, then",
      })
  void cleansDisplayText(String raw, String clean) {
    assertEquals(clean, TextCleanup.clean(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "arr[1];",
        "io[0].iov_len",
        "grid[1][2];",
        "m[1]=2",
        "f(x)[2]+1",
        "array[0] is first",
        "sx[12]000 machines",
        "fields[1]::name",
      })
  void bracketsIndexingCodeAreKept(String code) {
    assertEquals(code, TextCleanup.clean(code));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"**bold** text|bold text", "__under__ text|under text"})
  void plainTextLosesEmphasisMarkers(String raw, String clean) {
    assertEquals(clean, TextCleanup.cleanPlainText(raw));
  }
}
