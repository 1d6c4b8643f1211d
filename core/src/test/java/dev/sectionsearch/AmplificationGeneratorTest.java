package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Amplification by size, generated (issue 24): in every format, a huge title, huge headings and
 * many small sections in random mixes. Whatever the input, each section stores bounded copies of
 * its title and headings, so the index grows with the input and the number of sections, never with
 * their product.
 */
class AmplificationGeneratorTest {
  /** Bytes a section may add beyond its own text: capped title and headings, ids, positions. */
  private static final long PER_SECTION = 8_000;

  @TempDir Path folder;

  private enum Shape {
    MARKDOWN("md"),
    HTML("html"),
    TEXT("txt"),
    RST("rst"),
    ASCIIDOC("adoc");

    final String extension;

    Shape(String extension) {
      this.extension = extension;
    }

    String document(String title, String heading, int sections, Random random) {
      StringBuilder out = new StringBuilder();
      switch (this) {
        case MARKDOWN ->
            out.append("---\ntitle: ").append(title).append("\n---\n# ").append(heading);
        case HTML ->
            out.append("<html><head><title>")
                .append(title)
                .append("</title></head><body><h1>")
                .append(heading)
                .append("</h1>");
        case TEXT -> out.append(title).append("\n\n").append(heading).append("\n");
        case RST ->
            out.append(title)
                .append('\n')
                .append("=".repeat(title.length()))
                .append("\n\n")
                .append(heading)
                .append('\n')
                .append("-".repeat(heading.length()));
        case ASCIIDOC -> out.append("= ").append(title).append("\n\n== ").append(heading);
      }
      out.append("\n\nOpening words about plovers.\n\n");
      for (int i = 0; i < sections; i++) {
        String name = "Part " + i + (random.nextBoolean() ? " " + heading : "");
        String body = "Notes on kestrels " + i + ".";
        switch (this) {
          case MARKDOWN ->
              out.append("## ").append(name).append("\n\n").append(body).append("\n\n");
          case HTML ->
              out.append("<h2>").append(name).append("</h2><p>").append(body).append("</p>");
          case TEXT -> out.append("\n").append(name).append("\n").append(body).append("\n");
          case RST ->
              out.append(name)
                  .append('\n')
                  .append("~".repeat(name.length()))
                  .append("\n\n")
                  .append(body)
                  .append("\n\n");
          case ASCIIDOC ->
              out.append("=== ").append(name).append("\n\n").append(body).append("\n\n");
        }
      }
      if (this == HTML) {
        out.append("</body></html>");
      }
      return out.toString();
    }
  }

  private static String words(Random random, int chars) {
    String[] pool = {"owl", "heron", "grebe", "egret", "ruff"};
    StringBuilder out = new StringBuilder(chars + 8);
    while (out.length() < chars) {
      out.append(pool[random.nextInt(pool.length)]).append(' ');
    }
    return out.toString().strip();
  }

  private static long bytesUnder(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
  void theIndexGrowsWithTheInputNotWithTitlesTimesSections(long seed) throws IOException {
    Random random = new Random(seed);
    Shape shape = Shape.values()[(int) (seed % Shape.values().length)];
    String title = words(random, random.nextBoolean() ? 200_000 + random.nextInt(300_000) : 40);
    String heading = words(random, random.nextBoolean() ? 20_000 + random.nextInt(80_000) : 30);
    int sections = 20 + random.nextInt(400);
    String text = shape.document(title, heading, sections, random);
    Path file = folder.resolve("amplified." + shape.extension);
    Files.writeString(file, text);
    Path indexFolder = folder.resolve("index");
    String context =
        shape
            + " seed "
            + seed
            + ": title "
            + title.length()
            + ", heading "
            + heading.length()
            + ", "
            + sections
            + " sections, "
            + text.length()
            + " chars";
    try (SectionIndex index = SectionIndex.open(indexFolder)) {
      AddResult result = index.add(file);
      index.commit();
      long bytes = bytesUnder(indexFolder);
      long bound = 3L * Files.size(file) + PER_SECTION * result.sections() + 1_000_000;
      assertTrue(bytes <= bound, context + ": index of " + bytes + " bytes, bound " + bound);
      for (SearchHit hit :
          index
              .search(dev.sectionsearch.search.SearchRequest.of("kestrels").withLimit(100))
              .hits()) {
        assertTrue(hit.title().length() <= 1_000, context + ": title of " + hit.title().length());
        for (String level : hit.headingPath()) {
          assertTrue(level.length() <= 1_000, context + ": heading of " + level.length());
        }
      }
    }
  }
}
