package dev.sectionsearch.internal.suggest;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;

/**
 * Completions of what a person has typed so far, for a search-as-you-type box: titles and headings
 * that start with it, and frequent words of the sections that complete its last word.
 *
 * <p>The stored text is read once per segment (the index's terms are stems, not words a person
 * would type) and kept while the segment lives, so a completion is a binary search and a scan of
 * the matching entries. Thread-safe.
 */
public final class Suggester {
  /** The longest prefix completed, in characters: longer input gets no suggestions. */
  public static final int MAX_PREFIX_CHARS = 256;

  /**
   * A title or heading counts this many times per section it names, so that a heading that starts
   * with the prefix comes before a word the sections merely use.
   */
  private static final int PHRASE_WEIGHT = 3;

  /** Shortest word suggested: one or two letters complete nothing worth a suggestion. */
  private static final int MIN_WORD_CHARS = 3;

  private static final int MAX_WORD_CHARS = 40;

  private static final int MAX_PHRASE_CHARS = 120;

  /** A word in one section only is as often a typo as a word worth suggesting. */
  private static final int MIN_WORD_SECTIONS = 2;

  private static final Set<String> STORED =
      Set.of(IndexSchema.TITLE, IndexSchema.HEADING, IndexSchema.BODY);

  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** Each live segment's entries, by the segment's reader key (which changes on deletions). */
  private final Map<Object, Segment> segments = new HashMap<>();

  /** The last reader's merged entries: most completions come from the current view. */
  private Lexicon last;

  private Object lastKey;

