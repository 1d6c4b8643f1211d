package dev.sectionsearch.cli;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search}: runs a query and prints the best sections with highlighted passages. */
@Command(
    name = "search",
    versionProvider = Main.Version.class,
    description = {
      "Search an index. Words (any may match), \"phrases\", -excluded, +required, a OR b,"
          + " prefix*."
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // no -h or -V: picocli would read "-hamas" (exclude "hamas") as -h followed by "amas"
  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", versionHelp = true, description = "Print version and exit.")
  boolean version;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "The most hits to show (default: 10; with --queries, 1000 documents a query).")
  Integer limit;

  @Option(
      names = "--since",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "Only sections dated on or after this day.")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "Only sections dated on or before this day.")
  LocalDate until;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      converter = SortOrderConverter.class,
      description = "relevance, newest or oldest (default: ${DEFAULT-VALUE}).")
  SortOrder sort;

  @Option(names = "--collapse", description = "Show only the best section of each document.")
  boolean collapse;

  @Option(
      names = "--passages",
      paramLabel = "N",
      defaultValue = "" + SearchRequest.DEFAULT_MAX_PASSAGES,
      description = "The most passages per hit (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      converter = SearchModeConverter.class,
      description =
          "lexical (by words), semantic (by meaning) or hybrid (both); default: hybrid on an"
              + " index made with --semantic, else lexical.")
  SearchMode mode;

  @Option(
      names = "--no-typos",
      description =
          "Search the words as typed: no matches for the indexed words nearest misspelt ones,"
              + " no 'Did you mean'.")
  boolean noTypos;

  @Mixin RankingOptions ranking;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--explain",
      description =
          "Show why each hit matched and ranked: what each word added in each field, boosts,"
              + " the recency factor, the semantic side and the fusion.")
  boolean explain;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Show the page after this cursor (printed by the previous page).")
  String after;

  @Option(
      names = "--filter",
      paramLabel = "KEY=VALUE",
      description =
          "Only sections whose document has this metadata value; repeat for more values (any"
              + " value of a key, every key).")
  List<String> filters;

  @Option(
      names = "--facet",
      paramLabel = "KEY",
      description =
          "Count the values of a metadata key over all matches ('date' counts years);"
              + " repeatable.")
  List<String> facets;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description = "Run every query of a file (one 'id<TAB>text' a line) and write a TREC run.")
  Path queries;

  @Option(
      names = "--run",
      paramLabel = "OUT",
      description = "With --queries: the TREC run file to write (qid Q0 docid rank score tag).")
  Path run;

  @Option(
      names = "--run-docid",
      paramLabel = "FORM",
      defaultValue = "id",
      description =
          "With --queries: 'id' writes document ids; 'stem' writes the file name without its"
              + " extension (CACM-0001.html -> CACM-0001), as test collections name documents.")
  String runDocId;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query words.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    boolean batch = queries != null;
    if (batch && words != null && !words.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either query words or --queries FILE, not both");
    }
    if (batch) {
      if (run == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--queries needs --run OUT");
      }
      if (!runDocId.equals("id") && !runDocId.equals("stem")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "'" + runDocId + "' is not a --run-docid form (id or stem)");
      }
      Optional<String> refusal =
          BatchSearch.refusal(
              run, queries, cluster.isSet() ? Optional.empty() : Optional.of(index.folder));
      if (refusal.isPresent()) {
        throw new CommandLine.ParameterException(spec.commandLine(), refusal.get());
      }
      return new BatchSearch(
              () -> cluster.openToSearch(index),
              limit == null ? BatchSearch.DEPTH : limit,
              runDocId.equals("stem"),
              Optional.ofNullable(mode),
              !noTypos,
              cluster.isSet()
                  ? BatchSearch.CLUSTER_THREADS
                  : Math.min(4, Runtime.getRuntime().availableProcessors()))
          .run(queries, run, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    SearchRequest request =
        SearchRequest.of(words == null ? "" : String.join(" ", words))
            .withLimit(limit == null ? SearchRequest.DEFAULT_LIMIT : limit)
            .withSort(sort)
            .withCollapse(collapse)
            .withMaxPassages(passages)
            // one query per process: an exact count costs little here, and the JSON promises one
            .withExactTotal(true);
    if (mode != null) {
      request = request.withMode(mode);
    }
    if (noTypos) {
      request = request.withTypoTolerance(false);
    }
    request = ranking.apply(request);
    if (explain) {
      request = request.withExplain(true);
    }
    if (since != null) {
      request = request.withSince(since);
    }
    if (until != null) {
      request = request.withUntil(until);
    }
    if (after != null) {
      request = request.withAfter(after);
    }
    for (String filter : filters == null ? List.<String>of() : filters) {
      int equals = filter.indexOf('=');
      if (equals <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--filter takes KEY=VALUE, not '" + filter + "'");
      }
      request = request.withFilter(filter.substring(0, equals), filter.substring(equals + 1));
    }
    if (facets != null) {
      request = request.withFacets(facets.toArray(String[]::new));
    }
    SearchResults results;
    try (SectionIndex sectionIndex = cluster.openToSearch(index)) {
      results = sectionIndex.search(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.results(results));
    } else {
      print(out, results, Terminal.colour());
      // beside the hits, not among them: a note says how the query was read
      results
          .notes()
          .forEach(
              note -> spec.commandLine().getErr().println("Note: " + Terminal.safe(note) + "."));
    }
    return 0;
  }

  /**
   * Refuses option values the library would refuse, naming the option as the user typed it, and
   * unknown {@code --options} (see {@link Main#unknownLongOption}).
   */
  private void checkOptions() {
    CommandLine commandLine = spec.commandLine();
    if (limit != null && (limit < 1 || limit > SearchRequest.MAX_LIMIT)) {
      throw new CommandLine.ParameterException(
          commandLine, "--limit must be 1 to " + SearchRequest.MAX_LIMIT + ": " + limit);
    }
    if (passages < 0 || passages > SearchRequest.MAX_PASSAGES) {
      throw new CommandLine.ParameterException(
          commandLine, "--passages must be 0 to " + SearchRequest.MAX_PASSAGES + ": " + passages);
    }
    ranking.check(commandLine);
    if (since != null && until != null && since.isAfter(until)) {
      throw new CommandLine.ParameterException(
          commandLine, "--since " + since + " is after --until " + until);
    }
    Main.unknownLongOption(commandLine, commandLine.getParseResult().originalArgs())
        .ifPresent(
            unknown -> {
              throw unknown;
            });
  }

  private static void print(PrintWriter out, SearchResults results, boolean colour) {
    // first: the hits below already include the corrected words' matches
    results
        .didYouMean()
        .ifPresent(corrected -> out.println("Did you mean: " + Terminal.safe(corrected) + "\n"));
    List<SearchHit> hits = results.hits();
    for (int i = 0; i < hits.size(); i++) {
      SearchHit hit = hits.get(i);
      String heading = hit.heading().isEmpty() ? "" : " > " + String.join(" > ", hit.headingPath());
      out.printf(Locale.ROOT, "%d. %s%n", i + 1, Terminal.safe(hit.title() + heading));
      out.printf(
          Locale.ROOT,
          "   %s%s | %s | score %.2f%n",
          Terminal.safe(hit.docId()),
          hit.page().isPresent() ? " | page " + hit.page().getAsInt() : "",
          hit.date().map(LocalDate::toString).orElse("no date"),
          hit.score());
      for (Passage passage : hit.passages()) {
        // a passage chosen by meaning holds few of the query's words: say why it is shown
        String text = (passage.semantic() ? "~ " : "") + Terminal.passage(passage, colour);
        out.println("   " + text.replace("\n", "\n   "));
      }
      hit.explanation()
          .ifPresent(
              explanation -> {
                out.println("   Why:");
                for (String line : explanation.toText().split("\n", -1)) {
                  if (!line.isEmpty()) {
                    out.println("     " + Terminal.safe(line));
                  }
                }
              });
      out.println();
    }
    long total = results.totalHits();
    String unit = results.hits().isEmpty() || total != 1 ? " matches" : " match";
    if (!results.totalHitsExact()) {
      // semantic and hybrid searches rank a bounded set of candidates: the total counts those
      out.println("Showing " + hits.size() + " of " + total + " candidates.");
    } else {
      out.println(
          hits.size() < total
              ? "Showing " + hits.size() + " of " + total + unit + "."
              : total + unit + ".");
    }
    results
        .facets()
        .forEach(
            (key, counts) -> {
              StringBuilder line = new StringBuilder(key).append(':');
              counts.forEach(
                  (value, count) ->
                      line.append(String.format(Locale.ROOT, " %s (%d)", value, count)));
              // keys and values come from the indexed files: escaped like every printed field
              out.println(Terminal.safe(line.toString()));
            });
    results.nextCursor().ifPresent(cursor -> out.println("More: --after " + cursor));
  }
}
