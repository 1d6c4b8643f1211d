package dev.sectionsearch.semantic;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import java.nio.file.Path;

/**
 * A separate process for {@link VectorCrashSafetyTest}: indexes documents with vectors, printing
 * {@code committed N} after each commit, so that the test can kill it between commits.
 *
 * <p>Arguments: index folder, documents.
 */
public final class VectorCrashDriver {
  static final int SECTIONS = 3;
  static final int COMMIT_EVERY = 5;

  private VectorCrashDriver() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int documents = Integer.parseInt(args[1]);
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(MiniLmEmbedder.create()).build()) {
      for (int d = 0; d < documents; d++) {
        Document.Builder builder = Document.builder("doc-" + d).title("Document " + d);
        for (int s = 0; s < SECTIONS; s++) {
          builder.section(
              "Part " + s, "Section " + s + " of document " + d + ". " + "Words. ".repeat(50));
        }
        index.add(builder.build());
        if ((d + 1) % COMMIT_EVERY == 0 || d + 1 == documents) {
          index.commit();
          System.out.println("committed " + (d + 1));
          System.out.flush();
        }
      }
    }
  }
}