  /**
   * Up to {@code limit} completions of {@code input}, best first: titles and headings that start
   * with it, then the input with its last word completed by frequent words. Empty for blank or
   * overlong input.
   */
  public List<String> suggest(IndexReader reader, String input, int limit) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    String typed = normalize(input);
    if (typed.isEmpty() || input.length() > MAX_PREFIX_CHARS) {
      return List.of();
    }
    Lexicon lexicon = lexicon(reader);
    Map<String, String> found = new LinkedHashMap<>();
    for (int i : lexicon.phrases.top(typed, limit)) {
      found.putIfAbsent(lexicon.phrases.keys[i], lexicon.phrases.shown[i]);
    }
    int space = typed.lastIndexOf(' ');
    String head = typed.substring(0, space + 1);
    String last = typed.substring(space + 1);
    if (!last.isEmpty() && found.size() < limit) {
      // the words before the last as typed, capitals and all
      String asTyped = input.replaceAll("\\s+", " ").stripLeading();
      String shownHead =
          asTyped.length() == typed.length() ? asTyped.substring(0, space + 1) : head;
      for (int i : lexicon.words.top(last, limit)) {
        if (found.size() >= limit) {
          break;
        }
        found.putIfAbsent(head + lexicon.words.keys[i], shownHead + lexicon.words.shown[i]);
      }
    }
    return List.copyOf(found.values());
  }

  /** Lower case, inner runs of spaces as one, leading spaces off; a trailing space is kept. */
  static String normalize(String input) {
    return input.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").stripLeading();
  }

  private synchronized Lexicon lexicon(IndexReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    Object key = helper == null ? null : helper.getKey();
    if (key != null && key == lastKey) {
      return last;
    }
    Map<Object, Segment> live = new HashMap<>();
    List<Segment> parts = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      IndexReader.CacheHelper leafHelper = leaf.reader().getReaderCacheHelper();
      Object leafKey = leafHelper == null ? leaf : leafHelper.getKey();
      Segment segment = segments.get(leafKey);
      if (segment == null) {
        segment = Segment.read(leaf.reader());
      }
      live.put(leafKey, segment);
      parts.add(segment);
    }
    // segments merged away or replaced by their next version are dropped with the old view
    segments.clear();
    segments.putAll(live);
    Lexicon lexicon = Lexicon.merge(parts);
    last = lexicon;
    lastKey = key;
    return lexicon;
  }

  /** What one segment's sections hold: each title, heading and word, with its section count. */
  private static final class Segment {
    final Map<String, Entry> phrases = new HashMap<>();
    final Map<String, Entry> words = new HashMap<>();

    static Segment read(LeafReader reader) throws IOException {
      Segment segment = new Segment();
      StoredFields stored = reader.storedFields();
      Bits live = reader.getLiveDocs();
      Set<String> seen = new HashSet<>();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        Document section = stored.document(doc, STORED);
        String title = section.get(IndexSchema.TITLE);
        if (title == null) {
          continue; // a chunk of a section's text (semantic search), not a section
        }
        String heading = section.get(IndexSchema.HEADING);
        addPhrase(segment.phrases, title);
        if (heading != null && !heading.equalsIgnoreCase(title)) {
          addPhrase(segment.phrases, heading);
        }
        seen.clear();
        addWords(segment.words, seen, title);
        if (heading != null) {
          addWords(segment.words, seen, heading);
        }
        String body = section.get(IndexSchema.BODY);
        if (body != null) {
          addWords(segment.words, seen, body);
        }
      }
      return segment;
    }

    private static void addPhrase(Map<String, Entry> phrases, String text) {
      String shown = text.strip().replaceAll("\\s+", " ");
      if (shown.isEmpty() || shown.length() > MAX_PHRASE_CHARS) {
        return;
      }
      phrases
          .computeIfAbsent(shown.toLowerCase(Locale.ROOT), key -> new Entry(shown))
          .add(shown, PHRASE_WEIGHT);
    }

    /** Counts each word once per section ({@code seen} holds the section's words so far). */
    private static void addWords(Map<String, Entry> words, Set<String> seen, String text) {
      int length = text.length();
      int i = 0;
      while (i < length) {
        while (i < length && !Character.isLetterOrDigit(text.charAt(i))) {
          i++;
        }
        int start = i;
        boolean letter = false;
        while (i < length && Character.isLetterOrDigit(text.charAt(i))) {
          letter |= Character.isLetter(text.charAt(i));
          i++;
        }
        int chars = i - start;
        if (!letter || chars < MIN_WORD_CHARS || chars > MAX_WORD_CHARS) {
          continue;
        }
        String word = text.substring(start, i);
        String key = word.toLowerCase(Locale.ROOT);
        if (STOP_WORDS.contains(key) || !seen.add(key)) {
          continue;
        }
        words.computeIfAbsent(key, k -> new Entry(word)).add(word, 1);
      }
    }
  }

  /**
   * A suggestion's count and how it is shown: in lower case when the text ever writes it so (a
   * capital at the start of a sentence does not make a word a name), else as first written.
   */
  private static final class Entry {
    String shown;
    int weight;

    Entry(String shown) {
      this.shown = shown;
    }

    void add(String written, int weight) {
      this.weight += weight;
      prefer(written);
    }

    void prefer(String written) {
      if (!shown.equals(written) && written.equals(written.toLowerCase(Locale.ROOT))) {
        shown = written;
      }
    }
  }

  /** The entries of every segment of one view, sorted by key for prefix ranges. */
  private static final class Lexicon {
    final Sorted phrases;
    final Sorted words;

    Lexicon(Sorted phrases, Sorted words) {
      this.phrases = phrases;
      this.words = words;
    }

    static Lexicon merge(List<Segment> segments) {
      TreeMap<String, Entry> phrases = new TreeMap<>();
      TreeMap<String, Entry> words = new TreeMap<>();
      for (Segment segment : segments) {
        mergeInto(phrases, segment.phrases);
        mergeInto(words, segment.words);
      }
      words.values().removeIf(entry -> entry.weight < MIN_WORD_SECTIONS);
      return new Lexicon(new Sorted(phrases), new Sorted(words));
    }

    private static void mergeInto(SortedMap<String, Entry> into, Map<String, Entry> from) {
      from.forEach(
          (key, entry) -> {
            Entry merged = into.computeIfAbsent(key, k -> new Entry(entry.shown));
            merged.weight += entry.weight;
            merged.prefer(entry.shown);
          });
    }
  }

  /** Keys in order, with how each is shown and its weight. */
  private static final class Sorted {
    final String[] keys;
    final String[] shown;
    final int[] weights;

    Sorted(SortedMap<String, Entry> entries) {
      keys = new String[entries.size()];
      shown = new String[entries.size()];
      weights = new int[entries.size()];
      int i = 0;
      for (Map.Entry<String, Entry> entry : entries.entrySet()) {
        keys[i] = entry.getKey();
        shown[i] = entry.getValue().shown;
        weights[i] = entry.getValue().weight;
        i++;
      }
    }

    /** The indexes of the heaviest keys starting with {@code prefix}, heaviest first. */
    List<Integer> top(String prefix, int limit) {
      int from = lowerBound(prefix);
      // most heavy first; among equals the shorter, then the first in order
      PriorityQueue<Integer> best =
          new PriorityQueue<>(
              limit + 1,
              (a, b) ->
                  weights[a] != weights[b]
                      ? Integer.compare(weights[a], weights[b])
                      : keys[a].length() != keys[b].length()
                          ? Integer.compare(keys[b].length(), keys[a].length())
                          : Integer.compare(b, a));
      for (int i = from; i < keys.length && keys[i].startsWith(prefix); i++) {
        best.add(i);
        if (best.size() > limit) {
          best.poll();
        }
      }
      Integer[] order = best.toArray(new Integer[0]);
      Arrays.sort(order, best.comparator().reversed());
      return Arrays.asList(order);
    }

    private int lowerBound(String prefix) {
      int found = Arrays.binarySearch(keys, prefix);
      return found >= 0 ? found : -found - 1;
    }
  }
}
