package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * A fixed, seeded sample of queries drawn from the corpus's headings, the words people search
 * documentation for: 1 to 3 consecutive heading words, and some two-word quoted phrases. The same
 * list goes to every system.
 */
final class QuerySample {
  /** The share of queries that are quoted phrases. */
  private static final double PHRASE_SHARE = 0.15;

  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** The seed of the sample every benchmark draws unless told otherwise. */
  static final long DEFAULT_SEED = 20261125L;

  private QuerySample() {}

  static List<Engine.Query> draw(Path sectionFile, int count, long seed) {
    List<List<String>> headings = new ArrayList<>();
    SectionFile.forEach(
        sectionFile,
        1,
        document -> {
          for (CorpusSection section : document.sections()) {
            List<String> words = words(section.heading());
            if (!words.isEmpty()) {
              headings.add(words);
            }
          }
        });
    if (headings.isEmpty()) {
      throw new IllegalStateException("no headings with words in " + sectionFile);
    }
    Random random = new Random(seed);
    Map<String, Engine.Query> queries = new LinkedHashMap<>();
    // a small corpus may not have enough distinct queries; stop trying after a while
    for (int tries = 0; queries.size() < count && tries < count * 100; tries++) {
      List<String> words = headings.get(random.nextInt(headings.size()));
      boolean phrase = words.size() >= 2 && random.nextDouble() < PHRASE_SHARE;
      int length = phrase ? 2 : Math.min(words.size(), 1 + random.nextInt(3));
      int from = random.nextInt(words.size() - length + 1);
      List<String> picked = List.copyOf(words.subList(from, from + length));
      Engine.Query query = new Engine.Query(picked, phrase);
      queries.putIfAbsent(query.luceneSyntax(), query);
    }
    return new ArrayList<>(queries.values());
  }

  /** The heading's words of three or more ASCII letters that are not stop words, lower-cased. */
  static List<String> words(String heading) {
    List<String> words = new ArrayList<>();
    for (String word : heading.split("[^A-Za-z]+", -1)) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.length() >= 3 && !STOP_WORDS.contains(lower)) {
        words.add(lower);
      }
    }
    return words;
  }

  static void write(List<Engine.Query> queries, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      lines.add((i + 1) + "\t" + queries.get(i).luceneSyntax());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
