package dev.sectionsearch.cli;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.opensearch.OpenSearchSectionIndex;
import picocli.CommandLine.Option;

/**
 * The {@code --opensearch URL} option of the commands that work on either backend: with it, {@code
 * --index} names an index on that OpenSearch cluster rather than a folder.
 */
final class ClusterOption {
  @Option(
      names = "--opensearch",
      paramLabel = "URL",
      description = {
        "Use the index on an OpenSearch cluster at URL (several nodes comma-separated);"
            + " --index then names the OpenSearch index. Credentials: https://USER:PASSWORD@host"
            + " or SECTIONSEARCH_OPENSEARCH_USER and SECTIONSEARCH_OPENSEARCH_PASSWORD."
      })
  String url;

  boolean isSet() {
    return url != null;
  }

  /**
   * The OpenSearch index named by {@code --index}.
   *
   * @param mustExist whether a missing index is an error (searching, counting, deleting) rather
   *     than one to create (indexing)
   */
  SectionIndex open(IndexFolder index, boolean mustExist, Integer threads) {
    return open(index, mustExist, threads, null);
  }

  /**
   * @param embedder the model of an index made with {@code --semantic}, or null
   */
  SectionIndex open(IndexFolder index, boolean mustExist, Integer threads, Embedder embedder) {
    OpenSearchSectionIndex.Builder builder = builder(index);
    if (mustExist) {
      builder.mustExist();
    }
    if (threads != null) {
      builder.indexingThreads(threads);
    }
    if (embedder != null) {
      builder.embedder(embedder);
    }
    return builder.build();
  }

  private OpenSearchSectionIndex.Builder builder(IndexFolder index) {
    OpenSearchSectionIndex.Builder builder =
        OpenSearchSectionIndex.builder().urls(url).index(index.folder.toString());
    String user = System.getenv("SECTIONSEARCH_OPENSEARCH_USER");
    // a password in the URL wins; from the environment it stays out of the process list
    if (user != null && !user.isEmpty() && !url.contains("@")) {
      String password = System.getenv("SECTIONSEARCH_OPENSEARCH_PASSWORD");
      builder.credentials(user, password == null ? "" : password);
    }
    return builder;
  }

  /**
   * The index the searching commands ({@code search}, {@code serve}, {@code mcp}) read: the one on
   * the cluster when {@code --opensearch} is given, else the folder, read-only.
   */
  SectionIndex openToSearch(IndexFolder index) {
    return isSet()
        // hybrid on an index made with --semantic, as on a folder
        ? openCluster(index)
        : EmbeddedIndex.builder()
            .folder(index.folder)
            .readOnly()
            // hybrid on an index made with --semantic; the model loads only when the index has
            // vectors and a search needs one
            .embedder(BundledModel.create())
            .build();
  }

  private SectionIndex openCluster(IndexFolder index) {
    return builder(index).readOnly().embedder(BundledModel.create()).build();
  }
}
