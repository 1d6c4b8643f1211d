package dev.sectionsearch.cli;

import dev.sectionsearch.SectionIndex;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code suggest}: completions of a prefix, as a search-as-you-type box shows them. */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    description = {
      "Complete what a search box holds so far: titles and headings that start with PREFIX, then"
          + " its last word completed by frequent words."
    })
final class SuggestCommand implements Callable<Integer> {
  /** The most suggestions asked for at once. */
  static final int MAX_LIMIT = 100;

  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "The most suggestions (default: ${DEFAULT-VALUE}, at most 100).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Parameters(paramLabel = "PREFIX", arity = "1..*", description = "What has been typed so far.")
  List<String> words;

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
    String prefix = String.join(" ", words);
    List<String> suggestions;
    try (SectionIndex sectionIndex = cluster.openToSearch(index)) {
      suggestions = sectionIndex.suggest(prefix, limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.suggestions(prefix, suggestions));
      return 0;
    }
    for (String suggestion : suggestions) {
      out.println(Terminal.safe(suggestion));
    }
    return 0;
  }
}
