package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * The HTTP API over the host's Unix socket: submit, progress as SSE, cancel, restart and resume.
 */
class JobsApiTest extends HostTestBase {
  private JsonObject call(Vertx vertx, HttpMethod method, String uri, JsonObject body)
      throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      var req =
          web.request(
              method,
              SocketAddress.domainSocketAddress(host.config().httpSocket().toString()),
              uri);
      HttpResponse<Buffer> res =
          (body == null ? req.send() : req.sendJsonObject(body)).await(20, TimeUnit.SECONDS);
      return new JsonObject().put("status", res.statusCode()).put("body", res.bodyAsJsonObject());
    } finally {
      web.close();
    }
  }

  private JsonObject jobRequest() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("clip-frames"));
    return new JsonObject()
        .put("kind", "decompose")
        .put("priority", "batch")
        .put("source", frames.toString());
  }

  private static void await(java.util.function.BooleanSupplier cond, String what)
      throws InterruptedException {
    long end = System.currentTimeMillis() + 20_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void submitStreamsProgressAndCancelsMidway(Vertx vertx, VertxTestContext ctx) throws Exception {
    CountingRunner runner = new CountingRunner(2000, 2);
    host =
        TestHost.start(
            TestHost.config(dir, false), new JobRunners().set(JobKind.DECOMPOSE, runner));
    assertEquals(
        "ok",
        call(vertx, HttpMethod.GET, "/v1/health", null).getJsonObject("body").getString("status"));

    JsonObject created = call(vertx, HttpMethod.POST, "/v1/jobs", jobRequest());
    assertEquals(201, created.getInteger("status"), created.encode());
    String id = created.getJsonObject("body").getString("id");

    List<JsonObject> events = new CopyOnWriteArrayList<>();
    HttpClient http = vertx.createHttpClient();
    RequestOptions sse =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI("/v1/jobs/" + id + "/events")
            .setHost("localhost")
            .setServer(SocketAddress.domainSocketAddress(host.config().httpSocket().toString()));
    StringBuilder pending = new StringBuilder();
    http.request(sse)
        .compose(r -> r.send())
        .onComplete(
            ctx.succeeding(
                res -> {
                  ctx.verify(
                      () -> assertEquals("text/event-stream", res.getHeader("Content-Type")));
                  res.handler(
                      chunk -> {
                        pending.append(chunk.toString());
                        int end;
                        while ((end = pending.indexOf("\n\n")) >= 0) {
                          String ev = pending.substring(0, end);
                          pending.delete(0, end + 2);
                          ev.lines()
                              .filter(l -> l.startsWith("data: "))
                              .forEach(l -> events.add(new JsonObject(l.substring(6))));
                        }
                      });
                  res.endHandler(v -> ctx.completeNow());
                }));

    await(
        () -> events.stream().anyMatch(e -> e.getDouble("progress") >= 0.05), "SSE shows progress");
    JsonObject cancelled = call(vertx, HttpMethod.DELETE, "/v1/jobs/" + id, null);
    assertEquals(200, cancelled.getInteger("status"));
    assertTrue(
        ctx.awaitCompletion(20, TimeUnit.SECONDS),
        "the event stream ends when the job is cancelled");
    JsonObject last = events.get(events.size() - 1);
    assertEquals("cancelled", last.getString("state"), last.encode());
    assertTrue(last.getDouble("progress") < 1.0);
    assertEquals(
        "cancelled",
        call(vertx, HttpMethod.GET, "/v1/jobs/" + id, null)
            .getJsonObject("body")
            .getString("state"));
    assertTrue(runner.finished.isEmpty());
    http.close();
  }

  @Test
  void restartResumesTheInterruptedJobAndOnlyOneHostRuns(Vertx vertx) throws Exception {
    HostConfig config = TestHost.config(dir, false);
    CountingRunner first = new CountingRunner(400, 5);
    host = TestHost.start(config, new JobRunners().set(JobKind.DECOMPOSE, first));
    assertTrue(
        EngineHost.start(config, JobRunners.none(), TestHost.options()).isEmpty(),
        "a second start finds the running host");
    String id =
        call(vertx, HttpMethod.POST, "/v1/jobs", jobRequest())
            .getJsonObject("body")
            .getString("id");
    await(() -> host.jobs().get(id).orElseThrow().progress() >= 0.05, "the job made progress");
    host.close();
    assertFalse(Files.exists(config.bridgeSocket()), "shutdown removes the bridge socket");
    assertFalse(Files.exists(config.httpSocket()), "shutdown removes the HTTP socket");

    CountingRunner second = new CountingRunner(400, 1);
    host = TestHost.start(config, new JobRunners().set(JobKind.DECOMPOSE, second));
    await(() -> host.jobs().get(id).orElseThrow().state().terminal(), "the resumed job finishes");
    JsonObject job = call(vertx, HttpMethod.GET, "/v1/jobs/" + id, null).getJsonObject("body");
    assertEquals("succeeded", job.getString("state"), job.encode());
    assertEquals(2, job.getInteger("runs"));
    assertTrue(
        second.lastStart(id) >= 20, "resumed from the checkpoint, not from 0: " + second.starts);
  }
}
