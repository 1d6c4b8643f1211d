package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A read-only index whose folder is deleted and an index re-created at the same path while it is
 * open (what a server does while someone re-indexes from scratch): searches see the new index, not
 * the deleted one, and are not told it is corrupt.
 */
class ReplacedIndexTest {
  @TempDir Path folder;

  private static Document note(String id, String body) {
    return Document.builder(id).title("Note " + id).section("Body", body).build();
  }

  /** Writes the index with one commit a word (a commit of a document named after it). */
  private static void write(Path path, String... words) {
    try (SectionIndex index = SectionIndex.open(path)) {
      for (String word : words) {
        index.add(note(word, "a " + word + " waits by the water"));
        index.commit();
      }
    }
  }

  private static void delete(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(ReplacedIndexTest::deleteFile);
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Re-created with fewer, as many and more commits than the index it replaces. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void searchesSeeAnIndexReCreatedAtTheSamePath(int commits) throws Exception {
    Path path = folder.resolve("index");
    write(path, "heron", "egret");
    try (SectionIndex reader =
        EmbeddedIndex.builder().folder(path).readOnly().refreshInterval(Duration.ZERO).build()) {
      assertEquals(1, reader.search("heron").totalHits());
      delete(path);
      String[] words = {"osprey", "kite", "harrier", "buzzard"};
      write(path, java.util.Arrays.copyOf(words, commits));
      assertEquals(0, reader.search("heron").totalHits(), "the deleted index is not read");
      assertEquals(1, reader.search("osprey").totalHits());
      assertEquals(commits, reader.search("").totalHits());
      reader.refresh();
      assertEquals(1, reader.search("osprey").totalHits());
      write(path, "falcon");
      assertEquals(1, reader.search("falcon").totalHits(), "later commits are seen too");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void getReadsTheReCreatedIndex(int commits) throws Exception {
    Path path = folder.resolve("index");
    write(path, "heron", "egret");
    try (SectionIndex reader =
        EmbeddedIndex.builder().folder(path).readOnly().refreshInterval(Duration.ZERO).build()) {
      assertEquals(true, reader.get("heron").isPresent());
      delete(path);
      String[] words = {"osprey", "kite", "harrier", "buzzard"};
      write(path, java.util.Arrays.copyOf(words, commits));
      reader.search("osprey");
      assertEquals(false, reader.get("heron").isPresent());
      assertEquals(true, reader.get("osprey").isPresent());
    }
  }

  /**
   * Random histories of a folder under an open reader: commits added, the folder deleted and
   * re-created with fewer, as many or more commits, searched at random points. After every step the
   * reader answers from what is on disk now, never from a deleted index, and is never told that a
   * healthy index is corrupt.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void randomHistoriesOfReplacementAreReadAsTheyAreOnDisk(long seed) throws Exception {
    java.util.Random random = new java.util.Random(seed);
    Path path = folder.resolve("index-" + seed);
    java.util.Set<String> onDisk = new java.util.TreeSet<>();
    java.util.Set<String> everWritten = new java.util.TreeSet<>();
    int next = 0;
    String first = "w" + next++;
    write(path, first);
    onDisk.add(first);
    everWritten.add(first);
    try (SectionIndex reader =
        EmbeddedIndex.builder().folder(path).readOnly().refreshInterval(Duration.ZERO).build()) {
      for (int step = 0; step < 12; step++) {
        int commits = 1 + random.nextInt(4);
        String[] words = new String[commits];
        for (int i = 0; i < commits; i++) {
          words[i] = "w" + next++;
        }
        if (random.nextBoolean()) {
          delete(path);
          onDisk.clear();
        }
        write(path, words);
        onDisk.addAll(java.util.List.of(words));
        everWritten.addAll(java.util.List.of(words));
        if (random.nextInt(3) == 0) {
          reader.refresh();
        }
        String history = "seed " + seed + ", step " + step + ", on disk " + onDisk;
        assertEquals(onDisk.size(), reader.search("").totalHits(), history);
        for (String word : everWritten) {
          assertEquals(
              onDisk.contains(word) ? 1 : 0,
              reader.search(word).totalHits(),
              word + ": " + history);
          assertEquals(onDisk.contains(word), reader.get(word).isPresent(), word + ": " + history);
        }
      }
    }
  }
}
