package org.styleatlas.host.status;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running host for a status page link: {@code POST /v1/status} on its HTTP Unix socket
 * (docs/HOST.md). Used by {@code styleatlas status}.
 */
public final class StatusLinkClient {
  private record Answer(int status, Buffer body) {}

  private StatusLinkClient() {}

  /**
   * @param httpSocket the host's HTTP API socket ({@code http.socket})
   * @return the page's link, with a new one-time token
   * @throws IOException when no host answers on the socket, or it refuses
   */
  public static URI requestLink(Path httpSocket, Duration timeout) throws IOException {
    if (!Files.exists(httpSocket)) {
      throw new IOException(
          "no StyleAtlas host runs on " + httpSocket + " (start one with 'styleatlas serve')");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      HttpClientAgent client = vertx.createHttpClient();
      RequestOptions req =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setServer(SocketAddress.domainSocketAddress(httpSocket.toString()))
              .setHost("localhost")
              .setURI(StatusPage.OPEN_PATH);
      Answer answer;
      try {
        answer =
            client
                .request(req)
                .compose(HttpClientRequest::send)
                .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b)))
                .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IOException(
            "the host on "
                + httpSocket
                + " does not answer: "
                + e
                + " (is 'styleatlas serve' running?)",
            e);
      }
      JsonObject json = new JsonObject(answer.body());
      if (answer.status() != 200) {
        throw new IOException(
            "the host on "
                + httpSocket
                + " refused the status page ("
                + answer.status()
                + "): "
                + json.getString("message", answer.body().toString()));
      }
      return URI.create(json.getString("url"));
    } finally {
      vertx.close();
    }
  }
}
