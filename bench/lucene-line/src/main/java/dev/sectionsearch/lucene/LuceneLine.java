package dev.sectionsearch.lucene;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

/**
 * The same raw-Lucene work on whichever Lucene line is on the class path (9.12 or 10.x): the code
 * compiles against both unchanged. Written as a user would write it against Lucene directly.
 *
 * <ul>
 *   <li>{@code index SECTIONS.tsv INDEX THREADS}: the Markdown corpus's sections (TSV: id, title,
 *       heading, date, body) into a new index with {@link EnglishAnalyzer}, the writer's defaults,
 *       one document per section as the bench's {@code PlainLuceneIndexer} writes it (body stored
 *       with offsets, analysed once). THREADS threads share one {@link IndexWriter}; the timed
 *       span is reading the file, analysing, writing and the final commit and close.
 *   <li>{@code vectors SECTIONS.tsv INDEX}: one random 384-d unit vector (seeded, HNSW, dot
 *       product) per section and a keyword {@code part} (section number mod 5) used as a 20%
 *       filter; one thread.
 *   <li>{@code search INDEX VECTOR_INDEX QUERIES.txt}: BM25 top 10 of each query (classic query
 *       parser, OR) with the {@link UnifiedHighlighter}'s passages of the body, then k-NN top 10
 *       ({@link KnnFloatVectorQuery}) of random unit vectors, unfiltered and filtered; each on 1
 *       and 2 threads sharing one searcher, after one unmeasured pass over the same queries.
 * </ul>
 *
 * <p>Prints one {@code result} line per measurement.
 */
public final class LuceneLine {
  static final int DIMENSIONS = 384;
  private static final FieldType BODY = bodyType();

  private LuceneLine() {}

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  public static void main(String[] args) throws Exception {
    String line = "lucene " + Version.LATEST + " java " + Runtime.version().feature();
    switch (args[0]) {
      case "index" -> {
        int threads = Integer.parseInt(args[3]);
        long start = System.nanoTime();
        int docs = index(Path.of(args[1]), Path.of(args[2]), threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "result %s index threads=%d docs=%d s=%.2f docs_per_s=%.0f%n",
            line, threads, docs, seconds, docs / seconds);
      }
      case "vectors" -> {
        long start = System.nanoTime();
        int docs = vectors(Path.of(args[1]), Path.of(args[2]));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "result %s vectors threads=1 docs=%d s=%.2f docs_per_s=%.0f%n",
            line, docs, seconds, docs / seconds);
      }
      case "search" -> search(line, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      default -> throw new IllegalArgumentException("index | vectors | search");
    }
  }

