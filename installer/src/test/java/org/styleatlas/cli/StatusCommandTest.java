package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;

/**
 * {@code styleatlas status --no-browser} against a host started on a private folder (found through
 * the same config layers as {@code serve}): it prints a loopback link whose token works once and
 * becomes an HTTP-only cookie; without a host it fails with exit code 1 and says how to start one.
 */
class StatusCommandTest {
  private static final Pattern LINK =
      Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+/\\?token=[0-9a-f]{64}");
  private static final List<String> KEYS = List.of("runtime.dir", "cache.dir", "state.dir");

  @TempDir Path dir;

  @BeforeEach
  void privateFolders() {
    KEYS.forEach(k -> System.setProperty("styleatlas." + k, dir.resolve(k).toString()));
  }

  @AfterEach
  void clear() {
    KEYS.forEach(k -> System.clearProperty("styleatlas." + k));
  }

  @Test
  void withoutAHostItSaysHowToStartOne() {
    CapturedCli cli = new CapturedCli();
    assertEquals(ExitCodes.FAILED, cli.run("status", "--no-browser"));
    assertTrue(
        cli.err().contains("no StyleAtlas host runs on") && cli.err().contains("styleatlas serve"),
        cli.err());
  }

  @Test
  void printsAOneTimeLinkThatBecomesAnHttpOnlyCookie() throws Exception {
    try (EngineHost host =
        EngineHost.start(
                new ConfigLoader(Map.of(), System.getProperties()).load(null), new JobRunners())
            .orElseThrow()) {
      CapturedCli cli = new CapturedCli();
      assertEquals(ExitCodes.OK, cli.run("status", "--no-browser"), cli.err());
      Matcher m = LINK.matcher(cli.out());
      assertTrue(m.find(), cli.out());
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> first =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(303, first.statusCode(), "redirects to the page without the token");
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(
          cookie.startsWith("styleatlas-status=")
              && cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"),
          cookie);
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, again.statusCode(), "the token works once");
      String page = URI.create(m.group()).resolve("/").toString();
      HttpResponse<String> withCookie =
          http.send(
              HttpRequest.newBuilder(URI.create(page))
                  .header("Cookie", cookie.split(";")[0])
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, withCookie.statusCode());
      assertTrue(withCookie.body().contains("<title>StyleAtlas engine status</title>"));
    }
  }
}
