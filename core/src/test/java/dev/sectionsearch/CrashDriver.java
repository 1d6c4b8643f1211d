package dev.sectionsearch;

import dev.sectionsearch.document.Document;
import java.nio.file.Path;

/**
 * A separate process for {@link CrashSafetyTest}: indexes documents of one version into an index,
 * printing {@code committed N} after each commit (every few documents), so that the test can time
 * its kill between commits and knows what must survive it.
 *
 * <p>Arguments: index folder, documents, version.
 */
public final class CrashDriver {
  static final int SECTIONS = 3;
  static final int COMMIT_EVERY = 10;

  private CrashDriver() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int documents = Integer.parseInt(args[1]);
    int version = Integer.parseInt(args[2]);
    try (SectionIndex index = SectionIndex.open(folder)) {
      for (int d = 0; d < documents; d++) {
        index.add(document(d, version));
        if ((d + 1) % COMMIT_EVERY == 0 || d + 1 == documents) {
          index.commit();
          System.out.println("committed " + (d + 1));
          System.out.flush();
        }
      }
    }
  }

  static Document document(int d, int version) {
    Document.Builder builder = Document.builder("doc-" + d).title("Document " + d);
    for (int s = 0; s < SECTIONS; s++) {
      // a long body makes each document take real time to index, so kills land mid-write
      builder.section(
          "Part " + s,
          "version " + version + " section " + s + " " + "filler words to index ".repeat(200));
    }
    return builder.build();
  }
}
