package dev.sectionsearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The baseline every setting is held against: plain BM25 (k1 0.9, b 0.4) on one field holding title
 * and text, English analysis (stop words, Porter stemming), each query a bag of its words weighted
 * by how often each occurs, as Anserini's "flat" runs. Raw Lucene, run here on the same documents
 * and queries, so that every measure (CACM's nDCG@10 included) has a baseline.
 */
final class FlatBm25 {
  private static final String ID = "id";
  private static final String CONTENTS = "contents";

  private FlatBm25() {}

  /** Each query's ranked collection ids, best {@code depth} first. */
  static Map<String, List<String>> run(TestCollection collection, int depth) throws IOException {
    Analyzer analyzer = new EnglishAnalyzer();
    BM25Similarity similarity = new BM25Similarity(0.9f, 0.4f);
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer =
          new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(similarity))) {
        for (TestCollection.Text text : collection.documents()) {
          Document doc = new Document();
          doc.add(new StringField(ID, text.id(), Field.Store.YES));
          doc.add(new TextField(CONTENTS, text.title() + "\n" + text.body(), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity);
        Map<String, List<String>> run = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : collection.queries().entrySet()) {
          List<String> ranking = new ArrayList<>();
          BooleanQuery bag = bagOfWords(analyzer, query.getValue());
          for (ScoreDoc hit : searcher.search(bag, depth).scoreDocs) {
            ranking.add(searcher.storedFields().document(hit.doc).get(ID));
          }
          run.put(query.getKey(), ranking);
        }
        return run;
      }
    }
  }

  private static BooleanQuery bagOfWords(Analyzer analyzer, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream(CONTENTS, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    counts.forEach(
        (term, count) ->
            query.add(
                new BoostQuery(new TermQuery(new Term(CONTENTS, term)), count),
                BooleanClause.Occur.SHOULD));
    return query.build();
  }
}
