package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged index files: whichever file is damaged, every operation either works or fails with a
 * {@link SectionSearchException}, never another exception or error, and {@link
 * SectionIndex#verify()} says the index is corrupt.
 */
class CorruptIndexTest {
  @TempDir Path work;
  private Path pristine;

  @BeforeEach
  void buildAnIndexWithEveryKindOfFile() {
    pristine = work.resolve("pristine");
    try (SectionIndex index = SectionIndex.open(pristine)) {
      for (int i = 0; i < 30; i++) {
        index.add(
            Document.builder("doc" + i)
                .title("Birds " + i)
                .section("Kestrels", "Kestrels hover over fields number " + i)
                .section("Owls", "Owls hunt at night " + i)
                .build());
      }
      index.commit();
      // a second segment, and deletions in the first: a .liv file
      index.add(Document.builder("doc3").section("Wrens", "Wrens sing loudly.").build());
      index.delete("doc4");
      index.commit();
    }
  }

  private static List<Path> indexFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> !f.getFileName().toString().equals("write.lock")).sorted().toList();
    }
  }

  private static String type(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("segments_") ? "segments_N" : name.substring(name.lastIndexOf('.'));
  }

  @Test
  void theIndexHoldsEveryKindOfFileThisLibraryWrites() throws IOException {
    Set<String> types = new TreeSet<>();
    indexFiles(pristine).forEach(file -> types.add(type(file)));
    assertTrue(
        types.containsAll(Set.of("segments_N", ".si", ".cfs", ".cfe", ".liv")), types.toString());
  }

  @Test
  void aMissingFileIsNamedAsMissing() throws IOException {
    Path damaged = copy(pristine, work.resolve("missing"));
    Path cfe =
        indexFiles(damaged).stream().filter(f -> type(f).equals(".cfe")).findFirst().orElseThrow();
    Files.delete(cfe);
    SectionSearchException e = assertFailsClearly(() -> SectionIndex.open(damaged).close());
    assertTrue(e.getMessage().contains("missing file"), e.getMessage());
  }

  /** Seeded damage to every file of the index: each operation works or fails clearly. */
  @Test
  void flippedBytesInAnyFileAreReportedAsCorruption() throws IOException {
    long seed = Long.getLong("corruption.seed", System.nanoTime());
    System.out.println("CorruptIndexTest seed: -Dcorruption.seed=" + seed);
    Random random = new Random(seed);
    int rounds = 0;
    for (Path original : indexFiles(pristine)) {
      for (int round = 0; round < 4; round++) {
        Path damaged = copy(pristine, work.resolve("round" + rounds++));
        Path file = damaged.resolve(original.getFileName());
        flipBytes(file, random);
        String where = "seed " + seed + ", " + file.getFileName();
        // whatever is damaged, opening for writing and verifying says so
        SectionSearchException e =
            assertFailsClearly(
                () -> {
                  try (SectionIndex index = SectionIndex.open(damaged)) {
                    index.verify();
                  }
                });
        assertTrue(e.getMessage().contains("corrupt"), where + ": " + e.getMessage());
        // reading may or may not stumble on the damage, but only ever with a clear error
        worksOrFailsClearly(
            where,
            () -> {
              try (SectionIndex index =
                  EmbeddedIndex.builder().folder(damaged).readOnly().build()) {
                index.stats();
                index.search("kestrels owls");
                index.search("kes*");
                index.search("\"hunt at night\"");
              }
            });
      }
    }
    assertEquals(indexFiles(pristine).size() * 4, rounds);
  }

  private static void flipBytes(Path file, Random random) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      int flips = 1 + random.nextInt(3);
      for (int i = 0; i < flips; i++) {
        long position = (long) (random.nextDouble() * raf.length());
        raf.seek(position);
        int value = raf.read();
        raf.seek(position);
        raf.write(value ^ (1 << random.nextInt(8)));
      }
    }
  }

  private static SectionSearchException assertFailsClearly(Runnable action) {
    try {
      action.run();
    } catch (SectionSearchException e) {
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      return e;
    } catch (Throwable e) {
      throw new AssertionError("not a clear error: " + e, e);
    }
    return fail("damage went unnoticed");
  }

  private static void worksOrFailsClearly(String where, Runnable action) {
    try {
      action.run();
    } catch (SectionSearchException e) {
      // a clear error
    } catch (Throwable e) {
      throw new AssertionError(where + ": not a clear error: " + e, e);
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path file : indexFiles(from)) {
      Files.copy(file, to.resolve(file.getFileName()));
    }
    return to;
  }
}
