package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchRequest;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queries from untrusted users: each one returns results or a {@link QueryException}, within a
 * bounded time, and never any other exception.
 */
@Tag("slow") // hundreds of hostile queries; runs in verify
class HostileQueryTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static SectionIndex index;

  @BeforeAll
  static void indexManyTerms() {
    index = SectionIndex.inMemory();
    Random random = new Random(7);
    for (int d = 0; d < 200; d++) {
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < 200; w++) {
        body.append("ab").append(Integer.toString(random.nextInt(1_000_000), 36)).append(' ');
      }
      index.add(Document.builder("d" + d).section("Heading " + d, body.toString()).build());
    }
    index.commit();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static Stream<String> hostileQueries() {
    return Stream.of(
        "",
        "   ",
        "the of and a",
        "!!! ??? ... ,,,",
        "\"unbalanced",
        "((((owl",
        "owl))))",
        "*",
        "**",
        "*ab",
        "?ab",
        "ab*",
        "a*",
        "word ".repeat(10_000),
        "x".repeat(4000),
        "ab-cd-ef-gh ".repeat(300),
        distinctCompoundWords(150, 8),
        distinctCompoundWords(250, 3),
        "\"" + "ab ".repeat(1000) + "\"",
        "\u0000\u0001\u0007\u001b[31m owl",
        "(?i).*+[a-z]{1,1000}$",
        "^(a+)+$",
        "field:value AND title:x OR -y",
        "\\\\\\\\ // \\\" '",
        "NOT",
        "-",
        "- - -",
        "+ab* -ab*",
        "\uD800 \uDFFF broken surrogates",
        "ab~2 ab^100 ab/regex/ [a TO z] {a TO z}");
  }

  /** Words that each analyse to several terms, all different: many clauses from few words. */
  private static String distinctCompoundWords(int words, int parts) {
    StringBuilder query = new StringBuilder();
    for (int w = 0; w < words; w++) {
      for (int p = 0; p < parts; p++) {
        query.append(p == 0 ? "" : "-").append("q").append(Integer.toString(w * parts + p, 36));
      }
      query.append(' ');
    }
    return query.toString();
  }

  @ParameterizedTest
  @MethodSource("hostileQueries")
  void aHostileQueryGetsResultsOrAClearErrorInBoundedTime(String query) {
    assertTimeoutPreemptively(BOUND, () -> searchSafely(query));
  }

  @Test
  void randomQueriesNeverFailUnexpectedly() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet = "ab *\"-+()ORANDNOT?\\:^~[]{}/!.,\u0000\n\t\u00e9\u4e2d";
    try {
      for (int i = 0; i < 500; i++) {
        char[] chars = new char[random.nextInt(80)];
        for (int c = 0; c < chars.length; c++) {
          chars[c] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        searchSafely(new String(chars));
      }
    } catch (AssertionError e) {
      throw new AssertionError("reproduce with seed " + seed + ": " + e.getMessage(), e);
    }
  }

  private static void searchSafely(String query) {
    try {
      assertTrue(index.search(SearchRequest.of(query).withLimit(20)).totalHits() >= 0);
    } catch (QueryException e) {
      assertTrue(e.getMessage().startsWith("query \""), e.getMessage());
      assertTrue(e.getMessage().length() < 300, "the message stays readable: " + e.getMessage());
    } catch (RuntimeException e) {
      fail("query " + abbreviate(query) + " failed with " + e, e);
    }
  }

  private static String abbreviate(String query) {
    return query.length() <= 60 ? query : query.substring(0, 57) + "...";
  }
}