  static int index(Path tsv, Path index, int threads) throws Exception {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (FSDirectory directory = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(directory, config)) {
      AtomicInteger next = new AtomicInteger();
      List<Thread> workers = new ArrayList<>();
      List<Exception> failures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker =
            new Thread(
                () -> {
                  try {
                    for (int i = next.getAndIncrement(); i < lines.size(); i = next.getAndIncrement()) {
                      writer.addDocument(section(lines.get(i)));
                    }
                  } catch (Exception e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                });
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
      writer.commit();
    }
    return lines.size();
  }

  private static Document section(String line) throws IOException {
    String[] columns = line.split("\t", -1);
    if (columns.length != 5) {
      throw new IOException("not 5 columns: " + line);
    }
    Document document = new Document();
    document.add(new StringField("id", columns[0], Field.Store.YES));
    document.add(new TextField("title", unescape(columns[1]), Field.Store.YES));
    document.add(new TextField("heading", unescape(columns[2]), Field.Store.YES));
    if (!columns[3].isEmpty()) {
      long day = LocalDate.parse(columns[3]).toEpochDay();
      document.add(new LongPoint("date", day));
      document.add(new NumericDocValuesField("date", day));
      document.add(new StoredField("date", columns[3]));
    }
    document.add(new Field("body", unescape(columns[4]), BODY));
    return document;
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }

  static float[] unitVector(Random random) {
    float[] vector = new float[DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  static int vectors(Path tsv, Path index) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    Random random = new Random(27);
    int docs = 0;
    try (FSDirectory directory = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(directory, config);
        BufferedReader lines = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String id = line.substring(0, line.indexOf('\t'));
        Document document = new Document();
        document.add(new StringField("id", id, Field.Store.YES));
        document.add(new StringField("part", Integer.toString(docs % 5), Field.Store.NO));
        document.add(
            new KnnFloatVectorField(
                "vector", unitVector(random), VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(document);
        docs++;
      }
      writer.commit();
    }
    return docs;
  }

  interface Work {
    void run(int query) throws Exception;
  }

  static void search(String line, Path index, Path vectorIndex, Path queryFile) throws Exception {
    List<String> queryTexts =
        Files.readAllLines(queryFile, StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(q -> !q.isEmpty())
            .toList();
    Random random = new Random(2027);
    List<float[]> queryVectors = new ArrayList<>();
    for (int i = 0; i < queryTexts.size(); i++) {
      queryVectors.add(unitVector(random));
    }
    Analyzer analyzer = new EnglishAnalyzer();
    try (FSDirectory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory);
        FSDirectory vectorDirectory = FSDirectory.open(vectorIndex);
        DirectoryReader vectorReader = DirectoryReader.open(vectorDirectory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      UnifiedHighlighter highlighter =
          UnifiedHighlighter.builder(searcher, analyzer).withMaxLength(10_000).build();
      Work lexical =
          q -> {
            QueryParser parser = new QueryParser("body", analyzer);
            Query query = parser.parse(QueryParser.escape(queryTexts.get(q)));
            TopDocs top = searcher.search(query, 10);
            String[] passages = highlighter.highlight("body", query, top, 3);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
              stored.document(hit.doc).get("id");
            }
            if (passages.length != top.scoreDocs.length) {
              throw new IllegalStateException("passages");
            }
          };
      IndexSearcher vectorSearcher = new IndexSearcher(vectorReader);
      Query filter = new TermQuery(new Term("part", "0"));
      Work knn = q -> knn(vectorSearcher, new KnnFloatVectorQuery("vector", queryVectors.get(q), 10));
      Work knnFiltered =
          q ->
              knn(
                  vectorSearcher,
                  new KnnFloatVectorQuery("vector", queryVectors.get(q), 10, filter));
      int n = queryTexts.size();
      for (int threads : new int[] {1, 2}) {
        measure(line, "lexical", lexical, n, threads);
        measure(line, "knn", knn, n, threads);
        measure(line, "knn_filtered", knnFiltered, n, threads);
      }
    }
  }

  private static void knn(IndexSearcher searcher, Query query) throws IOException {
    TopDocs top = searcher.search(query, 10);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : top.scoreDocs) {
      stored.document(hit.doc).get("id");
    }
    if (top.scoreDocs.length != 10) {
      throw new IllegalStateException("k-NN returned " + top.scoreDocs.length);
    }
  }

  /** One unmeasured pass, then every query on each of THREADS threads (each thread all queries). */
  private static void measure(String line, String name, Work work, int queries, int threads)
      throws Exception {
    for (int q = 0; q < queries; q++) {
      work.run(q);
    }
    long[][] latencies = new long[threads][queries];
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      long[] mine = latencies[t];
      int offset = t * queries / threads;
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < queries; i++) {
                    int q = (offset + i) % queries;
                    long begin = System.nanoTime();
                    work.run(q);
                    mine[i] = System.nanoTime() - begin;
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        "result %s %s threads=%d queries=%d p50_ms=%.3f p99_ms=%.3f qps=%.0f%n",
        line,
        name,
        threads,
        all.length,
        all[all.length / 2] / 1e6,
        all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6,
        all.length / seconds);
  }
}
