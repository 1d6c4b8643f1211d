package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The normalising filter gives the same text and offsets however its reader is read. */
class UnicodeNormalizingCharFilterTest {
  /**
   * Read one character at a time, the filter takes its normalising path for every character; read
   * in large buffers, it copies plain text straight through. Both give the same characters and the
   * same offset corrections for texts mixing plain runs with characters that need normalising,
   * placed across read boundaries.
   */
  @Test
  void plainTextCopiedThroughMatchesTheNormalisingPath() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String[] pieces = {
      "plain words ", "x", "e\u0301", "\u00e9", "\u00ad", "\u200b", "\ufb01", "\u32c9", "\n", " "
    };
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(400); i >= 0; i--) {
        text.append(pieces[random.nextInt(random.nextBoolean() ? 2 : pieces.length)]);
      }
      int bufferSize = 2 + random.nextInt(5000);
      Read slow = read(text.toString(), 1);
      Read fast = read(text.toString(), bufferSize);
      String context = "seed " + seed + ", round " + round + ", buffer " + bufferSize;
      assertEquals(slow.text, fast.text, context);
      assertEquals(slow.corrected, fast.corrected, context);
    }
  }

  private record Read(String text, List<Integer> corrected) {}

  private static Read read(String text, int bufferSize) throws IOException {
    UnicodeNormalizingCharFilter filter = new UnicodeNormalizingCharFilter(new StringReader(text));
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[bufferSize];
    for (int n = filter.read(buffer, 0, bufferSize);
        n >= 0;
        n = filter.read(buffer, 0, bufferSize)) {
      out.append(buffer, 0, n);
    }
    List<Integer> corrected = new ArrayList<>();
    for (int i = 0; i <= out.length(); i++) {
      corrected.add(filter.correctOffset(i));
    }
    filter.close();
    return new Read(out.toString(), corrected);
  }
}
