package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.testing.SharedData;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

/**
 * Makes the two status page screenshots of docs/HOST.md on a real clip (DAVIS blackswan, collected
 * through the bridge at a long edge of {@value #LONG_EDGE} like a plug-in render, then decomposed
 * and stylized with the committed random-weight CLIP fixture): one while the decomposition trains,
 * one of the finished stylize job. Not part of the suite (minutes of training): it runs only with
 * {@code -Dstyleatlas.statusScreenshots=<folder>}, e.g. {@code mvn -B -o -q -pl vertx-host -am
 * -Dtest=StatusPageScreenshots -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstyleatlas.statusScreenshots=$PWD/docs test}.
 */
class StatusPageScreenshots {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPageScreenshots.class);
  private static final String PROPERTY = "styleatlas.statusScreenshots";
  private static final int LONG_EDGE = 256;
  private static final String PARAMS =
      "{\"prompt\":\"a swan made of gold\",\"quality\":\"draft\",\"iterations\":40,"
          + "\"matteSource\":\"alpha\"}";
  private static final Duration TRAINING = Duration.ofMinutes(20);

  @TempDir Path dir;

  @Test
  void screenshotsOfThePageOnBlackswan() throws Exception {
    String out = System.getProperty(PROPERTY);
    Assumptions.assumeTrue(
        out != null, "makes the docs' screenshots only with -D" + PROPERTY + "=<folder>");
    Assumptions.assumeTrue(
        StatusBrowser.missing().isEmpty(), () -> StatusBrowser.missing().orElseThrow());
    Assumptions.assumeTrue(
        Files.isDirectory(SharedData.frames("blackswan")), "no shared blackswan clip");
    Clip clip =
        ClipReader.read(
            new ClipRequest(
                SharedData.frames("blackswan"),
                Optional.of(SharedData.masks("blackswan")),
                LONG_EDGE));
    Map<String, String> settings = new HashMap<>();
    settings.put("decomposeIterations", "1500");
    settings.put("decomposePretrain", "100");
    settings.put("decomposeBatch", "2048");
    settings.put("atlasResolution", "256");
    settings.put("longEdge", "0");
    try (EngineHost host =
            TestHost.start(TestHost.config(dir, false), TinyPipeline.discover(dir, settings));
        StatusBrowser browser = StatusBrowser.start(dir.resolve("chromium-profile"), 1280, 900)) {
      Path sock = host.config().bridgeSocket();
      String link = link(host);
      browser.driver().get(link);
      int w = clip.width();
      int h = clip.height();
      for (int t = 0; t < clip.frameCount(); t++) {
        render(sock, clip, t);
      }
      browser.await(
          TRAINING,
          "the decomposition trains with a loss",
          d ->
              !d.findElements(By.cssSelector("tr.job.running td.loss")).isEmpty()
                  && !d.findElement(By.cssSelector("tr.job.running td.loss")).getText().isEmpty()
                  && !d.findElement(By.cssSelector("tr.job.running td.eta")).getText().isEmpty());
      browser.driver().findElement(By.cssSelector("tr.job.running")).click();
      Thread.sleep(8000);
      browser.js("window.scrollTo(0, 0)");
      browser.screenshot(Path.of(out, "status-page-training.png"));

      long end = System.currentTimeMillis() + TRAINING.toMillis();
      JsonNode r = render(sock, clip, 10);
      while (!r.path("status").asText().equals("stylized") && System.currentTimeMillis() < end) {
        Thread.sleep(2000);
        r = render(sock, clip, 10);
      }
      assertEquals("stylized", r.path("status").asText(), r.toString());
      browser.await(
          Duration.ofSeconds(30),
          "the stylize job is listed as succeeded",
          d -> !d.findElements(By.cssSelector("tr.job.succeeded")).isEmpty());
      browser.driver().findElements(By.cssSelector("tr.job.succeeded")).stream()
          .filter(e -> e.findElement(By.className("kind")).getText().equals("stylize"))
          .findFirst()
          .orElseThrow()
          .click();
      browser.driver().findElement(By.id("frame")).clear();
      browser.driver().findElement(By.id("frame")).sendKeys("10\n");
      Thread.sleep(3000);
      browser.js("document.getElementById('detail').scrollIntoView()");
      browser.screenshot(Path.of(out, "status-page-finished.png"));
      LOG.info("screenshots of {}x{} blackswan written to {}", w, h, out);
    }
  }

  private static String link(EngineHost host) throws Exception {
    WebClient web = WebClient.create(host.vertx());
    try {
      HttpResponse<Buffer> res =
          web.request(
                  HttpMethod.POST,
                  SocketAddress.domainSocketAddress(host.config().httpSocket().toString()),
                  "/v1/status")
              .send()
              .await(20, TimeUnit.SECONDS);
      return res.bodyAsJsonObject().getString("url");
    } finally {
      web.close();
    }
  }

  /** Renders frame t over the bridge, keyed: RGB with the DAVIS mask as alpha. */
  private static JsonNode render(Path sock, Clip clip, int t) throws Exception {
    float[] px = TestFrames.keyed(clip.frame(t).rgb().pixels(), clip.matte(t).values());
    try (ShimClient c = ShimClient.unix(sock);
        ShmRequest shm = new ShmRequest(clip.width(), clip.height(), px)) {
      return c.call(shm.render(t, t, clip.frameCount(), PARAMS));
    }
  }
}
