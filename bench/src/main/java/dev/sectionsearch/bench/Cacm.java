package dev.sectionsearch.bench;

import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CACM: 3,204 small HTML files, indexed as files through the library's own HTML ingestion, the
 * way a user would index a folder. The archive is unpacked into a work folder first.
 */
final class Cacm implements TestCollection {
  private static final Pattern TOPIC =
      Pattern.compile("<DOCNO>\\s*(\\d+)\\s*</DOCNO>(.*?)</DOC>", Pattern.DOTALL);

  private final Path folder;
  private final Path work;

  /**
   * @param folder the folder with {@code cacm.tar.gz}, {@code topics.cacm.txt} and {@code
   *     qrels.cacm.txt}
   * @param work a folder to unpack the documents into
   */
  Cacm(Path folder, Path work) {
    this.folder = folder;
    this.work = work;
  }

  @Override
  public String name() {
    return "CACM";
  }

  @Override
  public void index(SectionIndex index) throws IOException {
    Path documents = unpack();
    IndexSummary summary = index.addAll(documents, IndexingListener.NONE);
    if (!summary.skipped().isEmpty()) {
      throw new IOException("CACM files skipped: " + summary.skipped());
    }
  }

  private Path unpack() throws IOException {
    Path documents = work.resolve("cacm");
    if (Files.isDirectory(documents)) {
      return documents;
    }
    Files.createDirectories(documents);
    Process tar =
        new ProcessBuilder(
                "tar", "-xzf", folder.resolve("cacm.tar.gz").toString(), "-C", documents.toString())
            .inheritIO()
            .start();
    try {
      if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        throw new IOException("could not unpack " + folder.resolve("cacm.tar.gz"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unpacking CACM", e);
    }
    return documents;
  }

  /** File documents get ids like {@code cacm/CACM-0001.html}; the judgments say {@code CACM-0001}. */
  @Override
  public String collectionId(String docId) {
    String name = docId.substring(docId.lastIndexOf('/') + 1);
    return name.endsWith(".html") ? name.substring(0, name.length() - ".html".length()) : name;
  }

  @Override
  public Map<String, String> queries() throws IOException {
    String topics = Files.readString(folder.resolve("topics.cacm.txt"), StandardCharsets.UTF_8);
    Map<String, String> queries = new LinkedHashMap<>();
    Matcher matcher = TOPIC.matcher(topics);
    while (matcher.find()) {
      queries.put(matcher.group(1), matcher.group(2).replaceAll("\\s+", " ").strip());
    }
    return queries;
  }

  @Override
  public Qrels qrels() throws IOException {
    return Qrels.read(folder.resolve("qrels.cacm.txt"));
  }

  @Override
  public Map<String, Double> baseline() {
    // Anserini regression cacm.yaml, BM25
    return Map.of("map", 0.3123, "P_30", 0.1942);
  }
}
