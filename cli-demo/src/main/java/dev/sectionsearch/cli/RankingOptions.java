package dev.sectionsearch.cli;

import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.Synonyms;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --synonyms FILE} and {@code --recency DAYS} options of the searching commands ({@code
 * search}, {@code serve}, {@code mcp}): read and checked once, then applied to every request.
 */
final class RankingOptions {
  @Option(
      names = "--synonyms",
      paramLabel = "FILE",
      description =
          "A synonym file in Solr's format (a, b, c and a => b lines): query words also find"
              + " their synonyms, ranked below the words themselves.")
  Path synonymsFile;

  @Option(
      names = "--recency",
      paramLabel = "DAYS",
      description =
          "Rank newer sections higher: scores times 1 + 0.5^(age/DAYS); undated sections keep"
              + " their score.")
  Integer recency;

  private Synonyms synonyms;

  /**
   * Checks the options and reads the synonym file, refusing what cannot be used with a message that
   * names the option as typed. Call once, before the first {@link #apply}.
   */
  void check(CommandLine commandLine) {
    if (recency != null && recency < 1) {
      throw new CommandLine.ParameterException(
          commandLine, "--recency must be at least 1 day: " + recency);
    }
    if (synonymsFile != null && synonyms == null) {
      synonyms = read(commandLine, synonymsFile);
    }
  }

  /** The request with the synonyms and the recency boost given, if any. */
  SearchRequest apply(SearchRequest request) {
    if (synonymsFile != null && synonyms == null) {
      throw new IllegalStateException("check() first");
    }
    SearchRequest applied = request;
    if (synonyms != null) {
      applied = applied.withSynonyms(synonyms);
    }
    if (recency != null) {
      applied = applied.withRecency(Duration.ofDays(recency));
    }
    return applied;
  }

  private static Synonyms read(CommandLine commandLine, Path file) {
    try {
      return Synonyms.read(file);
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(
          commandLine, "synonyms file " + file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new CommandLine.ParameterException(
          commandLine, "synonyms file " + file + ": not UTF-8 text");
    } catch (AccessDeniedException e) {
      throw new CommandLine.ParameterException(
          commandLine, "synonyms file " + file + ": permission denied");
    } catch (IOException e) {
      // such as a folder ("Is a directory") or a file that is not UTF-8
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CommandLine.ParameterException(
          commandLine, "synonyms file " + file + " cannot be read: " + reason);
    } catch (IllegalArgumentException e) {
      // names the file and the line of the rule
      throw new CommandLine.ParameterException(commandLine, "--synonyms " + e.getMessage());
    }
  }
}
