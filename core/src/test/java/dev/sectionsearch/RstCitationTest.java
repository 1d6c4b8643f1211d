package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Citations into reStructuredText sources read as reStructuredText: over a sample of the Python
 * documentation's {@code _sources} (when ../shared/corpora/fetch-debian-docs.sh has fetched it),
 * every passage's source range holds the passage's words in order, and no hit is a heading without
 * a passage.
 */
class RstCitationTest {
  @TempDir Path folder;

  @Test
  void passagesOfTheSphinxSourcesPointIntoThem() throws IOException {
    Path corpus =
        Path.of(
            System.getProperty("user.home"),
            ".cache",
            "section-corpora",
            "python-doc",
            "html",
            "_sources");
    Assumptions.assumeTrue(Files.isDirectory(corpus), "the Debian docs corpus is not fetched");
    List<Path> pages;
    try (var walk = Files.walk(corpus)) {
      pages = walk.filter(p -> p.toString().endsWith(".rst.txt")).sorted().toList();
    }
    Path sample = Files.createDirectories(folder.resolve("sample"));
    int step = Math.max(1, pages.size() / 150);
    for (int i = 0; i < pages.size(); i += step) {
      Files.copy(pages.get(i), sample.resolve(i + "-" + pages.get(i).getFileName()));
    }
    int checked = 0;
    int withoutPassage = 0;
    int hits = 0;
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(sample, IndexingListener.NONE);
      index.commit();
      for (String query :
          List.of(
              "json encoder",
              "logging handler",
              "unicode strings",
              "regular expression",
              "thread",
              "the",
              "exception",
              "file",
              "socket timeout",
              "class")) {
        for (SearchHit hit :
            index.search(SearchRequest.of(query).withLimit(40).withMaxPassages(3)).hits()) {
          hits++;
          if (hit.passages().isEmpty()) {
            withoutPassage++;
          }
          String source = Files.readString(Path.of(hit.source()));
          for (Passage passage : hit.passages()) {
            String cited = source.substring(passage.sourceStart(), passage.sourceEnd());
            // an escaped suffix joins the word of the markup before it: :term:`method`\s reads
            // "methods"
            String joined = cited.replaceAll("`+\\\\ ?(?=\\w)", "");
            assertTrue(
                isSubsequence(words(passage.text()), words(joined)),
                "passage not in order in its cited source: "
                    + cited
                    + " ("
                    + hit.source()
                    + ", "
                    + passage
                    + ")");
            checked++;
          }
        }
      }
    }
    System.out.println(
        "reStructuredText: "
            + checked
            + " passages citable, "
            + withoutPassage
            + " of "
            + hits
            + " hits without a passage");
    assertTrue(checked > 300, "passages checked: " + checked);
    assertTrue(withoutPassage * 50 <= hits, withoutPassage + " of " + hits + " without a passage");
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+", -1)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean isSubsequence(List<String> needle, List<String> haystack) {
    int at = 0;
    for (String word : haystack) {
      if (at < needle.size() && needle.get(at).equals(word)) {
        at++;
      }
    }
    return at == needle.size();
  }
}
