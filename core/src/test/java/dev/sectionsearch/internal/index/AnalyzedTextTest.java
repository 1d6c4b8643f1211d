package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Tokens analysed once and replayed index exactly as analysing the text in the field does. */
class AnalyzedTextTest {
  private static final Analyzer ANALYZER = new EnglishAnalyzer();
  private static final String TITLE = "The Owls of the Northern Woods";
  private static final String BODY =
      "Barn owls hunt voles at night; the owls' hearing finds them under snow. Owls, owls!";

  private static FieldType withOffsets() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /** Every term of a field with its positions and offsets, one line per occurrence. */
  private static List<String> postings(Document document, String field) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Directory directory = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER))) {
      writer.addDocument(document);
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        Terms terms = leaf.terms(field);
        TermsEnum termsEnum = terms.iterator();
        for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
          PostingsEnum postings = termsEnum.postings(null, PostingsEnum.ALL);
          postings.nextDoc();
          for (int i = 0; i < postings.freq(); i++) {
            int position = postings.nextPosition();
            lines.add(
                term.utf8ToString()
                    + "@"
                    + position
                    + ":"
                    + postings.startOffset()
                    + "-"
                    + postings.endOffset());
          }
        }
        var norms = leaf.getNormValues(field);
        norms.advanceExact(0);
        lines.add("norm=" + norms.longValue());
      }
    }
    return lines;
  }

  @Test
  void aReplayedBodyIndexesLikeTheBodyText() throws IOException {
    Document analysed = new Document();
    analysed.add(new Field("body", BODY, withOffsets()));
    Document replayed = new Document();
    replayed.add(
        new Field("body", AnalyzedText.of(ANALYZER, "body", BODY).replay(), withOffsets()));
    assertEquals(postings(analysed, "body"), postings(replayed, "body"));
  }

  @Test
  void joinedTextsIndexLikeTheTextsJoinedWithBlankLines() throws IOException {
    Document analysed = new Document();
    analysed.add(new Field("content", TITLE + "\n\nHunting\n\n" + BODY, withOffsets()));
    Document replayed = new Document();
    replayed.add(
        new Field(
            "content",
            AnalyzedText.joined(
                List.of(
                    AnalyzedText.of(ANALYZER, "content", TITLE),
                    AnalyzedText.of(ANALYZER, "content", "Hunting"),
                    AnalyzedText.of(ANALYZER, "content", BODY))),
            withOffsets()));
    assertEquals(postings(analysed, "content"), postings(replayed, "content"));
  }
}
