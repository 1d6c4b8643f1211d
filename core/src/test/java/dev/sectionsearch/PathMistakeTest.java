package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistaken paths get messages about the path, not about file types or damage (issue 24). */
class PathMistakeTest {
  @TempDir Path folder;

  @Test
  void addingAFolderSaysItIsAFolder() throws IOException {
    Path docs = Files.createDirectories(folder.resolve("docs"));
    try (SectionIndex index = SectionIndex.inMemory()) {
      DocumentException e = assertThrows(DocumentException.class, () -> index.add(docs));
      assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
      assertFalse(e.getMessage().contains("unsupported file type"), e.getMessage());
    }
  }

  @Test
  void openingWhereNoFolderCanBeMadeDoesNotCallTheIndexDamaged() throws IOException {
    Path file = Files.writeString(folder.resolve("plain-file"), "not a folder");
    for (Path path : new Path[] {file.resolve("idx"), Path.of("/proc/no-such-process/idx")}) {
      SectionSearchException e =
          assertThrows(SectionSearchException.class, () -> SectionIndex.open(path));
      assertTrue(e.getMessage().contains("cannot create the index folder"), e.getMessage());
      assertFalse(e.getMessage().contains("damaged"), e.getMessage());
      assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
    }
  }
}
