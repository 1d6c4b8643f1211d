package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Raw Lucene, written the way a developer would without this library: the same analyzer, BM25
 * settings and field layout (one Lucene document per section; body with offsets for passages;
 * title, heading and body together in a scored content field; title and heading boosted), searched
 * with the classic query parser and highlighted with {@link UnifiedHighlighter}'s defaults. The
 * floor the library's overhead is measured from.
 */
final class LuceneEngine implements Engine {
  private static final FieldType BODY = bodyType();
  private static final Set<String> HIT_FIELDS = Set.of("doc_id", "title", "heading");
  private static final String[] SCORED_FIELDS = {"content", "title", "heading"};
  private static final Map<String, Float> BOOSTS =
      Map.of("content", 1f, "title", 0.5f, "heading", 0.5f);

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  private static Similarity similarity() {
    return new BM25Similarity(0.9f, 0.4f);
  }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public boolean indexesConcurrently() {
    return true;
  }

  @Override
  public Indexer indexer(Path folder) throws Exception {
    Directory directory = FSDirectory.open(folder);
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setSimilarity(similarity());
    config.setRAMBufferSizeMB(64);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    IndexWriter writer = new IndexWriter(directory, config);
    return new Indexer() {
      @Override
      public void add(CorpusDocument document) throws Exception {
        List<Document> sections = new ArrayList<>(document.sections().size());
        for (CorpusSection section : document.sections()) {
          Document doc = new Document();
          doc.add(new StringField("doc_id", document.id(), Field.Store.YES));
          doc.add(new TextField("title", document.title(), Field.Store.YES));
          doc.add(new TextField("heading", section.heading(), Field.Store.YES));
          doc.add(new Field("body", section.text(), BODY));
          String content = document.content(section);
          doc.add(new TextField("content", content, Field.Store.NO));
          sections.add(doc);
        }
        writer.addDocuments(sections);
      }

      @Override
      public void commit() throws Exception {
        writer.commit();
      }

      @Override
      public void close() throws IOException {
        writer.close();
        directory.close();
      }
    };
  }

  @Override
  public Searcher searcher(Path folder) throws Exception {
    Directory directory = FSDirectory.open(folder);
    DirectoryReader reader = DirectoryReader.open(directory);
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setSimilarity(similarity());
    Analyzer analyzer = new EnglishAnalyzer();
    UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer).build();
    return new Searcher() {
      @Override
      public Answer search(Query query) throws Exception {
        // the parsers are not thread-safe and cheap to make
        String text = query.luceneSyntax();
        org.apache.lucene.search.Query scoring =
            new MultiFieldQueryParser(SCORED_FIELDS, analyzer, BOOSTS).parse(text);
        org.apache.lucene.search.Query body = new QueryParser("body", analyzer).parse(text);
        TopDocs top = searcher.search(scoring, 10);
        String[] passages = highlighter.highlight("body", body, top, 2);
        StoredFields stored = searcher.storedFields();
        int chars = 0;
        for (int i = 0; i < top.scoreDocs.length; i++) {
          ScoreDoc hit = top.scoreDocs[i];
          // a hit shows its document id, title and heading, as the library's hits do
          stored.document(hit.doc, HIT_FIELDS);
          chars += passages[i] == null ? 0 : passages[i].length();
        }
        return new Answer(top.scoreDocs.length, chars);
      }

      @Override
      public void close() throws IOException {
        reader.close();
        directory.close();
      }
    };
  }
}
