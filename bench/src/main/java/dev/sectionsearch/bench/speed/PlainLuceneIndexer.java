package dev.sectionsearch.bench.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * A section indexer written the way a developer would write one directly against Lucene, as the
 * baseline a folder of files indexed by the CLI is compared with: one thread, {@link
 * EnglishAnalyzer}, the writer's default settings, one Lucene document per section with its id,
 * title, heading, date (a point for ranges, doc values for sorting, stored) and its body stored
 * with offsets for highlighting. Each text is analysed once: there is no combined field.
 *
 * <p>Usage: {@code PlainLuceneIndexer tsv SECTIONS.tsv INDEX} reads the sections of the Markdown
 * corpus's TSV file ({@code id, title, heading, date, body}, newlines and tabs escaped); {@code
 * PlainLuceneIndexer markdown FOLDER INDEX} reads the corpus's Markdown files and splits them
 * naively at {@code ## } headings, as a user's own file indexer would. Prints {@code sections N}.
 */
public final class PlainLuceneIndexer implements AutoCloseable {
  private static final FieldType BODY = bodyType();

  private final IndexWriter writer;
  private long sections;

  private PlainLuceneIndexer(Path index) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    writer = new IndexWriter(FSDirectory.open(index), config);
  }

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !List.of("tsv", "markdown").contains(args[0])) {
      throw new IllegalArgumentException("usage: PlainLuceneIndexer tsv|markdown INPUT INDEX");
    }
    Path input = Path.of(args[1]);
    try (PlainLuceneIndexer indexer = new PlainLuceneIndexer(Path.of(args[2]))) {
      if (args[0].equals("tsv")) {
        indexer.addTsv(input);
      } else {
        indexer.addMarkdownFolder(input);
      }
      indexer.writer.commit();
      System.out.println("sections " + indexer.sections);
    }
  }

  private void addTsv(Path file) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 5) {
          throw new IOException(file + ": not 5 columns: " + line);
        }
        add(
            columns[0],
            unescape(columns[1]),
            unescape(columns[2]),
            columns[3],
            unescape(columns[4]));
      }
    }
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }

  private void addMarkdownFolder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
        addMarkdown(folder.relativize(file).toString(), Files.readString(file));
      }
    }
  }

  /**
   * Front matter ({@code title:} and {@code date:} between {@code ---} lines), then a section from
   * each {@code ## heading} line to the next.
   */
  private void addMarkdown(String id, String text) throws IOException {
    String title = "";
    String date = "";
    String heading = null;
    StringBuilder body = new StringBuilder();
    int section = 0;
    boolean frontMatter = false;
    for (String line : text.split("\n", -1)) {
      if (line.equals("---")) {
        frontMatter = !frontMatter;
      } else if (frontMatter && line.startsWith("title:")) {
        title = line.substring("title:".length()).strip().replace("\"", "");
      } else if (frontMatter && line.startsWith("date:")) {
        date = line.substring("date:".length()).strip();
      } else if (line.startsWith("## ")) {
        if (heading != null) {
          add(id + "#" + section++, title, heading, date, body.toString().strip());
        }
        heading = line.substring(3).strip();
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    if (heading != null) {
      add(id + "#" + section, title, heading, date, body.toString().strip());
    }
  }

  private void add(String id, String title, String heading, String date, String body)
      throws IOException {
    Document document = new Document();
    document.add(new StringField("id", id, Field.Store.YES));
    document.add(new TextField("title", title, Field.Store.YES));
    document.add(new TextField("heading", heading, Field.Store.YES));
    if (!date.isEmpty()) {
      long day = LocalDate.parse(date).toEpochDay();
      document.add(new LongPoint("date", day));
      document.add(new NumericDocValuesField("date", day));
      document.add(new StoredField("date", date));
    }
    document.add(new Field("body", body, BODY));
    writer.addDocument(document);
    sections++;
  }

  @Override
  public void close() throws IOException {
    writer.close();
    writer.getDirectory().close();
  }
}
