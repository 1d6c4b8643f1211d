package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Measures the passages shown for each query's top hit: how often the first passage holds a
 * highlighted query term, and how long it is. The same hits are also given to Lucene's {@link
 * UnifiedHighlighter} with its default settings, opened on the same index, as the reference.
 */
final class PassageQuality {
  /** The share of hits with a highlighted term in the first passage, and its mean length. */
  record Measure(int hits, double highlightedShare, double meanChars, double meanDistinctTerms) {}

  record Comparison(Measure library, Measure unifiedHighlighterDefaults) {}

  /** How the default formatter marks a match. */
  private static final Pattern BOLD = Pattern.compile("<b>(.*?)</b>");

  private PassageQuality() {}

  /** Compares the passages of each query's top hit in an index already built at the folder. */
  static Comparison measure(TestCollection collection, Path folder) throws IOException {
    Map<String, String> queries = collection.queries();
    Analyzer analyzer = new EnglishAnalyzer();
    QueryBuilder queryBuilder = new QueryBuilder(analyzer);
    Tally library = new Tally();
    Tally reference = new Tally();
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).readOnly().build();
        FSDirectory directory = FSDirectory.open(folder);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      UnifiedHighlighter defaults = UnifiedHighlighter.builder(searcher, analyzer).build();
      for (String text : queries.values()) {
        List<SearchHit> hits;
        try {
          hits = index.search(SearchRequest.of(text).withLimit(1).withMaxPassages(1)).hits();
        } catch (QueryException e) {
          continue;
        }
        if (hits.isEmpty()) {
          continue;
        }
        SearchHit hit = hits.get(0);
        List<Passage> passages = hit.passages();
        library.add(
            passages.isEmpty() ? List.of() : passages.get(0).highlightedTexts(),
            passages.isEmpty() ? 0 : passages.get(0).text().length());

        Query bodyQuery =
            queryBuilder.createBooleanQuery(IndexSchema.BODY, text, BooleanClause.Occur.SHOULD);
        TopDocs section =
            searcher.search(
                ChunkVectors.onlySections(new TermQuery(new Term(IndexSchema.DOC_ID, hit.docId()))),
                1);
        if (bodyQuery == null || section.scoreDocs.length == 0) {
          continue;
        }
        String[] snippets = defaults.highlight(IndexSchema.BODY, bodyQuery, section, 1);
        String snippet = snippets[0] == null ? "" : snippets[0];
        List<String> marked = new ArrayList<>();
        Matcher bold = BOLD.matcher(snippet);
        while (bold.find()) {
          marked.add(bold.group(1));
        }
        reference.add(marked, snippet.replace("<b>", "").replace("</b>", "").length());
      }
    }
    return new Comparison(library.measure(), reference.measure());
  }

  /** Running totals. */
  private static final class Tally {
    int hits;
    int highlighted;
    long chars;
    long distinctTerms;

    void add(List<String> highlightedTexts, int length) {
      hits++;
      highlighted += highlightedTexts.isEmpty() ? 0 : 1;
      chars += length;
      // words, not highlight ranges: one merged range of two words counts two
      Set<String> words = new HashSet<>();
      for (String text : highlightedTexts) {
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+", -1)) {
          if (!word.isEmpty()) {
            words.add(word);
          }
        }
      }
      distinctTerms += words.size();
    }

    Measure measure() {
      return new Measure(
          hits,
          hits == 0 ? 0 : highlighted / (double) hits,
          hits == 0 ? 0 : chars / (double) hits,
          hits == 0 ? 0 : distinctTerms / (double) hits);
    }
  }
}
