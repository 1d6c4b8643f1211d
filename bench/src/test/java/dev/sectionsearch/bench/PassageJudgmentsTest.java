package dev.sectionsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.passage.Passage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judged passage measure: grades looked up by passage, blinded export of what is missing. */
class PassageJudgmentsTest {
  private static final String SECTION = "x".repeat(1000);

  @Test
  void committedGradesAreZeroToTwo() {
    Map<String, Integer> grades = PassageJudgments.grades();
    assertTrue(grades.size() >= 50, "grades: " + grades.size());
    grades.values().forEach(grade -> assertTrue(grade >= 0 && grade <= 2, "grade " + grade));
  }

  @Test
  void reportComparesTheGradesOfEachPairsTwoPassages() {
    // query 1, document 31715818: two passages judged 1 and 1 (see the grades file)
    PassageJudgments.Pair judged = pair("shown", "1", "31715818", 0, 118, 119, 439);
    PassageJudgments.Pair unjudged = pair("shown", "1", "31715818", 5, 50, 60, 90);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PassageJudgments.report(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(judged, unjudged));
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(table.contains("| shown   | 2    | 1      | 1.00 / 0%"), table);
    assertTrue(table.contains("| 0 / 1 / 0"), table);
  }

  @Test
  void exportWritesOnlyUnjudgedPairsBlindedWithTheirRangesInTheKey(@TempDir Path folder)
      throws Exception {
    PassageJudgments.Pair judged = pair("shown", "1", "31715818", 0, 118, 119, 439);
    PassageJudgments.Pair unjudged = pair("sampled", "9", "42", 10, 20, 30, 40);
    Path file = folder.resolve("judge.txt");
    PassageJudgments.exportForJudging(List.of(judged, unjudged), file);
    String blind = Files.readString(file);
    assertTrue(blind.contains("## 1\nclaim: claim 9\nA: "), blind);
    assertFalse(blind.contains("claim 1\n"), "a judged pair is not asked again: " + blind);
    assertFalse(blind.contains("words") || blind.contains("meaning"), blind);
    List<String> key = Files.readAllLines(Path.of(file + ".key"));
    assertEquals(2, key.size());
    assertTrue(key.get(0).startsWith("1\tA\t9\t42\t"), key.get(0));
    assertTrue(key.get(1).startsWith("1\tB\t9\t42\t"), key.get(1));
  }

  private static PassageJudgments.Pair pair(
      String pool, String query, String doc, int wordsStart, int wordsEnd, int start, int end) {
    return new PassageJudgments.Pair(
        pool,
        query,
        "claim " + query,
        doc,
        SECTION,
        passage(wordsStart, wordsEnd, false),
        passage(start, end, true),
        true);
  }

  private static Passage passage(int start, int end, boolean semantic) {
    return new Passage(SECTION.substring(start, end), List.of(), start, end, start, end, semantic);
  }
}
