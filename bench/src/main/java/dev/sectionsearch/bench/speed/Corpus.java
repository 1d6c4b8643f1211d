package dev.sectionsearch.bench.speed;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark corpus: real documentation pages in HTML, fetched when absent and split into
 * sections once by the library's own HTML ingestion.
 */
final class Corpus {
  /** The script that fetches the corpus when its folder is empty, from the repository root. */
  static final Path DEFAULT_FETCH_SCRIPT = Path.of("../shared/corpora/fetch-debian-docs.sh");

  private Corpus() {}

  /** Where the corpus is kept: {@code section-corpora} in the user's cache folder. */
  static Path defaultFolder() {
    String cache = System.getenv("XDG_CACHE_HOME");
    return (cache == null ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache))
        .resolve("section-corpora");
  }

  /** What extraction read and produced, and how long it took: the sectioning cost. */
  record Extraction(
      int pages, int skipped, long sections, long htmlBytes, long textBytes, double seconds) {}

  /**
   * Makes sure the corpus folder holds HTML pages, running the fetch script when it does not.
   *
   * @throws IllegalStateException when the folder is empty and the script cannot fill it
   */
  static void ensurePresent(Path folder, Path fetchScript)
      throws IOException, InterruptedException {
    if (!htmlPages(folder).isEmpty()) {
      return;
    }
    if (!Files.isRegularFile(fetchScript)) {
      throw new IllegalStateException(
          "no HTML pages under " + folder + " and no fetch script at " + fetchScript);
    }
    System.out.println("fetching the corpus into " + folder + " with " + fetchScript);
    Process fetch =
        new ProcessBuilder("bash", fetchScript.toString(), folder.toString()).inheritIO().start();
    if (fetch.waitFor() != 0 || htmlPages(folder).isEmpty()) {
      throw new IllegalStateException("fetching the corpus into " + folder + " failed");
    }
  }

  /** The HTML pages under a folder, in a stable order. */
  static List<Path> htmlPages(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    // the real path: a corpus folder that is a symbolic link is walked, not taken for a file
    try (Stream<Path> files = Files.walk(folder.toRealPath())) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".html"))
          .sorted()
          .toList();
    }
  }

  /**
   * Splits every HTML page under {@code folder} with the library's HTML ingestion and writes the
   * sections to {@code sectionFile}. Pages the library refuses (no text) are counted and left out,
   * as they would be from an index.
   */
  static Extraction extract(Path folder, Path sectionFile) throws IOException {
    Path root = folder.toRealPath();
    List<Path> pages = htmlPages(root);
    int skipped = 0;
    long sections = 0;
    long htmlBytes = 0;
    long textBytes = 0;
    long start = System.nanoTime();
    try (SectionFile.Writer out = new SectionFile.Writer(sectionFile)) {
      for (Path page : pages) {
        String id = root.relativize(page).toString().replace('\\', '/');
        SectionedDocument split;
        try {
          split = Sectioning.split(Document.fromFile(page, id, Document.DEFAULT_MAX_FILE_BYTES));
        } catch (DocumentException e) {
          skipped++;
          continue;
        }
        List<CorpusSection> texts = new ArrayList<>(split.sections().size());
        for (Section section : split.sections()) {
          texts.add(new CorpusSection(section.heading(), section.text()));
        }
        CorpusDocument document = new CorpusDocument(id, split.title(), texts);
        out.write(document);
        sections += texts.size();
        htmlBytes += Files.size(page);
        textBytes += document.textBytes();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Extraction(pages.size() - skipped, skipped, sections, htmlBytes, textBytes, seconds);
  }
}
