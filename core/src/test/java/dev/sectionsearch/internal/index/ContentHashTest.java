package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sectionsearch.document.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The content hash tells apart every two inputs that index differently. */
class ContentHashTest {
  @Test
  void aHeadingPathOfTwoLevelsDiffersFromOneHeadingHoldingTheSeparator() {
    Document twoLevels = Document.builder("d").section(List.of("alpha", "beta"), "text").build();
    Document oneLevel = Document.builder("d").section(List.of("alpha\u0001beta"), "text").build();
    assertNotEquals(ContentHash.contentHash(twoLevels), ContentHash.contentHash(oneLevel));
  }

  @Test
  void noTitleDiffersFromATitleOfOneNulCharacter() {
    Document untitled = Document.builder("d").section("h", "text").build();
    Document nulTitle = Document.builder("d").title("\u0000").section("h", "text").build();
    assertNotEquals(ContentHash.contentHash(untitled), ContentHash.contentHash(nulTitle));
  }
}
