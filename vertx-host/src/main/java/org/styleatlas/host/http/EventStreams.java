package org.styleatlas.host.http;

import io.vertx.core.http.HttpServerResponse;
import org.styleatlas.host.HostConfig;

/**
 * What every Server-Sent Events stream of the host shares (#19.3, docs/HOST.md "Security model"): a
 * comment line sent well within {@code http.idleTimeoutSeconds}, so a quiet stream is not closed as
 * idle.
 */
public final class EventStreams {
  /** An SSE comment: ignored by every client, but traffic for the idle timeout. */
  public static final String KEEP_ALIVE = ": keep-alive\n\n";

  private EventStreams() {}

  /** Milliseconds between keep-alive comments: a third of the HTTP idle timeout, at least 100. */
  public static long heartbeatMillis(HostConfig config) {
    return Math.max(100, config.limits().httpIdleTimeout().toMillis() / 3);
  }

  /** Starts {@code res} as an event stream (chunked, {@code text/event-stream}, not cached). */
  public static HttpServerResponse open(HttpServerResponse res) {
    return res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache");
  }

  /** Writes one keep-alive comment unless the stream has ended or its connection closed. */
  public static void keepAlive(HttpServerResponse res) {
    if (!res.ended() && !res.closed()) {
      res.write(KEEP_ALIVE);
    }
  }
}
