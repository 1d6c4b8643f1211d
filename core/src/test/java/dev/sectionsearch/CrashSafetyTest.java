package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an indexing process with SIGKILL between its commits and checks what survives: the index
 * opens and is clean, every document committed before the kill is fully there, no document is half
 * old and half new, and indexing again completes the rest.
 *
 * <p>Each round waits for a seeded number of the driver's commits (at least one, fewer than all),
 * then kills it a seeded moment later, while it writes or commits the next batch. A kill timed from
 * the start instead landed before the first commit in every round on a loaded machine, which never
 * tested the case that matters: a kill between commits.
 *
 * <p>Rounds default to 5; {@code -Dcrash.rounds=N} runs more.
 */
@Tag("slow") // kills indexing processes; runs in verify
class CrashSafetyTest {
  private static final int DOCUMENTS = 120;
  private static final int COMMITS = DOCUMENTS / CrashDriver.COMMIT_EVERY;

  /** Longest wait after the chosen commit: about one batch of documents on a quiet machine. */
  private static final int MAX_KILL_DELAY_MILLIS = 300;

  private static final Pattern VERSION = Pattern.compile("^version (\\d+) section (\\d+) ");

  @TempDir Path work;

  @Test
  void killedIndexingLosesNothingCommitted() throws Exception {
    long seed = Long.getLong("crash.seed", new Random().nextLong());
    int rounds = Integer.getInteger("crash.rounds", 5);
    Random random = new Random(seed);
    Path index = work.resolve("index");
    try {
      runDriver(index, 1, NO_KILL); // a complete first version to replace
      int betweenCommits = 0;
      for (int round = 0; round < rounds; round++) {
        int version = round + 2;
        Kill kill =
            new Kill(1 + random.nextInt(COMMITS - 1), random.nextInt(MAX_KILL_DELAY_MILLIS));
        int committed = runDriver(index, version, kill);
        System.out.printf(
            "crash round %d: killed %d ms after commit %d, with %d of %d documents committed%n",
            round, kill.delayMillis(), kill.afterCommits(), committed, DOCUMENTS);
        if (committed > 0 && committed < DOCUMENTS) {
          betweenCommits++;
        }
        assertCleanAndConsistent(index, version, committed, "round " + round);
        runDriver(index, version, NO_KILL);
        assertCleanAndConsistent(index, version, DOCUMENTS, "round " + round + " after re-run");
      }
      System.out.printf("crash: %d of %d rounds killed between commits%n", betweenCommits, rounds);
      assertTrue(betweenCommits > 0, "at least one kill landed between two commits");
    } catch (AssertionError e) {
      throw new AssertionError("reproduce with -Dcrash.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  /**
   * When to kill the driver: {@code delayMillis} after it reports its commit number {@code
   * afterCommits}; {@link #NO_KILL} (after commit 0) lets it finish.
   */
  private record Kill(int afterCommits, int delayMillis) {}

  private static final Kill NO_KILL = new Kill(0, 0);

  /**
   * Runs the driver, killing it as {@code kill} says, and returns how many documents it reported
   * committed.
   */
  private static int runDriver(Path index, int version, Kill kill) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashDriver.class.getName(),
                index.toString(),
                String.valueOf(DOCUMENTS),
                String.valueOf(version))
            .redirectErrorStream(true)
            .start();
    AtomicInteger committed = new AtomicInteger();
    CountDownLatch commitsToWaitFor = new CountDownLatch(kill.afterCommits());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("committed ")) {
                    committed.set(Integer.parseInt(line.substring("committed ".length())));
                    commitsToWaitFor.countDown();
                  }
                }
              } catch (IOException e) {
                // the process was killed mid-line: what was read is what counts
              }
            });
    reader.start();
    if (!kill.equals(NO_KILL)) {
      assertTrue(
          commitsToWaitFor.await(120, TimeUnit.SECONDS),
          "the driver reports commit " + kill.afterCommits());
      if (!process.waitFor(kill.delayMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no final commit
      }
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the driver ends");
    reader.join(10_000);
    if (kill.equals(NO_KILL)) {
      assertEquals(0, process.exitValue(), "an uninterrupted run succeeds");
    }
    return committed.get();
  }

  private static void assertCleanAndConsistent(
      Path index, int version, int committedOfVersion, String round) throws IOException {
    try (FSDirectory directory = FSDirectory.open(index)) {
      CheckIndex.Status status;
      try (CheckIndex check = new CheckIndex(directory)) {
        status = check.checkIndex();
      }
      assertTrue(status.clean, round + ": CheckIndex finds the index clean");
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        Map<String, Map<Integer, Integer>> sections = sectionVersions(reader);
        assertEquals(DOCUMENTS, sections.size(), round + ": every document is present");
        for (Map.Entry<String, Map<Integer, Integer>> doc : sections.entrySet()) {
          Map<Integer, Integer> versions = doc.getValue();
          assertEquals(
              CrashDriver.SECTIONS, versions.size(), round + ": all sections of " + doc.getKey());
          assertEquals(
              1,
              versions.values().stream().distinct().count(),
              round + ": " + doc.getKey() + " is not half replaced: " + versions);
          int number = Integer.parseInt(doc.getKey().substring("doc-".length()));
          if (number < committedOfVersion) {
            assertEquals(
                version,
                versions.values().iterator().next(),
                round + ": committed " + doc.getKey() + " has version " + version);
          }
        }
      }
    }
    // and the library opens it
    try (SectionIndex reopened = EmbeddedIndex.builder().folder(index).readOnly().build()) {
      assertEquals(DOCUMENTS * CrashDriver.SECTIONS, reopened.stats().sections(), round);
    }
  }

  /** Document id to section ordinal to the version written in its text. */
  private static Map<String, Map<Integer, Integer>> sectionVersions(DirectoryReader reader)
      throws IOException {
    Map<String, Map<Integer, Integer>> sections = new HashMap<>();
    for (var leaf : reader.leaves()) {
      StoredFields stored = leaf.reader().storedFields();
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        var fields = stored.document(doc, java.util.Set.of(IndexSchema.DOC_ID, IndexSchema.BODY));
        Matcher matcher = VERSION.matcher(fields.get(IndexSchema.BODY));
        assertTrue(matcher.find(), "section text as written");
        Integer previous =
            sections
                .computeIfAbsent(fields.get(IndexSchema.DOC_ID), id -> new HashMap<>())
                .put(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(1)));
        assertEquals(null, previous, "a section appears once: " + fields.get(IndexSchema.DOC_ID));
      }
    }
    return sections;
  }
}
