package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.SpecKeys;

/**
 * A submit that is slow to address its job (the pipeline reads a clip on files to recognise it,
 * seconds for a long clip) holds up no other request: here the addressing waits for a latch.
 */
class SlowSubmitTest extends HostTestBase {
  /** {@link SpecKeys}, whose decomposition address waits until {@link #release} opens. */
  private static final class WaitingKeys implements ArtifactKeys {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public CacheKey decomposition(JobSpec spec) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SpecKeys.INSTANCE.decomposition(spec);
    }

    @Override
    public CacheKey stylized(JobSpec spec) {
      return SpecKeys.INSTANCE.stylized(spec);
    }
  }

  @Test
  void queriesAnswerWhileASubmitIsAddressingItsClip(Vertx vertx) throws Exception {
    WaitingKeys keys = new WaitingKeys();
    host =
        TestHost.start(
            TestHost.config(dir, false),
            new JobRunners().set(JobKind.DECOMPOSE, new CountingRunner(1, 1)).setKeys(keys));
    WebClient web = WebClient.create(vertx);
    try {
      SocketAddress api = SocketAddress.domainSocketAddress(host.config().httpSocket().toString());
      Future<HttpResponse<Buffer>> submitted =
          web.request(HttpMethod.POST, api, "/v1/jobs")
              .sendJsonObject(
                  new JsonObject()
                      .put("kind", "decompose")
                      .put("priority", "batch")
                      .put("source", Files.createDirectories(dir.resolve("frames")).toString()));
      assertTrue(keys.entered.await(20, TimeUnit.SECONDS), "the submit reached the addressing");

      HttpResponse<Buffer> list =
          web.request(HttpMethod.GET, api, "/v1/jobs").send().await(10, TimeUnit.SECONDS);
      assertEquals(200, list.statusCode(), list.bodyAsString());
      assertFalse(submitted.isComplete(), "the list answered while the submit was still waiting");

      keys.release.countDown();
      HttpResponse<Buffer> res = submitted.await(20, TimeUnit.SECONDS);
      assertEquals(201, res.statusCode(), res.bodyAsString());
    } finally {
      keys.release.countDown();
      web.close();
    }
  }
}
