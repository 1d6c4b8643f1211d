package dev.sectionsearch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option every command shares. */
final class IndexFolder {
  @Option(
      names = "--index",
      required = true,
      paramLabel = "DIR",
      description = "The index folder (with --opensearch, the index name).")
  Path folder;
}
