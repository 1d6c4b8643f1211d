package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The floor under any Lucene layout's indexing speed on this machine, for comparing with FTS5's:
 * English analysis alone (no index), and raw Lucene indexing one analysed field per section with
 * nothing stored, no positions for passages, one thread. Each is the best of four rounds over the
 * section file {@link SpeedComparison} wrote.
 *
 * <p>Usage: {@code java -cp sectionsearch-bench.jar dev.sectionsearch.bench.speed.IndexingFloor
 * [bench/target/speed/sections.bin]}
 */
public final class IndexingFloor {
  private static final int ROUNDS = 4;

  /** MB/s of section text, one thread, for analysis alone and for the leanest index. */
  record Floor(double analysisMegabytesPerSecond, double indexingMegabytesPerSecond) {}

  private IndexingFloor() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    Path sectionFile = Path.of(args.length > 0 ? args[0] : "bench/target/speed/sections.bin");
    Floor floor = measure(sectionFile, ROUNDS);
    System.out.printf(
        Locale.ROOT,
        "English analysis alone: %.1f MB/s; raw Lucene, one analysed field, nothing stored:"
            + " %.1f MB/s (one thread, best of %d)%n",
        floor.analysisMegabytesPerSecond(),
        floor.indexingMegabytesPerSecond(),
        ROUNDS);
  }

  static Floor measure(Path sectionFile, int rounds) throws IOException {
    double analysis = 0;
    double indexing = 0;
    for (int round = 0; round < rounds; round++) {
      analysis = Math.max(analysis, analysisOnly(sectionFile));
      indexing = Math.max(indexing, oneFieldNothingStored(sectionFile));
    }
    return new Floor(analysis, indexing);
  }

  private static double analysisOnly(Path sectionFile) {
    Analyzer analyzer = new EnglishAnalyzer();
    long[] bytes = new long[1];
    long start = System.nanoTime();
    SectionFile.forEach(
        sectionFile,
        1,
        document -> {
          bytes[0] += document.textBytes();
          for (CorpusDocument.CorpusSection section : document.sections()) {
            consume(analyzer, document.content(section));
          }
        });
    return bytes[0] / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  private static void consume(Analyzer analyzer, String text) {
    try (TokenStream stream = analyzer.tokenStream("content", text)) {
      stream.reset();
      while (stream.incrementToken()) {
        // the tokens themselves are not needed: only the work of making them
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double oneFieldNothingStored(Path sectionFile) throws IOException {
    Path folder = Files.createTempDirectory("indexing-floor");
    long[] bytes = new long[1];
    long start = System.nanoTime();
    try (FSDirectory directory = FSDirectory.open(folder);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig(new EnglishAnalyzer()).setRAMBufferSizeMB(64))) {
      SectionFile.forEach(
          sectionFile,
          1,
          document -> {
            bytes[0] += document.textBytes();
            for (CorpusDocument.CorpusSection section : document.sections()) {
              Document doc = new Document();
              doc.add(new TextField("content", document.content(section), Field.Store.NO));
              try {
                writer.addDocument(doc);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
      writer.commit();
    } finally {
      Folders.deleteTree(folder);
    }
    return bytes[0] / 1e6 / ((System.nanoTime() - start) / 1e9);
  }
}
