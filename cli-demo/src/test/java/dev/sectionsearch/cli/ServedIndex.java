package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real CLI jar's {@code serve} on an index, on 127.0.0.1 and a free port, and a headless
 * browser to look at its page: what the search page's end-to-end tests start.
 */
final class ServedIndex {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final Process server;
  private final String url;

  private ServedIndex(Process server, String url) {
    this.server = server;
    this.url = url;
  }

  /**
   * Starts {@code serve} on the index, with more options if given, and waits until it says where it
   * listens.
   */
  static ServedIndex start(String index, String... options) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-jar",
                CliProcess.jar().toString(),
                "serve",
                "--index",
                index,
                "--port",
                "0"));
    command.addAll(List.of(options));
    Process server =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.contains("http://127.0.0.1:"), "server said: " + line);
    String url =
        line.substring(line.indexOf("http://"), line.indexOf("/ ", line.indexOf("http://")) + 1);
    return new ServedIndex(server, url);
  }

  /** The page's address, ending in a slash. */
  String url() {
    return url;
  }

  /**
   * A headless Chromium driven through Selenium; the calling test is skipped where Debian's
   * chromium and chromium-driver are not installed.
   */
  static WebDriver browser() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** Stops the server and waits for it to exit. */
  void stop() throws InterruptedException {
    server.destroy();
    server.waitFor();
  }
}
