package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document ids are checked before they reach Lucene: an id it would refuse, or one that would reach
 * a terminal raw, is a clear error naming it, and never costs documents already added.
 */
class IdRuleTest {
  private static final String HUGE_ID = "x".repeat(40_000);

  @TempDir Path folder;

  private static Document doc(String id) {
    return Document.builder(id).section("Birds", "Kestrels hover over " + id.length()).build();
  }

  @Test
  void addingADocumentWithAnIdOverTheLimitIsRefusedNamingTheId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> doc(HUGE_ID));
    assertTrue(e.getMessage().startsWith("document id \"xxxx"), e.getMessage());
    assertTrue(e.getMessage().contains("40000 UTF-8 bytes"), e.getMessage());
    assertTrue(e.getMessage().length() < 200, "abbreviated: " + e.getMessage());
  }

  @Test
  void deletingAnIdOverTheLimitIsRefusedAndLosesNoPendingDocument() {
    Path path = folder.resolve("index");
    try (SectionIndex index = SectionIndex.open(path)) {
      index.add(doc("before"));
      assertThrows(IllegalArgumentException.class, () -> index.delete(HUGE_ID));
      index.add(doc("after"));
      index.commit();
    }
    try (SectionIndex index = SectionIndex.open(path)) {
      assertEquals(2, index.stats().documents());
    }
  }

  @Test
  void anIdWithAControlCharacterIsRefusedWithTheCharacterEscaped() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> doc("evil\u001b]0;title\u0007"));
    assertTrue(e.getMessage().contains("evil\\u001B]0;title\\u0007"), e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
  }

  @Test
  void anIdWithAnUnpairedSurrogateIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> doc("half\ud800moon"));
  }

  @Test
  void anIdAtTheLimitIsIndexedAndDeleted() {
    String id = "\u00e9".repeat(DocumentId.MAX_UTF8_BYTES / 2);
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(doc(id));
      index.commit();
      assertTrue(index.delete(id));
    }
  }

  /** Random ids of every kind: each is refused up front, or indexed and deleted; none is lost. */
  @Test
  void randomIdsAreRefusedUpFrontOrIndexedAndNoneIsLost() {
    long seed = Long.getLong("ids.seed", System.nanoTime());
    System.out.println("IdRuleTest seed: -Dids.seed=" + seed);
    Random random = new Random(seed);
    Path path = folder.resolve("index");
    List<String> kept = new ArrayList<>();
    try (SectionIndex index = SectionIndex.open(path)) {
      for (int round = 0; round < 200; round++) {
        String id = randomId(random);
        boolean valid = follows(id);
        if (random.nextBoolean()) {
          try {
            index.add(doc(id));
            assertTrue(valid, "seed " + seed + ": accepted " + DocumentId.abbreviate(id));
            if (!kept.contains(id)) {
              kept.add(id);
            }
          } catch (IllegalArgumentException e) {
            assertFalse(valid, "seed " + seed + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("document id"), e.getMessage());
          }
        } else {
          try {
            assertEquals(kept.remove(id), index.delete(id), "seed " + seed);
          } catch (IllegalArgumentException e) {
            assertFalse(valid, "seed " + seed + ": " + e.getMessage());
          }
        }
      }
      index.commit();
    }
    try (SectionIndex index = SectionIndex.open(path)) {
      assertEquals(kept.size(), index.stats().documents(), "seed " + seed);
    }
  }

  private static boolean follows(String id) {
    return !id.isBlank()
        && id.getBytes(StandardCharsets.UTF_8).length <= DocumentId.MAX_UTF8_BYTES
        && id.chars().noneMatch(Character::isISOControl)
        && id.equals(new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static String randomId(Random random) {
    int length =
        switch (random.nextInt(6)) {
          case 0 -> random.nextInt(3);
          case 1 -> DocumentId.MAX_UTF8_BYTES - 2 + random.nextInt(4);
          case 2 -> 32_000 + random.nextInt(2_000);
          default -> 1 + random.nextInt(40);
        };
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(
          switch (random.nextInt(10)) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> (char) (0x7f + random.nextInt(0x21));
            case 2 -> (char) (0xd800 + random.nextInt(0x800));
            case 3 -> "\u00e9\u4e2d\ud83d\ude00 /\\".charAt(random.nextInt(7));
            default -> (char) ('a' + random.nextInt(26));
          });
    }
    return id.toString();
  }
}
