package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;

/**
 * The status page in Debian's headless chromium (Selenium), on a host with the registered pipeline
 * shrunk by {@link TinyPipeline} (real decompose and stylize jobs on a 64x36 clip of 6 frames): the
 * one-time link opens the page and nothing opens without it; a running job's progress bar advances
 * live and Cancel stops it; a failed job shows its error and retries; a stylize job on the
 * cancelled job's clip (its decomposition resumes from the checkpoint) shows its loss chart, both
 * atlases and three different before/after frames; with 20 more jobs and a 300-frame clip, the
 * table lists them all, the clip's thumbnails come 12 a page, and the plug-in's pending replies
 * name the page. Every test saves a screenshot under {@code target/status-page/}. Skipped, saying
 * so, where chromium or chromium-driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int W = 64;
  private static final int H = 36;
  private static final int FRAMES = 6;
  private static final Duration LIVE = Duration.ofSeconds(60);
  private static final Duration PIPELINE = Duration.ofSeconds(240);

  /**
   * Main decomposition steps: enough for the live test to see the bar move and cancel before the
   * job ends (the stylize test then resumes that decomposition from its checkpoint).
   */
  private static final int MANY_JOBS = 20;

  private static final int LONG_CLIP = 300;
  private static final String DECOMPOSE_STEPS = "400";
  private static final String STYLE =
      "{\"prompt\":\"a swan made of gold\",\"quality\":\"draft\",\"iterations\":3,"
          + "\"matteSource\":\"alpha\"}";

  @TempDir static Path dir;
  private EngineHost host;
  private StatusBrowser browser;
  private String origin;
  private final HttpClient http = HttpClient.newHttpClient();
  private SyntheticClip synthetic;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(
        StatusBrowser.missing().isEmpty(), () -> StatusBrowser.missing().orElseThrow());
    Map<String, String> settings = new HashMap<>(TinyPipeline.WIRING_ONLY);
    settings.put("decomposeIterations", DECOMPOSE_STEPS);
    settings.put("longEdge", "0");
    host = TestHost.start(TestHost.config(dir, false), TinyPipeline.discover(dir, settings));
    synthetic =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));
    browser = StatusBrowser.start(dir.resolve("chromium-profile"), 1400, 1000);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (host != null) {
      host.close();
    }
  }

  /**
   * {@code POST /v1/status} on the host's Unix socket: the page's link with a new one-time token.
   */
  private URI openLink() throws Exception {
    WebClient web = WebClient.create(host.vertx());
    try {
      HttpResponse<Buffer> res =
          web.request(
                  io.vertx.core.http.HttpMethod.POST,
                  SocketAddress.domainSocketAddress(host.config().httpSocket().toString()),
                  "/v1/status")
              .send()
              .await(20, TimeUnit.SECONDS);
      assertEquals(200, res.statusCode(), res.bodyAsString());
      return URI.create(res.bodyAsJsonObject().getString("url"));
    } finally {
      web.close();
    }
  }

  /** Opens the page in the browser with a fresh link (the browser keeps its session cookie). */
  private void openPage() throws Exception {
    URI link = openLink();
    origin = link.getScheme() + "://" + link.getAuthority();
    browser.driver().get(link.toString());
    browser.await(
        LIVE,
        "the page loads its jobs",
        d -> d.findElement(By.id("live")).getAttribute("class").equals("on"));
  }

  private java.net.http.HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), BodyHandlers.ofString());
  }

  /** A call to the page's API as the browser makes it (with its session cookie). */
  private JsonNode call(String method, String path, String body) throws Exception {
    String cookie =
        "styleatlas-status="
            + browser.driver().manage().getCookieNamed("styleatlas-status").getValue();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(origin + path))
            .header("Cookie", cookie)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    java.net.http.HttpResponse<String> res = http.send(req, BodyHandlers.ofString());
    assertTrue(
        res.statusCode() < 300, method + " " + path + ": " + res.statusCode() + " " + res.body());
    return JSON.readTree(res.body());
  }

  /** Writes the generated clip as PNG files; with alpha = the object's matte when {@code keyed}. */
  private Path clipFiles(String name, boolean keyed) throws Exception {
    return clipFiles(name, keyed, 0);
  }

  /**
   * The generated clip's frames as PNGs; {@code variant} > 0 sets the first pixel's red of each
   * frame to that 8-bit level, so each variant is another clip (a job on files is identified by its
   * frames' content, not by the folder).
   */
  private Path clipFiles(String name, boolean keyed, int variant) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (int t = 0; t < FRAMES; t++) {
      Frame f =
          keyed
              ? new Frame(W, H, 4, PipelineRunnersTest.keyed(synthetic, t))
              : synthetic.clip().frame(t).rgb();
      if (variant > 0) {
        float[] pixels = f.pixels().clone();
        pixels[0] = variant / 255f;
        f = new Frame(f.width(), f.height(), f.channels(), pixels);
      }
      ClipWriter.writePng(f, folder.resolve(String.format("%05d.png", t)));
    }
    return folder;
  }

  /**
   * Submits an interactive decompose job of a frame folder through the page's API; returns its id.
   */
  private String submitDecompose(Path frames, String matteSource) throws Exception {
    return call(
            "POST",
            "/v1/jobs",
            "{\"kind\":\"decompose\",\"priority\":\"interactive\",\"source\":\""
                + frames
                + "\",\"params\":{\"matteSource\":\""
                + matteSource
                + "\"}}")
        .path("id")
        .asText();
  }

  private WebElement jobRow(String id) {
    return browser.driver().findElement(By.cssSelector("tr.job[data-id='" + id + "']"));
  }

  private String cell(String id, String cls) {
    return jobRow(id).findElement(By.className(cls)).getText();
  }

  private void awaitState(String id, String state, Duration timeout) {
    browser.await(
        timeout,
        "job " + id + " is shown " + state,
        d -> {
          List<WebElement> rows =
              d.findElements(By.cssSelector("tr.job[data-id='" + id + "'] td.state"));
          return !rows.isEmpty() && rows.get(0).getText().equals(state);
        });
  }

  @Test
  @Order(1)
  void theOneTimeLinkOpensThePageAndNothingOpensWithoutIt() throws Exception {
    URI link = openLink();
    String base = link.getScheme() + "://" + link.getAuthority();
    assertEquals("127.0.0.1", link.getHost(), "the page listens on loopback only");
    for (String path : List.of("/", "/status.js", "/v1/jobs", "/v1/health", "/v1/status/jobs")) {
      assertEquals(401, get(base + path, null).statusCode(), path + " without the session cookie");
      assertEquals(
          401,
          get(base + path, "styleatlas-status=0123456789abcdef").statusCode(),
          path + " with a made-up cookie");
    }
    assertEquals(
        401, get(base + "/?token=" + "ab".repeat(32), null).statusCode(), "a made-up token");

    browser.driver().get(link.toString());
    browser.await(
        LIVE,
        "the page is shown",
        d -> d.findElement(By.id("live")).getAttribute("class").equals("on"));
    assertEquals(
        base + "/", browser.driver().getCurrentUrl(), "the token is gone from the address bar");
    assertEquals("StyleAtlas engine status", browser.driver().getTitle());
    browser.await(
        LIVE,
        "the health line is filled",
        d -> d.findElement(By.id("health")).getText().startsWith("engine "));
    var cookie = browser.driver().manage().getCookieNamed("styleatlas-status");
    assertTrue(cookie.isHttpOnly(), "the session cookie is HTTP-only");
    assertEquals(401, get(link.toString(), null).statusCode(), "the token works once only");
    assertEquals(
        200,
        get(base + "/v1/health", "styleatlas-status=" + cookie.getValue()).statusCode(),
        "the API answers with the session cookie");
    origin = base;
    browser.screenshot("01-opened-with-token");
  }

  @Test
  @Order(2)
  void aFailedJobShowsItsErrorAndCanBeRetried() throws Exception {
    openPage();
    String id = submitDecompose(clipFiles("no-matte", false), "clip");
    awaitState(id, "failed", LIVE);
    String message = call("GET", "/v1/jobs/" + id, null).path("message").asText();
    assertTrue(message.contains("no matte"), "the runner's own words: " + message);
    jobRow(id).click();
    WebElement error = browser.driver().findElement(By.id("error"));
    browser.await(LIVE, "the error box is shown", d -> error.isDisplayed());
    assertEquals("This job failed: " + message, error.getText());
    assertFalse(
        jobRow(id).findElements(By.cssSelector("button.retry")).isEmpty(),
        "a failed job offers Retry");
    browser.screenshot("02-failed-job");

    jobRow(id).findElement(By.cssSelector("button.retry")).click();
    browser.await(
        LIVE,
        "the retried job appears as a new job and fails again",
        d -> d.findElements(By.cssSelector("tr.job.failed")).size() == 2);
    assertTrue(host.jobs().get(id).isPresent(), "the first failure's record stays");
  }

  @Test
  @Order(3)
  void aRunningJobsProgressBarAdvancesLiveAndCancelStopsIt() throws Exception {
    openPage();
    String id = submitDecompose(clipFiles("keyed", true), "alpha");
    Set<String> seen = new HashSet<>();
    browser.await(
        LIVE,
        "the progress bar of the decompose stage takes three values",
        d -> {
          if (cell(id, "stage").equals("decompose")) {
            seen.add(jobRow(id).findElement(By.className("bar")).getAttribute("data-progress"));
          }
          return seen.size() >= 3;
        });
    String width = jobRow(id).findElement(By.className("fill")).getAttribute("style");
    assertTrue(width.matches(".*width: [0-9.]+%.*"), width);
    assertFalse(cell(id, "loss").isEmpty(), "the loss of the last step is shown");
    browser.await(LIVE, "an ETA is shown", d -> !cell(id, "eta").isEmpty());
    browser.screenshot("03-running-job");

    jobRow(id).findElement(By.cssSelector("button.cancel")).click();
    awaitState(id, "cancelled", LIVE);
    JsonNode after = call("GET", "/v1/jobs/" + id, null);
    assertEquals("cancelled", after.path("state").asText());
    assertTrue(after.path("progress").asDouble() < 1, "stopped before the end: " + after);
    browser.screenshot("03-cancelled-job");
  }

  @Test
  @Order(4)
  void aFinishedStylizeJobShowsItsLossChartAtlasesAndThreeDifferentFrames() throws Exception {
    openPage();
    // The clip of the cancelled job above: its decomposition resumes from the checkpoint the cancel
    // kept.
    String id =
        call(
                "POST",
                "/v1/jobs",
                "{\"kind\":\"stylize\",\"priority\":\"interactive\",\"source\":\""
                    + dir.resolve("keyed")
                    + "\",\"params\":"
                    + STYLE
                    + "}")
            .path("id")
            .asText();
    awaitState(id, "succeeded", PIPELINE);
    jobRow(id).click();

    WebElement chart = browser.driver().findElement(By.id("loss-chart"));
    browser.await(
        LIVE,
        "the loss chart is drawn from the report",
        d -> "report".equals(chart.getAttribute("data-source")));
    assertTrue(Integer.parseInt(chart.getAttribute("data-points")) > 0);
    long drawn =
        ((Number)
                browser.js(
                    "const c = arguments[0]; const px = c.getContext('2d')"
                        + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + "for (let i = 0; i < px.length; i += 4) { if (px[i + 2] > 200 && px[i] < 100) n++; } return n;",
                    chart))
            .longValue();
    assertTrue(drawn > 50, "the curve is drawn in blue: " + drawn + " pixels");

    for (String atlas : List.of("atlas-foreground", "atlas-background")) {
      WebElement img = browser.driver().findElement(By.id(atlas));
      browser.await(LIVE, atlas + " is loaded", d -> loaded(img));
    }
    List<WebElement> views =
        List.of("view-original", "view-reconstruction", "view-composite").stream()
            .map(v -> browser.driver().findElement(By.id(v)))
            .toList();
    browser.await(
        LIVE,
        "the three before/after frames are loaded",
        d -> views.stream().allMatch(this::loaded));
    @SuppressWarnings("unchecked")
    List<String> pixels =
        (List<String>)
            browser.js(
                "return Array.from(arguments).map(img => {"
                    + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                    + "c.getContext('2d').drawImage(img, 0, 0); return c.toDataURL(); });",
                views.toArray());
    assertEquals(
        3, new HashSet<>(pixels).size(), "source, reconstruction and stylized frames differ");
    assertEquals(
        (long) W,
        ((Number) browser.js("return arguments[0].naturalWidth", views.get(0))).longValue(),
        "rendered at the working size");
    browser.screenshot("04-finished-stylize-job");

    String before = views.get(2).getAttribute("src");
    browser.driver().findElement(By.id("frame-next")).click();
    browser.await(
        LIVE, "the next frame is shown", d -> !views.get(2).getAttribute("src").equals(before));
    assertNotEquals(before, views.get(2).getAttribute("src"));
  }

  @Test
  @Order(5)
  void staysUsableWithManyJobsAndALongClip() throws Exception {
    openPage();
    for (int i = 0; i < MANY_JOBS; i++) {
      submitDecompose(clipFiles("no-matte-" + i, false, i + 1), "clip");
    }
    int w = 16;
    int h = 9;
    try (ShimClient c = ShimClient.unix(host.config().bridgeSocket());
        ShmRequest shm = new ShmRequest(w, h, new float[w * h * 4])) {
      for (int t = 0; t < LONG_CLIP; t++) {
        TestFrames.put(shm.input(), TestFrames.rgba(w, h, t));
        JsonNode pending = c.call(shm.render(t, t, LONG_CLIP, "{\"matteSource\":\"alpha\"}"));
        assertTrue(
            pending.path("message").asText().endsWith(" (details: " + origin + "/)"),
            "the plug-in's Status shows the page's address: " + pending);
      }
    }
    browser.await(
        LIVE,
        "every job is listed and none is left running",
        d ->
            d.findElements(By.cssSelector("tr.job")).size() == host.jobs().list().size()
                && host.jobs().list().size() > MANY_JOBS + 1
                && d.findElements(By.cssSelector("tr.job.queued, tr.job.running")).isEmpty());
    WebElement clip =
        browser.await(
            LIVE,
            "the 300-frame clip is listed",
            d ->
                d.findElements(By.cssSelector(".clip")).stream()
                    .filter(
                        e ->
                            e.findElement(By.tagName("h3"))
                                .getText()
                                .contains(LONG_CLIP + " frames"))
                    .findFirst()
                    .orElse(null));
    assertEquals(
        12,
        clip.findElements(By.cssSelector(".thumbs img")).size(),
        "one page of thumbnails, not 300");
    assertEquals("frames 0–11 · page 1 of 25", clip.findElement(By.className("page")).getText());
    browser.await(
        LIVE,
        "the first page's thumbnails load",
        d -> clip.findElements(By.cssSelector(".thumbs img")).stream().allMatch(this::loaded));
    clip.findElement(By.className("next")).click();
    assertEquals("frames 12–23 · page 2 of 25", clip.findElement(By.className("page")).getText());
    assertEquals("12", clip.findElement(By.cssSelector(".thumbs figcaption")).getText());
    browser.await(
        LIVE,
        "the second page's thumbnails load",
        d -> clip.findElements(By.cssSelector(".thumbs img")).stream().allMatch(this::loaded));
    browser.screenshot("05-many-jobs-long-clip");
  }

  private boolean loaded(WebElement img) {
    return Boolean.TRUE.equals(
        browser.js("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
  }
}
