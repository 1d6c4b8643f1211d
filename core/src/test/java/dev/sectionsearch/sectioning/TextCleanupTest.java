package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

  /**
   * The one-pass space folding gives what the replacements it stands for gave: horizontal space
   * runs to one space, no space beside a line break, at most one blank line, ends stripped.
   */
  @Test
  void spaceFoldingMatchesTheRegularExpressionsItReplaced() {
    Pattern horizontal = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    Pattern aroundLineBreak = Pattern.compile(" ?\\n ?");
    Pattern blankLines = Pattern.compile("\\n{3,}");
    char[] alphabet = {' ', '\t', '\u000B', '\f', '\r', '\u00a0', '\n', 'a', '.', '\u2003'};
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String folded = horizontal.matcher(text).replaceAll(" ");
      String lines = aroundLineBreak.matcher(folded).replaceAll("\n");
      String expected = blankLines.matcher(lines).replaceAll("\n\n").strip();
      assertEquals(
          expected,
          TextCleanup.foldSpace(text.toString()),
          "seed " + seed + ", text " + text.toString().replace("\n", "\\n"));
    }
  }
}
