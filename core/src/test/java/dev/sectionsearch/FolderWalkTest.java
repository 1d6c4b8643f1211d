package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How files are found and named: one id per file whichever way it is added, no escape from the
 * folder through symbolic links, and a walk that lists what it cannot read and goes on.
 */
class FolderWalkTest {
  @TempDir Path work;

  private Path write(String relative, String text) throws IOException {
    Path file = work.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static Map<String, String> reasons(IndexSummary summary) {
    return summary.skipped().stream()
        .collect(
            Collectors.toMap(
                s -> s.file().getFileName().toString(), SkippedFile::reason, (a, b) -> a));
  }

  private static List<String> ids(SectionIndex index, String query) {
    index.commit();
    return index.search(query).hits().stream().map(SearchHit::docId).toList();
  }

  @Test
  void everyWayOfAddingAFileGivesItItsRealPathAsId() throws IOException {
    Path file = write("docs/guide/install.md", "# Install\n\nKestrels hover.");
    String realPath = file.toRealPath().toString();
    assertEquals(realPath, Document.fileId(file));
    assertEquals(realPath, Document.fromFile(file).id());
    assertEquals(realPath, Document.fromFile(file).source());
    try (SectionIndex index = SectionIndex.inMemory()) {
      assertEquals(realPath, index.add(file).docId());
      assertEquals(1, index.addAll(file, IndexingListener.NONE).unchanged());
      assertEquals(1, index.addAll(work.resolve("docs"), IndexingListener.NONE).unchanged());
      Path sameFolder = work.resolve("docs/../docs");
      assertEquals(1, index.addAll(sameFolder, IndexingListener.NONE).unchanged());
      assertEquals(List.of(realPath), ids(index, "kestrels"));
      assertEquals(realPath, index.search("kestrels").hits().get(0).source());
    }
  }

  @Test
  void twoFoldersWithTheSameNamesKeepBothFiles() throws IOException {
    write("a/docs/README.md", "# Readme\n\nKestrels hover.");
    write("b/docs/README.md", "# Readme\n\nKestrels hunt.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(work.resolve("a/docs"), IndexingListener.NONE);
      index.addAll(work.resolve("b/docs"), IndexingListener.NONE);
      assertEquals(2, ids(index, "kestrels").size());
    }
  }

  @Test
  void aLinkToAFileOutsideTheFolderIsListedAndNeverRead() throws IOException {
    Path secret = write("secret.txt", "Secret\nThe password is swordfish.");
    write("docs/good.txt", "Notes\nKestrels hover.");
    Files.createSymbolicLink(work.resolve("docs/passwd.txt"), secret);
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(work.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added());
      assertTrue(
          reasons(summary).get("passwd.txt").contains("outside the folder"), summary.toString());
      assertEquals(List.of(), ids(index, "swordfish"));
    }
  }

  @Test
  void aTopLevelLinkToAFolderIsWalked() throws IOException {
    write("real/notes.md", "# Notes\n\nKestrels hover.");
    Path link = Files.createSymbolicLink(work.resolve("link"), work.resolve("real"));
    try (SectionIndex index = SectionIndex.inMemory()) {
      assertEquals(1, index.addAll(link, IndexingListener.NONE).added());
    }
  }

