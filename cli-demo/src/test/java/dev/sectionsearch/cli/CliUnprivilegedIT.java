package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders the user may not read, as an unprivileged user sees them (root reads
 * everything, so as root the CLI runs as {@code nobody} through {@code setpriv}): each is listed
 * with the reason and the rest of the folder is indexed.
 */
class CliUnprivilegedIT {
  @TempDir Path work;
  private Path docs;
  private Path locked;
  private Path unreadable;
  private List<String> launcher;

  @BeforeEach
  void makeAFolderWithUnreadableEntries() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    launcher =
        root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
    if (root) {
      assumeTrue(
          new ProcessBuilder("setpriv", "--version").start().waitFor() == 0,
          "setpriv is needed to run as an unprivileged user when the tests run as root");
    }
    // the unprivileged user must reach the folder and write the index
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("good.md"), "# Owls\n\nOwls hunt at night.\n");
    locked = Files.createDirectories(docs.resolve("locked"));
    Files.writeString(locked.resolve("hidden.md"), "# Hidden\n\nSwordfish.\n");
    unreadable = Files.writeString(docs.resolve("unreadable.md"), "# Secret\n\nSwordfish.\n");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
  }

  @AfterEach
  void unlock() throws Exception {
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void unreadableFilesAndFoldersAreListedAndTheRestIndexed() throws Exception {
    String index = work.resolve("index").toString();
    Result result =
        CliProcess.run(launcher, List.of(), Map.of(), "index", "--index", index, docs.toString());
    assertEquals(0, result.exitCode(), result.out() + result.err());
    assertTrue(result.out().contains("Indexed 1 document"), result.out());
    assertTrue(result.out().contains("locked: permission denied"), result.out());
    assertTrue(result.out().contains("unreadable.md: permission denied"), result.out());
  }

  @Test
  void anIndexTheUserMayNotReadIsAPermissionError() throws Exception {
    Path index = work.resolve("private-index");
    Result made =
        CliProcess.run("index", "--index", index.toString(), docs.resolve("good.md").toString());
    assertEquals(0, made.exitCode(), made.err());
    assumeTrue(!launcher.isEmpty() || !"root".equals(System.getProperty("user.name")));
    Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwx------"));
    Result result =
        CliProcess.run(
            launcher, List.of(), Map.of(), "search", "--index", index.toString(), "owls");
    assertEquals(1, result.exitCode(), result.out() + result.err());
    assertTrue(result.err().contains("permission denied"), result.err());
  }
}
