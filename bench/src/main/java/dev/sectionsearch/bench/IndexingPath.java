package dev.sectionsearch.bench;

import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The two ways a collection's documents reach the index, both through the public API. */
enum IndexingPath {
  /** Documents built in code: a title and one section of text each. */
  CODE("built in code") {
    @Override
    void index(TestCollection collection, SectionIndex index, Path work) throws IOException {
      for (TestCollection.Text text : collection.documents()) {
        Document.Builder builder = Document.builder(text.id());
        if (!text.title().isBlank()) {
          builder.title(text.title());
        }
        index.add(builder.section("", text.body()).build());
      }
    }

    @Override
    String collectionId(String docId) {
      return docId;
    }
  },

  /** Files written to a folder and indexed with {@code addAll}, as the CLI's index command. */
  FILES("files") {
    @Override
    void index(TestCollection collection, SectionIndex index, Path work) throws IOException {
      Path folder = work.resolve(collection.name().toLowerCase(Locale.ROOT) + "-files");
      Folders.deleteTree(folder);
      Files.createDirectories(folder);
      collection.writeFiles(folder);
      IndexSummary summary = index.addAll(folder, IndexingListener.NONE);
      if (!summary.skipped().isEmpty()) {
        throw new IOException(collection.name() + " files skipped: " + summary.skipped());
      }
    }

    /**
     * The file name without its extension: the collection id whichever rule names file documents (a
     * path relative to the folder, or the file's absolute path).
     */
    @Override
    String collectionId(String docId) {
      String name = docId.substring(Math.max(docId.lastIndexOf('/'), docId.lastIndexOf('\\')) + 1);
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }
  };

  private final String label;

  IndexingPath(String label) {
    this.label = label;
  }

  /** Adds every document of the collection; {@code work} is a scratch folder. */
  abstract void index(TestCollection collection, SectionIndex index, Path work) throws IOException;

  /** The collection's document id for a hit's document id. */
  abstract String collectionId(String docId);

  /** The path's name in reports. */
  String label() {
    return label;
  }
}
