package dev.sectionsearch.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuerySampleTest {
  @TempDir Path folder;

  private Path sectionFile() throws Exception {
    Path file = folder.resolve("sections.bin");
    try (SectionFile.Writer writer = new SectionFile.Writer(file)) {
      writer.write(
          new CorpusDocument(
              "a",
              "A",
              List.of(
                  new CorpusSection("Memory management in the kernel", "text"),
                  new CorpusSection("Socket buffers and queues", "text"),
                  new CorpusSection("The 2nd of many", "text"))));
    }
    return file;
  }

  @Test
  void theSameSeedGivesTheSameQueries() throws Exception {
    Path file = sectionFile();
    assertEquals(QuerySample.draw(file, 10, 1), QuerySample.draw(file, 10, 1));
  }

  @Test
  void queriesAreOneToThreeConsecutiveHeadingWordsWithoutStopWords() throws Exception {
    List<String> headingWords =
        List.of("memory", "management", "kernel", "socket", "buffers", "queues", "many");
    for (Engine.Query query : QuerySample.draw(sectionFile(), 20, 3)) {
      assertTrue(query.words().size() >= 1 && query.words().size() <= 3, query.toString());
      assertTrue(headingWords.containsAll(query.words()), query.toString());
    }
  }

  @Test
  void eachSystemGetsTheQueryInItsOwnSyntax() {
    Engine.Query words = new Engine.Query(List.of("memory", "kernel"), false);
    Engine.Query phrase = new Engine.Query(List.of("memory", "kernel"), true);
    assertEquals("memory kernel", words.luceneSyntax());
    assertEquals("\"memory\" OR \"kernel\"", words.fts5Syntax());
    assertEquals("\"memory kernel\"", phrase.luceneSyntax());
    assertEquals("\"memory kernel\"", phrase.fts5Syntax());
  }
}
