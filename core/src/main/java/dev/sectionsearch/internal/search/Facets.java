package dev.sectionsearch.internal.search;

import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts, on the embedded index, the values of metadata keys, and the years of dates, over every
 * match of a query: the facets of {@link dev.sectionsearch.search.SearchResults#facets()}. Counts
 * segment ordinals while collecting and turns them into values once per segment. When counting
 * documents rather than sections, a document counts once per value: its sections are written
 * together, so they stand side by side in one segment and a value is counted again only when the
 * document changes.
 */
final class Facets {
  /** The most values of a key reported, the most frequent first. */
  static final int MAX_VALUES = 100;

  private Facets() {}

  static Map<String, Map<String, Long>> count(
      IndexSearcher searcher, Query query, List<String> keys, boolean documents)
      throws IOException {
    return searcher.search(query, new Manager(keys, documents));
  }

  private static final class Manager
      implements CollectorManager<Counter, Map<String, Map<String, Long>>> {
    private final List<String> keys;
    private final boolean documents;

    Manager(List<String> keys, boolean documents) {
      this.keys = keys;
      this.documents = documents;
    }

    @Override
    public Counter newCollector() {
      return new Counter(keys, documents);
    }

    @Override
    public Map<String, Map<String, Long>> reduce(Collection<Counter> counters) {
      List<Map<String, Long>> totals = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        totals.add(new HashMap<>());
      }
      for (Counter counter : counters) {
        for (int k = 0; k < keys.size(); k++) {
          Map<String, Long> total = totals.get(k);
          counter.totals.get(k).forEach((value, count) -> total.merge(value, count, Long::sum));
        }
      }
      Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        facets.put(keys.get(k), totals.get(k));
      }
      return facets;
    }
  }

  /**
   * The counts of every backend in the order results give them: most frequent first (ties by
   * value), the date facet by year, newest first; at most {@value #MAX_VALUES} values of each key.
   */
  static Map<String, Map<String, Long>> ordered(Map<String, Map<String, Long>> counts) {
    Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
    counts.forEach(
        (key, values) -> ordered.put(key, ordered(values, key.equals(SearchRequest.DATE_FACET))));
    return ordered;
  }

  private static Map<String, Long> ordered(Map<String, Long> counts, boolean years) {
    Comparator<Map.Entry<String, Long>> order =
        years
            ? Map.Entry.<String, Long>comparingByKey().reversed()
            : Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey());
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(order)
        .limit(MAX_VALUES)
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  /** Counts for one search. Used by one thread. */
  private static final class Counter implements Collector {
    private final List<String> keys;
    private final boolean documents;
    private final List<Map<String, Long>> totals = new ArrayList<>();

    Counter(List<String> keys, boolean documents) {
      this.keys = keys;
      this.documents = documents;
      for (int k = 0; k < keys.size(); k++) {
        totals.add(new HashMap<>());
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      List<KeyCounter> counters = new ArrayList<>(keys.size());
      SortedDocValues docIds =
          documents ? DocValues.getSorted(context.reader(), IndexSchema.DOC_ID) : null;
      for (int k = 0; k < keys.size(); k++) {
        String key = keys.get(k);
        counters.add(
            key.equals(SearchRequest.DATE_FACET)
                ? new YearCounter(
                    DocValues.getNumeric(context.reader(), IndexSchema.DATE), totals.get(k))
                : new ValueCounter(
                    DocValues.getSortedSet(context.reader(), IndexSchema.metadataField(key)),
                    totals.get(k)));
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          int document = -1;
          if (docIds != null && docIds.advanceExact(doc)) {
            document = docIds.ordValue();
          }
          for (KeyCounter counter : counters) {
            counter.collect(doc, document);
          }
        }

        @Override
        public void finish() throws IOException {
          for (KeyCounter counter : counters) {
            counter.finish();
          }
        }
      };
    }
  }

  /** Counts one key in one segment. */
  private interface KeyCounter {
    /**
     * Counts a matching section; {@code document} is its document's ordinal in the segment when
     * documents are counted, else -1.
     */
    void collect(int doc, int document) throws IOException;

    /** Adds the segment's counts to the totals. */
    void finish() throws IOException;
  }

  private static final class ValueCounter implements KeyCounter {
    private final SortedSetDocValues values;
    private final Map<String, Long> totals;
    private final long[] counts;
    private final int[] lastDocument;

    ValueCounter(SortedSetDocValues values, Map<String, Long> totals) {
      this.values = values;
      this.totals = totals;
      int size = (int) Math.min(Integer.MAX_VALUE - 8, values.getValueCount());
      this.counts = new long[size];
      this.lastDocument = new int[size];
      java.util.Arrays.fill(lastDocument, -1);
    }

    @Override
    public void collect(int doc, int document) throws IOException {
      if (!values.advanceExact(doc)) {
        return;
      }
      for (int i = 0; i < values.docValueCount(); i++) {
        int ord = (int) values.nextOrd();
        if (document >= 0) {
          if (lastDocument[ord] == document) {
            continue;
          }
          lastDocument[ord] = document;
        }
        counts[ord]++;
      }
    }

    @Override
    public void finish() throws IOException {
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] > 0) {
          totals.merge(values.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
        }
      }
    }
  }

  private static final class YearCounter implements KeyCounter {
    private final NumericDocValues dates;
    private final Map<String, Long> totals;
    private final Map<Integer, Long> counts = new HashMap<>();
    private final Map<Integer, Integer> lastDocument = new HashMap<>();

    YearCounter(NumericDocValues dates, Map<String, Long> totals) {
      this.dates = dates;
      this.totals = totals;
    }

    @Override
    public void collect(int doc, int document) throws IOException {
      if (!dates.advanceExact(doc)) {
        return;
      }
      int year = LocalDate.ofEpochDay(dates.longValue()).getYear();
      if (document >= 0 && lastDocument.getOrDefault(year, -1) == document) {
        return;
      }
      lastDocument.put(year, document);
      counts.merge(year, 1L, Long::sum);
    }

    @Override
    public void finish() {
      counts.forEach((year, count) -> totals.merge(String.valueOf(year), count, Long::sum));
    }
  }
}
