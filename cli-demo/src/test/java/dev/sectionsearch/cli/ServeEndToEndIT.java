package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The real CLI jar serving an index over HTTP, used through its JSON API and a real browser. */
class ServeEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private ServedIndex served;
  private String url;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void serveTheSeedsAndAHostileDocument() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(
        docs.resolve("hostile.md"),
        "---\ntitle: <img src=x onerror=alert(1)> Drones\n---\n"
            + "Drones <script>alert(2)</script> fly over <b>Iran</b>.\n");
    Files.writeString(
        docs.resolve("tagged.md"),
        "---\ntitle: Ballooning\ntags: [aviation]\n---\nBalloons drift over the valley at dawn.\n");
    String index = work.resolve("index").toString();
    String seeds = CliProcess.seeds().toString();
    assertEquals(0, CliProcess.run("index", "--index", index, seeds).exitCode());
    assertEquals(0, CliProcess.run("index", "--index", index, docs.toString()).exitCode());
    served = ServedIndex.start(index);
    url = served.url();
  }

  @AfterEach
  void stop() throws Exception {
    served.stop();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void theJsonApiAnswersLikeTheCliAndRefusesWhatIsOutOfBounds() throws Exception {
    HttpResponse<String> found =
        get("api/search?q=" + encode("Russia Ukraine drones") + "&limit=3");
    assertEquals(200, found.statusCode());
    JsonNode results = JSON.readTree(found.body());
    assertEquals(3, results.get("hits").size());
    assertTrue(results.get("next").isTextual());
    JsonNode hit = results.get("hits").get(0);
    HttpResponse<String> section =
        get(
            "api/section?doc="
                + encode(hit.get("docId").asText())
                + "&ordinal="
                + hit.get("ordinal").asInt());
    assertEquals(200, section.statusCode());
    assertTrue(JSON.readTree(section.body()).get("text").asText().length() > 100);

    JsonNode described = JSON.readTree(get("api/index").body());
    assertEquals("[\"lexical\"]", described.get("modes").toString());
    assertTrue(described.get("suggestions").asBoolean());
    assertEquals("[\"tags\"]", described.get("metadataKeys").toString());
    assertEquals(15, described.get("sections").asInt(), described.toString());
    assertEquals(200, get("api/search?q=x&mode=lexical").statusCode());
    assertEquals(400, get("api/search?q=x&mode=semantic").statusCode(), "no vectors");
    assertEquals(400, get("api/search?q=x&mode=fuzzy").statusCode());

    assertEquals(400, get("api/search?q=x&limit=1000").statusCode());
    assertEquals(400, get("api/search?q=" + "a".repeat(5000)).statusCode());
    assertEquals(400, get("api/search?q=x&since=2024-02-30").statusCode());
    assertEquals(404, get("etc/passwd").statusCode());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "api/search?q=x"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode(), "the server is read-only");
  }

  @Test
  void anAnswerThatArrivesLateDoesNotReplaceTheResultsOfTheNewerSearch() throws Exception {
    WebDriver browser = ServedIndex.browser();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(url);
      // the first answer the page asks for arrives a second late, as from a slow server
      ((JavascriptExecutor) browser)
          .executeScript(
              "const fetchNow = window.fetch; let calls = 0;"
                  + "window.fetch = (...args) => { const late = calls++ === 0;"
                  + " return fetchNow(...args).then(r => new Promise(done =>"
                  + " setTimeout(() => { if (late) window.lateAnswered = true; done(r); },"
                  + " late ? 1000 : 0))); };");
      WebElement box = browser.findElement(By.id("q"));
      box.sendKeys("Iran");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      box.clear();
      box.sendKeys("sanctions");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(
          b ->
              Boolean.TRUE.equals(
                  ((JavascriptExecutor) b).executeScript("return window.lateAnswered")));
      Thread.sleep(200);
      List<WebElement> marks = browser.findElements(By.cssSelector("#hits li mark"));
      assertTrue(!marks.isEmpty(), "highlights are shown");
      for (WebElement mark : marks) {
        assertTrue(
            mark.getText().toLowerCase(Locale.ROOT).startsWith("sanction"),
            "the hits of the search typed last: " + mark.getText());
      }
    } finally {
      browser.quit();
    }
  }

  @Test
  void aPersonSearchesSeesHighlightsPagesAndFiltersByDateInARealBrowser() throws Exception {
    WebDriver browser = ServedIndex.browser();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(url);
      WebElement box = browser.findElement(By.id("q"));
      box.sendKeys("Iran");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Showing 10 of"));
      List<WebElement> marks = browser.findElements(By.cssSelector("#hits li mark"));
      assertTrue(!marks.isEmpty(), "highlights are shown");
      for (WebElement mark : marks) {
        // "Iran" or "Iran's": the word as the text spells it
        assertTrue(mark.getText().toLowerCase(Locale.ROOT).startsWith("iran"), mark.getText());
      }
      Files.createDirectories(Path.of("target"));
      Files.write(
          Path.of("target", "search-page.png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

      browser.findElement(By.id("more")).click();
      wait.until(b -> b.findElements(By.cssSelector("#hits > li")).size() > 10);
      int total = browser.findElements(By.cssSelector("#hits > li")).size();
      assertTrue(browser.findElement(By.id("status")).getText().startsWith("Showing " + total));

      // a title made of markup shows as text: no element of it reaches the page (the hostile
      // document may be among the hits already shown, so wait for those to be replaced first)
      WebElement shownBefore = browser.findElement(By.cssSelector("#hits h2"));
      box.clear();
      box.sendKeys("drones fly");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.stalenessOf(shownBefore));
      wait.until(b -> b.getPageSource().contains("onerror"));
      assertTrue(browser.findElements(By.cssSelector("#hits img, #hits script")).isEmpty());
      assertTrue(browser.findElement(By.cssSelector("#hits h2")).getText().contains("<img src=x"));

      browser.findElement(By.id("since")).sendKeys("01012090");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(b -> b.findElement(By.id("status")).getText().equals("No matches."));
    } finally {
      browser.quit();
    }
  }

  @Test
  void theAddressHoldsTheSearchAHitOpensItsSectionAndBackReturnsInARealBrowser() throws Exception {
    WebDriver browser = ServedIndex.browser();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      JavascriptExecutor js = (JavascriptExecutor) browser;
      // a search opened by its address shows its results
      browser.get(url + "?q=drones");
      wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Showing "));
      assertEquals("drones", browser.findElement(By.id("q")).getAttribute("value"));
      assertFalse(
          browser.findElement(By.id("mode-label")).isDisplayed(), "a lexical index has no modes");
      int listed = browser.findElements(By.cssSelector("#hits > li")).size();

      // a hit opens its whole section, the hit's passages marked in it
      WebElement first = browser.findElement(By.cssSelector("#hits > li h2 a"));
      String title = first.getText();
      first.click();
      wait.until(b -> !b.findElements(By.cssSelector("#section-text mark.passage")).isEmpty());
      assertTrue(browser.getCurrentUrl().contains("doc="), browser.getCurrentUrl());
      assertFalse(browser.findElement(By.id("results")).isDisplayed());
      assertEquals(title, browser.findElement(By.id("section-title")).getText());
      List<WebElement> marks =
          browser.findElements(By.cssSelector("#section-text mark.passage mark"));
      assertFalse(marks.isEmpty(), "the query's words are marked in the section");
      for (WebElement mark : marks) {
        assertTrue(mark.getText().toLowerCase(Locale.ROOT).startsWith("drone"), mark.getText());
      }
      @SuppressWarnings("unchecked")
      List<String> where =
          (List<String>)
              js.executeScript(
                  "const p = new URLSearchParams(location.search);"
                      + " return [p.get('doc'), p.get('ordinal')];");
      JsonNode section =
          JSON.readTree(
              get("api/section?doc=" + encode(where.get(0)) + "&ordinal=" + where.get(1)).body());
      assertEquals(
          section.get("text").asText(),
          js.executeScript("return document.getElementById('section-text').textContent"),
          "the whole section is shown");

      // back returns to the list as it was; forward opens the section again
      browser.navigate().back();
      wait.until(b -> b.findElement(By.id("results")).isDisplayed());
      assertFalse(browser.findElement(By.id("section")).isDisplayed());
      assertTrue(browser.getCurrentUrl().endsWith("/?q=drones"), browser.getCurrentUrl());
      assertEquals(listed, browser.findElements(By.cssSelector("#hits > li")).size());
      browser.navigate().forward();
      wait.until(b -> !b.findElements(By.cssSelector("#section-text mark.passage")).isEmpty());

      // the section's address alone opens it, its passages found again
      browser.navigate().refresh();
      wait.until(b -> !b.findElements(By.cssSelector("#section-text mark.passage")).isEmpty());
      assertEquals(title, browser.findElement(By.id("section-title")).getText());

      // suggestions while typing
      browser.get(url);
      WebElement box = browser.findElement(By.id("q"));
      box.sendKeys("ukr");
      wait.until(
          b ->
              b.findElements(By.cssSelector("#suggestions option")).stream()
                  .anyMatch(option -> "Ukraine".equals(option.getAttribute("value"))));

      // a misspelt query offers the corrected one as a link that searches for it
      box.clear();
      box.sendKeys("Rusia Ukrane");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      WebElement link = browser.findElement(By.id("corrected"));
      wait.until(b -> link.isDisplayed());
      assertEquals("Russia Ukraine", link.getText());
      link.click();
      wait.until(b -> b.getCurrentUrl().contains("q=Russia+Ukraine"));
      wait.until(b -> !b.findElement(By.id("didyoumean")).isDisplayed());
      assertEquals("Russia Ukraine", box.getAttribute("value"));
      browser.navigate().back();
      wait.until(b -> b.findElement(By.id("q")).getAttribute("value").equals("Rusia Ukrane"));
      wait.until(b -> b.findElement(By.id("didyoumean")).isDisplayed());

      // a metadata key the index has is offered as facet links that filter, in the address too
      browser.get(url + "?q=balloons");
      wait.until(b -> b.findElement(By.id("facets")).isDisplayed());
      browser.findElement(By.linkText("aviation")).click();
      wait.until(b -> b.getCurrentUrl().contains("filter=tags%3Daviation"));
      wait.until(b -> b.findElement(By.id("status")).getText().equals("Showing 1 of 1."));
      WebElement filter = browser.findElement(By.cssSelector("#filters button"));
      assertEquals("tags: aviation \u2715", filter.getText());
      filter.click();
      wait.until(b -> !b.getCurrentUrl().contains("filter="));
    } finally {
      browser.quit();
    }
  }

  @Test
  void concurrentClientsAreAnsweredWithinBounds() throws Exception {
    int clients = 4;
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<String> queries = List.of("Russia", "Iran drones", "nuclear program", "oil sanctions");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<Integer>> failures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        failures.add(
            pool.submit(
                () -> {
                  int failed = 0;
                  for (int i = 0; System.nanoTime() < until; i++) {
                    String q = queries.get((client + i) % queries.size());
                    long start = System.nanoTime();
                    failed += get("api/search?q=" + encode(q)).statusCode() == 200 ? 0 : 1;
                    latencies.add(System.nanoTime() - start);
                  }
                  return failed;
                }));
      }
      for (Future<Integer> failed : failures) {
        assertEquals(0, failed.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double perSecond = sorted.size() / 5.0;
    double p50 = sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "serve: %d clients, %.0f requests/s, p50 %.1f ms, p99 %.1f ms%n",
        clients,
        perSecond,
        p50,
        p99);
    assertTrue(sorted.size() > 20, "requests answered: " + sorted.size());
  }
}
