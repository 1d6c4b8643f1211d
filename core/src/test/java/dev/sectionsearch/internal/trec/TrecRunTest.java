package dev.sectionsearch.internal.trec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TREC run format: six columns, the given order kept, any id safe to write. */
class TrecRunTest {
  private static String run(String queryId, List<String> ranking) throws IOException {
    StringBuilder out = new StringBuilder();
    TrecRun.write(out, queryId, ranking, "sectionsearch");
    return out.toString();
  }

  @Test
  void writesOneSixColumnLinePerDocumentWithScoresFallingWithTheRank() throws IOException {
    assertEquals(
        "q1 Q0 b 1 3 sectionsearch\nq1 Q0 a 2 2 sectionsearch\nq1 Q0 c 3 1 sectionsearch\n",
        run("q1", List.of("b", "a", "c")));
  }

  @Test
  void anEmptyRankingWritesNothing() throws IOException {
    assertEquals("", run("q1", List.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs/my notes.txt", "tab\there", "line\nbreak", "cr\rreturn", "no\u00a0break",
        "ideographic\u3000space", "line\u2028separator", "bell\u0007", "next\u0085line", "nul\0"
      })
  void aDocumentIdWithWhiteSpaceOrControlCharactersStaysOneColumn(String id) throws IOException {
    String written = run("q1", List.of(id));
    assertEquals(1, written.lines().count(), written);
    String[] columns = written.strip().split("\\s+", -1);
    assertEquals(6, columns.length, written);
    assertEquals(id, decode(columns[2]));
  }

  @Test
  void aSpaceIsWrittenAsPercentTwentyAndAPercentSignAsPercentTwentyFive() {
    assertEquals("docs/my%20notes%2520.txt", TrecRun.encodeId("docs/my notes%20.txt"));
  }

  @Test
  void idsWithoutWhiteSpaceControlsOrPercentAreWrittenUnchanged() {
    String id = "MED-10/caf\u00e9_[1]+\u00fcber.html";
    assertEquals(id, TrecRun.encodeId(id));
  }

  @Test
  void aQueryIdWithASpaceIsEncodedToo() throws IOException {
    assertEquals("q%201 Q0 a 1 1 sectionsearch\n", run("q 1", List.of("a")));
  }

  @Test
  void anEmptyDocumentIdIsRefusedRatherThanWrittenAsAMissingColumn() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run("q1", List.of("a", "")));
    assertEquals("a TREC run cannot hold an empty document id", e.getMessage());
  }

  private static String decode(String column) {
    // URLDecoder reads '+' as a space; the run format never encodes '+', so keep it literal
    return URLDecoder.decode(column.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
