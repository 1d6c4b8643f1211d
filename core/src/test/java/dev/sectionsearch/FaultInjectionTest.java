package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O failing beneath the index, as on a full disk or a failing drive: the caller gets a {@link
 * SectionSearchException} saying what failed, and the index on disk stays at its last commit, clean
 * and usable.
 */
@Tag("slow") // rounds of injected I/O faults; runs in verify
class FaultInjectionTest {
  @TempDir Path folder;

  private static Document note(String id) {
    return Document.builder(id)
        .section("Body", "kestrels " + id + " " + "word ".repeat(500))
        .build();
  }

  private SectionIndex open(FailingDirectory directory) {
    return EmbeddedIndex.builder().directory(directory, folder.toString()).build();
  }

  @Test
  void aFullDiskIsAClearErrorAndTheLastCommitSurvives() throws IOException {
    FailingDirectory directory = new FailingDirectory(FSDirectory.open(folder));
    SectionIndex index = open(directory);
    for (int i = 0; i < 10; i++) {
      index.add(note("kept-" + i));
    }
    index.commit();
    directory.fillDiskAfter(2_000);
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> {
              for (int i = 0; i < 50; i++) {
                index.add(note("lost-" + i));
              }
              index.commit();
            });
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(10, index.search("kestrels").totalHits(), "searches still see the last commit");
    directory.heal();
    closeAfterFailure(index);
    assertSurvivingCommit(10, 10);
  }

  @Test
  void randomIoErrorsLoseNoCommittedDocument() throws IOException {
    long seed = Long.getLong("fault.seed", new Random().nextLong());
    // one seed per round drawn from the run's seed: java.util.Random's first draws from
    // consecutive seeds are alike, so seed + round made some runs fail every round at once
    Random roundSeeds = new Random(seed);
    try {
      int committed = 0;
      int failedRounds = 0;
      for (int round = 0; round < 20; round++) {
        FailingDirectory directory = new FailingDirectory(FSDirectory.open(folder));
        SectionIndex index = open(directory);
        directory.failRandomly(roundSeeds.nextLong(), 0.02);
        int added = 0;
        try {
          for (int i = 0; i < 20; i++) {
            index.add(note("r" + round + "-" + i));
            added++;
          }
          index.commit();
          committed += added;
        } catch (SectionSearchException e) {
          assertTrue(e.getMessage().contains("injected I/O error"), e.getMessage());
          failedRounds++;
        }
        directory.heal();
        // close() commits what is pending, so a failed round's documents may land there; none
        // committed before may go missing
        closeAfterFailure(index);
        int found = assertSurvivingCommit(committed, committed + added);
        committed = found;
      }
      System.out.printf(
          "random I/O errors: %d of 20 rounds failed, %d documents committed%n",
          failedRounds, committed);
      assertTrue(
          failedRounds > 0 && failedRounds < 20,
          "faults hit some rounds, not all: " + failedRounds);
    } catch (AssertionError e) {
      throw new AssertionError("reproduce with -Dfault.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closing after a failure may itself fail (the writer may have closed itself); it must do so with
   * the library's exception.
   */
  private static void closeAfterFailure(SectionIndex index) {
    try {
      index.close();
    } catch (SectionSearchException e) {
      // reported clearly; the index on disk is checked next
    }
  }

  private int assertSurvivingCommit(int atLeast, int atMost) throws IOException {
    try (FSDirectory directory = FSDirectory.open(folder);
        CheckIndex check = new CheckIndex(directory)) {
      assertTrue(check.checkIndex().clean, "CheckIndex finds the index clean");
    }
    try (SectionIndex reopened = SectionIndex.open(folder)) {
      int documents = (int) reopened.stats().documents();
      assertTrue(
          documents >= atLeast && documents <= atMost,
          "every committed document is there: "
              + documents
              + " in ["
              + atLeast
              + ", "
              + atMost
              + "]");
      assertEquals(documents, reopened.stats().sections(), "each document whole (one section)");
      reopened.add(note("after"));
      reopened.commit();
      assertEquals(documents + 1, reopened.stats().documents(), "the index is usable again");
      reopened.delete("after");
      return documents;
    }
  }
}