  @Test
  void linkedSubfoldersAreListedWhenTheyLeadOutAndAddNoDuplicateOrLoopInside() throws IOException {
    write("docs/a/notes.md", "# Notes\n\nKestrels hover.");
    write("elsewhere/other.md", "# Other\n\nSwordfish swim.");
    Files.createSymbolicLink(work.resolve("docs/a/loop"), work.resolve("docs"));
    Files.createSymbolicLink(work.resolve("docs/again"), work.resolve("docs/a"));
    Files.createSymbolicLink(work.resolve("docs/out"), work.resolve("elsewhere"));
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(work.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added(), summary.toString());
      assertEquals(Set.of("out"), reasons(summary).keySet(), summary.toString());
      assertTrue(reasons(summary).get("out").contains("outside the folder"));
    }
  }

  @Test
  void filesOfUnknownTypesAreListedAsUnsupportedAndCounted() throws IOException {
    write("docs/notes.txt", "Notes\nKestrels hover.");
    write("docs/photo.jpg", "not text");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(work.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added());
      assertEquals(Map.of("photo.jpg", "unsupported file type"), reasons(summary));
    }
  }

  @Test
  void aPathOverTheSystemLimitIsListedAndTheRestIndexed() throws Exception {
    write("docs/good.txt", "Notes\nKestrels hover.");
    // Java cannot create a path longer than the system's limit; perl can, one level at a time
    Process deep =
        new ProcessBuilder(
                "perl",
                "-e",
                "$n = 'd' x 200; chdir $ARGV[0] or die; for (1..25) { mkdir $n or die; chdir $n"
                    + " or die } open(F, '>deep.txt') or die; print F \"Deep\\nKestrels.\\n\";",
                work.resolve("docs").toString())
            .inheritIO()
            .start();
    assumeTrue(deep.waitFor() == 0, "perl can make a path over the limit here");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(work.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added(), summary.toString());
      assertEquals(1, summary.skipped().size(), summary.toString());
      assertTrue(summary.skipped().get(0).reason().contains("too long"), summary.toString());
    } finally {
      new ProcessBuilder("rm", "-rf", work.resolve("docs").toString()).start().waitFor();
    }
  }

  @Test
  void anUnreadableSubfolderIsListedAndTheRestIndexed() throws IOException {
    assumeTrue(
        !"root".equals(System.getProperty("user.name")),
        "root reads every folder; CliUnprivilegedIT covers this as an unprivileged user");
    write("docs/good.txt", "Notes\nKestrels hover.");
    Path locked = write("docs/locked/hidden.txt", "Hidden\nSwordfish.").getParent();
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(work.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added());
      assertEquals("permission denied", reasons(summary).get("locked"));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * Seeded random trees of good files, unsupported files, links inside, outside, broken and
   * looping: every good file is indexed once under its real path, nothing outside is read, and
   * every link out or nowhere is listed.
   */
  @Test
  void randomFoldersIndexEveryGoodFileOnceAndNothingOutside() throws IOException {
    long seed = Long.getLong("walk.seed", System.nanoTime());
    System.out.println("FolderWalkTest seed: -Dwalk.seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 5; round++) {
      Path outside = write("round" + round + "/outside/secret.md", "# Secret\n\nswordfish");
      Path root = Files.createDirectories(work.resolve("round" + round + "/root"));
      List<Path> folders = new java.util.ArrayList<>(List.of(root));
      Set<String> good = new HashSet<>();
      Map<String, String> listed = new HashMap<>();
      for (int i = 0; i < 40; i++) {
        Path folder = folders.get(random.nextInt(folders.size()));
        String name = "e" + i;
        switch (random.nextInt(7)) {
          case 0 -> folders.add(Files.createDirectories(folder.resolve(name)));
          case 1 -> {
            Files.writeString(folder.resolve(name + ".bin"), "x");
            listed.put(name + ".bin", "unsupported file type");
          }
          case 2 -> {
            Files.createSymbolicLink(folder.resolve(name + ".md"), outside);
            listed.put(name + ".md", "outside the folder");
          }
          case 3 -> {
            Files.createSymbolicLink(folder.resolve(name), outside.getParent());
            listed.put(name, "outside the folder");
          }
          case 4 -> {
            Files.createSymbolicLink(folder.resolve(name + ".txt"), folder.resolve("gone"));
            listed.put(name + ".txt", "broken symbolic link");
          }
          case 5 ->
              Files.createSymbolicLink(
                  folder.resolve(name), folders.get(random.nextInt(folders.size())));
          default -> {
            Path file = Files.writeString(folder.resolve(name + ".md"), "# T\n\nkestrel " + name);
            good.add(file.toRealPath().toString());
          }
        }
      }
      try (SectionIndex index = SectionIndex.inMemory()) {
        IndexSummary summary = index.addAll(root, IndexingListener.NONE);
        index.commit();
        assertEquals(good.size(), summary.added(), "seed " + seed + ": " + summary);
        Set<String> found =
            index.search(SearchRequest.of("kestrel").withLimit(100)).hits().stream()
                .map(SearchHit::docId)
                .collect(Collectors.toSet());
        assertEquals(good, found, "seed " + seed);
        assertEquals(0, index.search("swordfish").totalHits(), "seed " + seed);
        Map<String, String> reasons = reasons(summary);
        assertEquals(listed.keySet(), reasons.keySet(), "seed " + seed + ": " + summary);
        listed.forEach(
            (name, reason) -> assertTrue(reasons.get(name).contains(reason), "seed " + seed));
      }
    }
  }
}
