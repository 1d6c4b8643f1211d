package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Typo tolerance and "did you mean" through the real CLI jar: search, serve and its page. */
class CliTypoIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static String index;

  @BeforeAll
  static void indexSeeds() throws Exception {
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  private static String heading(JsonNode hit) {
    return hit.get("heading").asText().replace('\u2019', '\'');
  }

  @Test
  void misspeltWordsFindTheirSectionsAndTheJsonSaysWhatWasMeant() throws Exception {
    Result result = CliProcess.run("search", "--index", index, "--json", "Rusia", "Ukrane");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode results = JSON.readTree(result.out());
    assertEquals("Russia Ukraine", results.get("didYouMean").asText());
    assertEquals("Iran's Support for Russia in Ukraine", heading(results.get("hits").get(0)));
  }

  @Test
  void peopleSeeDidYouMeanAboveTheHits() throws Exception {
    Result result = CliProcess.run("search", "--index", index, "Rusia", "Ukrane");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("Did you mean: Russia Ukraine\n"), result.out());
    assertTrue(result.out().contains("Support for Russia in Ukraine"), result.out());
  }

  @Test
  void noTyposSearchesTheWordsAsTyped() throws Exception {
    Result result =
        CliProcess.run("search", "--index", index, "--json", "--no-typos", "Rusia", "Ukrane");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode results = JSON.readTree(result.out());
    assertEquals(0, results.get("totalHits").asLong());
    assertFalse(results.has("didYouMean"), result.out());
  }

  @Test
  void theServerTakesTyposOffAndItsPageOffersTheCorrectedQueryAsALink() throws Exception {
    ServedIndex served = ServedIndex.start(index);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String query = URLEncoder.encode("Rusia Ukrane", StandardCharsets.UTF_8);
      JsonNode on = JSON.readTree(get(http, served.url() + "api/search?q=" + query).body());
      assertEquals("Russia Ukraine", on.get("didYouMean").asText());
      JsonNode off =
          JSON.readTree(get(http, served.url() + "api/search?typos=off&q=" + query).body());
      assertEquals(0, off.get("totalHits").asLong());
      assertFalse(off.has("didYouMean"));
      assertEquals(400, get(http, served.url() + "api/search?typos=maybe&q=x").statusCode());

      WebDriver browser = ServedIndex.browser();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(served.url());
        browser.findElement(By.id("q")).sendKeys("Rusia Ukrane");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement link = browser.findElement(By.id("corrected"));
        wait.until(b -> link.isDisplayed());
        assertEquals("Russia Ukraine", link.getText());
        link.click();
        wait.until(b -> b.findElement(By.id("q")).getAttribute("value").equals("Russia Ukraine"));
        wait.until(b -> !b.findElement(By.id("didyoumean")).isDisplayed());
        assertFalse(browser.findElements(By.cssSelector("#hits li")).isEmpty());
      } finally {
        browser.quit();
      }
    } finally {
      served.stop();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
