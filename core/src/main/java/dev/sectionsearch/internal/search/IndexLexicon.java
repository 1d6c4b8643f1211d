package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The terms of a Lucene section index's scored field, for {@link Typos}: frequencies from the term
 * dictionary, near terms from Lucene's Levenshtein automata ({@link FuzzyTermsEnum}), and the word
 * a term was made from from the stored text of a section that holds it. Not thread-safe; one per
 * search.
 */
final class IndexLexicon implements Typos.Lexicon {
  /** Near terms read at most per query term: bounds the cost of two typos in a large index. */
  private static final int MAX_NEAR = 512;

  /** Sections read at most to find the written form of a term. */
  private static final int MAX_SECTIONS_READ = 3;

  /** Characters of a section's text analysed at most to find the written form of a term. */
  private static final int MAX_CHARS_READ = 200_000;

  private static final Set<String> TEXT_FIELDS =
      Set.of(IndexSchema.TITLE, IndexSchema.HEADING_PATH, IndexSchema.BODY);

  private final IndexReader reader;
  private final Analyzer analyzer;

  IndexLexicon(IndexReader reader, Analyzer analyzer) {
    this.reader = reader;
    this.analyzer = analyzer;
  }

  @Override
  public long docFreq(String term) throws IOException {
    return reader.docFreq(new Term(IndexSchema.CONTENT, term));
  }

  @Override
  public List<Typos.Near> near(String term, int maxEdits) throws IOException {
    Terms terms = MultiTerms.getTerms(reader, IndexSchema.CONTENT);
    List<Typos.Near> near = new ArrayList<>();
    if (terms == null) {
      return near;
    }
    // no common prefix required: a typo in the first letter is a typo like any other
    FuzzyTermsEnum fuzzy =
        new FuzzyTermsEnum(terms, new Term(IndexSchema.CONTENT, term), maxEdits, 0, true);
    for (BytesRef next = fuzzy.next();
        next != null && near.size() < MAX_NEAR;
        next = fuzzy.next()) {
      near.add(new Typos.Near(next.utf8ToString(), fuzzy.docFreq()));
    }
    return near;
  }

  @Override
  public Optional<String> word(String term, String typed) throws IOException {
    Map<String, Integer> forms = new HashMap<>();
    int read = 0;
    BytesRef bytes = new BytesRef(term);
    for (LeafReaderContext leaf : reader.leaves()) {
      PostingsEnum postings = leaf.reader().postings(new Term(IndexSchema.CONTENT, bytes));
      if (postings == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = postings.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS && read < MAX_SECTIONS_READ;
          doc = postings.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        read++;
        Document stored = leaf.reader().storedFields().document(doc, TEXT_FIELDS);
        for (String field :
            List.of(IndexSchema.TITLE, IndexSchema.HEADING_PATH, IndexSchema.BODY)) {
          for (String text : stored.getValues(field)) {
            collectForms(term, text, forms);
          }
        }
      }
      if (read >= MAX_SECTIONS_READ) {
        break;
      }
    }
    return forms.entrySet().stream()
        .min(
            java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(
                    form -> Typos.distance(typed, form.getKey()))
                .thenComparing(Map.Entry::getValue, java.util.Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey);
  }

  /** Counts the written forms of the term in the text, in lower case. */
  private void collectForms(String term, String text, Map<String, Integer> forms)
      throws IOException {
    String head = text.length() > MAX_CHARS_READ ? text.substring(0, MAX_CHARS_READ) : text;
    try (TokenStream stream = analyzer.tokenStream(IndexSchema.CONTENT, head)) {
      CharTermAttribute analysed = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.contentEquals(analysed)) {
          int start = Math.min(offset.startOffset(), head.length());
          int end = Math.min(offset.endOffset(), head.length());
          forms.merge(head.substring(start, end).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
      stream.end();
    }
  }
}
