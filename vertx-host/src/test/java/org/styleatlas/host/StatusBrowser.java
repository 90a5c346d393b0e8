package org.styleatlas.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless chromium driven by Selenium through Debian's chromium-driver (both installed by
 * scripts/setup-debian.sh). Selenium Manager is never asked for a browser or a driver: both paths
 * are given. {@code -Dstyleatlas.chromium=…} and {@code -Dstyleatlas.chromedriver=…} override the
 * paths.
 */
public final class StatusBrowser implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusBrowser.class);
  static final Path CHROMIUM =
      Path.of(System.getProperty("styleatlas.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("styleatlas.chromedriver", "/usr/bin/chromedriver"));

  /** Where each test saves its screenshot. */
  static final Path SCREENSHOTS = Path.of("target", "status-page");

  private final ChromeDriver driver;

  private StatusBrowser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Why the browser tests cannot run here, or empty when chromium and its driver are installed. */
  static Optional<String> missing() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return Optional.empty();
    }
    return Optional.of(
        "the status page's browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "); run scripts/setup-debian.sh");
  }

  /**
   * Starts a headless chromium with its own profile in {@code profile}, at {@code width}x{@code
   * height}.
   */
  static StatusBrowser start(Path profile, int width, int height) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    long start = System.nanoTime();
    ChromeDriver d = new ChromeDriver(service, o);
    LOG.info(
        "chromium {} up in {} ms",
        d.getCapabilities().getBrowserVersion(),
        (System.nanoTime() - start) / 1_000_000);
    return new StatusBrowser(d);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Runs JavaScript in the page. */
  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Waits until {@code condition} holds, polling every 100 ms. */
  public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
        .withMessage(what)
        .until(condition);
  }

  /** Saves a screenshot as {@code target/status-page/<name>.png}. */
  public Path screenshot(String name) throws IOException {
    return screenshot(SCREENSHOTS.resolve(name + ".png"));
  }

  /** Saves a screenshot of the window as a PNG file. */
  public Path screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    LOG.info("screenshot {}", file.toAbsolutePath());
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
