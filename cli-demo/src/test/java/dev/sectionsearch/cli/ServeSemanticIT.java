package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page on an index made with {@code index --semantic}: a passage chosen by meaning (few
 * or none of the query's words, so nothing highlighted) is labelled as such.
 */
class ServeSemanticIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LABEL = "by meaning";
  private static final String EXPLANATION = "chosen by meaning: it holds few of the query's words";
  // on the seed article, hybrid search answers this with both kinds of passage in its first 10
  private static final String QUERY = "military alliance between states";

  @TempDir Path work;
  private ServedIndex served;
  private String url;

  @BeforeEach
  void serveTheSeedsIndexedWithTheModel() throws Exception {
    String index = work.resolve("index").toString();
    Result indexed =
        CliProcess.run("index", "--index", index, "--semantic", CliProcess.seeds().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    served = ServedIndex.start(index);
    url = served.url();
  }

  @AfterEach
  void stop() throws Exception {
    served.stop();
  }

  /** One passage as the JSON API gives it: where it comes from and whether meaning chose it. */
  private record Expected(String where, boolean semantic) {}

  @Test
  void thePageLabelsExactlyThePassagesTheApiMarksSemantic() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            url
                                + "api/search?limit=10&q="
                                + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode hits = JSON.readTree(answer.body()).get("hits");
    List<List<Expected>> expected = new ArrayList<>();
    int semantic = 0;
    int words = 0;
    for (JsonNode hit : hits) {
      List<Expected> passages = new ArrayList<>();
      for (JsonNode p : hit.get("passages")) {
        boolean byMeaning = p.get("semantic").asBoolean();
        passages.add(
            new Expected(
                hit.get("source").asText()
                    + ":"
                    + p.get("sourceStart").asInt()
                    + "-"
                    + p.get("sourceEnd").asInt(),
                byMeaning));
        if (byMeaning) {
          semantic++;
        } else {
          words++;
        }
      }
      expected.add(passages);
    }
    assertTrue(semantic > 0 && words > 0, "the query finds both kinds: " + answer.body());

    WebDriver browser = ServedIndex.browser();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(url);
      browser.findElement(By.id("q")).sendKeys(QUERY);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Showing "));

      List<WebElement> items = browser.findElements(By.cssSelector("#hits > li"));
      assertEquals(expected.size(), items.size(), "the page shows the API's hits");
      for (int i = 0; i < items.size(); i++) {
        List<WebElement> blocks = items.get(i).findElements(By.cssSelector("p.passage"));
        assertEquals(expected.get(i).size(), blocks.size(), "passages of hit " + i);
        for (int j = 0; j < blocks.size(); j++) {
          WebElement block = blocks.get(j);
          Expected passage = expected.get(i).get(j);
          String what = "hit " + i + ", passage " + j + " (" + passage + ")";
          // the source range stays on the block; the explanation is on the label
          assertEquals(passage.where(), block.getAttribute("title"), what);
          List<WebElement> labels = block.findElements(By.cssSelector("span.why"));
          List<String> classes = List.of(block.getAttribute("class").split("\\s+"));
          if (passage.semantic()) {
            assertTrue(classes.contains("semantic"), what + ": " + classes);
            assertEquals(1, labels.size(), what);
            WebElement label = labels.get(0);
            assertTrue(label.isDisplayed(), what);
            assertEquals(LABEL, label.getText(), what);
            assertEquals(EXPLANATION, label.getAttribute("title"), what);
            assertTrue(block.getText().startsWith(LABEL + " "), what + ": " + block.getText());
          } else {
            assertTrue(!classes.contains("semantic"), what + ": " + classes);
            assertTrue(labels.isEmpty(), what + " has no label");
            assertTrue(!block.findElements(By.tagName("mark")).isEmpty(), what + " highlights");
          }
        }
      }
      WebElement firstLabel = browser.findElement(By.cssSelector("#hits span.why"));
      new Actions(browser).scrollToElement(firstLabel).perform();
      Files.createDirectories(Path.of("target"));
      Files.write(
          Path.of("target", "search-page-semantic.png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      assertEquals(semantic, browser.findElements(By.cssSelector("#hits span.why")).size());
      assertEquals(semantic, browser.findElements(By.cssSelector("#hits p.semantic")).size());
    } finally {
      browser.quit();
    }
  }
}
