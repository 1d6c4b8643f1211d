package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Titles and headings have a length limit, since every section stores its own copy (issue 24). */
class TitleLengthTest {
  @TempDir Path folder;

  @Test
  void aMegabyteFrontMatterTitleAndHeadingGiveASmallIndex() throws IOException {
    String huge = "owl ".repeat(250_000);
    StringBuilder markdown = new StringBuilder("---\ntitle: ").append(huge).append("\n---\n");
    markdown.append("# ").append("heron ".repeat(170_000)).append("\n\nIntro text.\n\n");
    for (int i = 0; i < 200; i++) {
      markdown.append("## Part ").append(i).append("\n\nSome text about kestrels ").append(i);
      markdown.append(".\n\n");
    }
    Path file = folder.resolve("huge.md");
    Files.writeString(file, markdown);
    Path indexFolder = folder.resolve("index");
    try (SectionIndex index = SectionIndex.open(indexFolder)) {
      index.add(file);
      index.commit();
      SearchHit hit = index.search("kestrels").hits().get(0);
      assertTrue(hit.title().length() <= 1_000, "title of " + hit.title().length());
      assertTrue(hit.title().startsWith("owl owl"), hit.title().substring(0, 20));
      assertTrue(hit.title().endsWith("owl\u2026"), "cut at a word with an ellipsis");
      for (String level : hit.headingPath()) {
        assertTrue(level.length() <= 500, "heading of " + level.length());
      }
    }
    long bytes;
    try (Stream<Path> files = Files.walk(indexFolder)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(bytes < 3_000_000, "index of " + bytes + " bytes");
  }

  @Test
  void controlCharactersNeverReachATitle() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          dev.sectionsearch.document.Document.builder("doc")
              .title("Bad\u0001title\u0007")
              .section("Head\u001bing", "Text about grebes.")
              .build());
      index.commit();
      SearchHit hit = index.search("grebes").hits().get(0);
      assertEquals("Bad title", hit.title().strip());
      assertEquals("Head ing", hit.headingPath().get(hit.headingPath().size() - 1));
    }
  }

  @Test
  void aHugeFrontMatterOfBadKeysGivesASummaryOfWarnings() throws IOException {
    StringBuilder markdown = new StringBuilder("---\ntitle: Notes\n");
    for (int i = 0; i < 200_000; i++) {
      markdown.append("Bad Key ").append(i).append(": v\n");
    }
    markdown.append("---\n# Notes\n\nText about kestrels.\n");
    assertTrue(markdown.length() > 3_000_000, "size " + markdown.length());
    Path file = folder.resolve("bad-keys.md");
    Files.writeString(file, markdown);
    try (SectionIndex index = SectionIndex.inMemory()) {
      AddResult result = index.add(file);
      assertTrue(result.warnings().size() <= 20, "warnings: " + result.warnings().size());
      assertTrue(
          result.warnings().get(result.warnings().size() - 1).contains("more warnings"),
          result.warnings().toString());
    }
  }
}
