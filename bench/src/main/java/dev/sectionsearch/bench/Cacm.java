package dev.sectionsearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CACM: 3,204 small HTML files, each a {@code <pre>} block whose first line is the title. As files,
 * the HTML files themselves; as documents built in code, the first line as title and the rest of
 * the block as text.
 */
final class Cacm implements TestCollection {
  private static final Pattern TOPIC =
      Pattern.compile("<DOCNO>\\s*(\\d+)\\s*</DOCNO>(.*?)</DOC>", Pattern.DOTALL);

  /** The only markup in the files; a {@code <} elsewhere is text ("1 <= m <= n"). */
  private static final Pattern MARKUP = Pattern.compile("</?(html|pre)>");

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
  public List<Text> documents() throws IOException {
    Path unpacked = work.resolve("cacm-archive");
    if (!Files.isDirectory(unpacked)) {
      Files.createDirectories(unpacked);
      unpack(unpacked);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(unpacked)) {
      files = listing.filter(f -> f.toString().endsWith(".html")).sorted().toList();
    }
    List<Text> documents = new ArrayList<>(files.size());
    for (Path file : files) {
      String name = file.getFileName().toString();
      String text = MARKUP.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
      String[] titleAndBody = text.strip().split("\n", 2);
      documents.add(
          new Text(
              name.substring(0, name.length() - ".html".length()),
              titleAndBody[0].strip(),
              titleAndBody.length > 1 ? titleAndBody[1] : ""));
    }
    return documents;
  }

  @Override
  public void writeFiles(Path target) throws IOException {
    unpack(target);
  }

  private void unpack(Path target) throws IOException {
    Process tar =
        new ProcessBuilder(
                "tar", "-xzf", folder.resolve("cacm.tar.gz").toString(), "-C", target.toString())
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
  public Map<String, Double> published() {
    // Anserini regression cacm.yaml, BM25
    return Map.of("map", 0.3123, "P_30", 0.1942);
  }
}
