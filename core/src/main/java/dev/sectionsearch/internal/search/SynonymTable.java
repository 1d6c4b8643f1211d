package dev.sectionsearch.internal.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * A synonym file in Solr's format read with one analyzer: for each sequence of analysed terms, the
 * analysed term sequences it also matches. Lucene's {@link SolrSynonymParser} reads the rules
 * ({@code a, b, c} equivalents, {@code a => b} explicit mappings, {@code #} comments, escapes);
 * each entry is analysed with the index's analyzer, so that stems match. Entries that analyse to no
 * term (stop words only) are left out; stop words inside a multi-word entry are gaps its phrase
 * allows.
 *
 * <p>The expansion itself is done on the query's clauses ({@link QueryPlan}), not by a token
 * filter, so that every backend searches the same expanded plan.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SynonymTable {
  /**
   * One analysed entry a query's words also match.
   *
   * @param terms the entry's analysed terms, in order (one term, or a phrase)
   * @param slop how many positions the phrase may stretch: the stop words removed inside it
   */
  public record Entry(List<String> terms, int slop) {
    /** Copies the terms. */
    public Entry {
      terms = List.copyOf(terms);
    }
  }

  private final Map<List<String>, Set<Entry>> rules;
  private final int longestInput;

  private SynonymTable(Map<List<String>, Set<Entry>> rules) {
    Map<List<String>, Set<Entry>> copy = new HashMap<>();
    int longest = 0;
    for (Map.Entry<List<String>, Set<Entry>> rule : rules.entrySet()) {
      copy.put(List.copyOf(rule.getKey()), java.util.Collections.unmodifiableSet(rule.getValue()));
      longest = Math.max(longest, rule.getKey().size());
    }
    this.rules = copy;
    this.longestInput = longest;
  }

  /**
   * Reads the rules of a synonym file with an analyzer.
   *
   * @param name the file's name, for errors
   * @throws IllegalArgumentException naming the file and line of a rule that cannot be read
   */
  public static SynonymTable read(String text, String name, Analyzer analyzer) {
    Map<List<String>, Set<Entry>> rules = new HashMap<>();
    Map<String, Integer> slops = new HashMap<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      Parser parser = new Parser(analyzer, rules, slops);
      try {
        parser.parse(new StringReader(line));
      } catch (ParseException | IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new IllegalArgumentException(
            name + " line " + (i + 1) + ": " + cause.getMessage() + ": " + line.strip(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SynonymTable(rules);
  }

  /** Whether the table has no rules. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The most terms of one rule's input. */
  int longestInput() {
    return longestInput;
  }

  /** What a sequence of analysed terms also matches; empty when no rule has it as input. */
  Set<Entry> lookup(List<String> terms) {
    return rules.getOrDefault(terms, Set.of());
  }

  /**
   * The clauses with the synonyms of their words: each plain word (required or not) that is the
   * input of a rule, and each longest run of optional plain words that together are, also match the
   * rule's entries (a run becomes one clause, which matches any of its words as before). Runs may
   * hold stop words (a rule's input has none).
   */
  List<QueryParsing.Clause> expand(List<QueryParsing.Clause> clauses, Analyzer analyzer) {
    List<QueryParsing.Clause> expanded = new ArrayList<>(clauses.size());
    int i = 0;
    while (i < clauses.size()) {
      QueryParsing.Clause first = clauses.get(i);
      int end = -1;
      Set<Entry> found = Set.of();
      if (eligible(first)) {
        List<String> terms = new ArrayList<>();
        for (int j = i; j < clauses.size(); j++) {
          QueryParsing.Clause clause = clauses.get(j);
          if (!eligible(clause)
              || (j > i
                  && (clause.occurrence() != QueryPlan.Occurrence.SHOULD
                      || first.occurrence() != QueryPlan.Occurrence.SHOULD))) {
            break;
          }
          List<String> own = QueryShortening.terms(analyzer, clause.text());
          if (own.isEmpty()) {
            if (j == i) {
              break;
            }
            continue;
          }
          terms.addAll(own);
          if (terms.size() > longestInput) {
            break;
          }
          Set<Entry> entries = lookup(terms);
          if (!entries.isEmpty()) {
            end = j;
            found = entries;
          }
        }
      }
      if (end < 0) {
        expanded.add(first);
        i++;
        continue;
      }
      List<String> words = new ArrayList<>();
      List<QueryParsing.Alternative> alternatives = new ArrayList<>();
      for (int j = i; j <= end; j++) {
        words.add(clauses.get(j).text());
        alternatives.addAll(clauses.get(j).alternatives());
      }
      List<QueryPlan.Synonym> synonyms = new ArrayList<>();
      for (Entry entry : found) {
        synonyms.add(new QueryPlan.Synonym(entry.terms(), entry.slop(), QueryPlan.SYNONYM_WEIGHT));
      }
      expanded.add(
          new QueryParsing.Clause(
              QueryPlan.Kind.WORD,
              String.join(" ", words),
              first.occurrence(),
              alternatives,
              synonyms));
      i = end + 1;
    }
    return expanded;
  }

  private static boolean eligible(QueryParsing.Clause clause) {
    return clause.kind() == QueryPlan.Kind.WORD
        && clause.occurrence() != QueryPlan.Occurrence.MUST_NOT;
  }

  /**
   * Records the parser's pairs in the table instead of an FST: every entry with its analysed terms
   * and the gaps stop words leave in it.
   */
  private static final class Parser extends SolrSynonymParser {
    private final Analyzer analyzer;
    private final Map<List<String>, Set<Entry>> rules;
    private final Map<String, Integer> slops;

    Parser(Analyzer analyzer, Map<List<String>, Set<Entry>> rules, Map<String, Integer> slops) {
      super(true, true, analyzer);
      this.analyzer = analyzer;
      this.rules = rules;
      this.slops = slops;
    }

    @Override
    public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
      if (text.isBlank()) {
        throw new IllegalArgumentException("an empty entry");
      }
      List<String> terms = new ArrayList<>();
      int gaps = 0;
      try (TokenStream stream = analyzer.tokenStream("", text)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment =
            stream.addAttribute(PositionIncrementAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          if (term.length() == 0) {
            continue;
          }
          if (!terms.isEmpty()) {
            if (increment.getPositionIncrement() == 0) {
              // a token at the same position (a synonym of the analyzer's own): the first counts
              continue;
            }
            gaps += increment.getPositionIncrement() - 1;
          }
          terms.add(term.toString());
        }
        stream.end();
      }
      // an entry of stop words only has nothing to search: an empty entry, left out by add
      CharsRef joined = SynonymMap.Builder.join(terms.toArray(String[]::new), reuse);
      slops.put(joined.toString(), gaps);
      return joined;
    }

    @Override
    public void add(CharsRef input, CharsRef output, boolean includeOrig) {
      List<String> from = words(input);
      List<String> to = words(output);
      if (from.isEmpty() || to.isEmpty() || from.equals(to)) {
        return;
      }
      rules
          .computeIfAbsent(from, k -> new LinkedHashSet<>())
          .add(new Entry(to, slops.getOrDefault(output.toString(), 0)));
    }

    private static List<String> words(CharsRef joined) {
      if (joined.length == 0) {
        return List.of();
      }
      return Arrays.asList(joined.toString().split(String.valueOf(SynonymMap.WORD_SEPARATOR), -1));
    }
  }
}
