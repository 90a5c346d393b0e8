package org.styleatlas.host.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.host.ConnectionBudget;
import org.styleatlas.host.HostConfig;

/**
 * HTTP servers within the host's bounds (#19.3): idle connections closed after {@code
 * http.idleTimeoutSeconds}, and, on TCP, at most {@code tcp.maxConnections} connections open (one
 * more is closed at once).
 */
public final class BoundedHttp {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedHttp.class);

  private BoundedHttp() {}

  /** An HTTP server for a Unix socket: idle timeout only (only the owner can connect). */
  public static HttpServer unix(Vertx vertx, HostConfig config) {
    return vertx.createHttpServer(options(config));
  }

  /** An HTTP server for TCP: idle timeout and a cap on open connections. */
  public static HttpServer tcp(Vertx vertx, HostConfig config) {
    ConnectionBudget budget = new ConnectionBudget(config.limits().maxTcpConnections());
    return vertx.createHttpServer(options(config)).connectionHandler(conn -> admit(conn, budget));
  }

  /**
   * Idle timeout; without h2c detection a connection is HTTP/1 from its first byte on, so the
   * connection handler (and its cap) sees it at once instead of after the client's first bytes.
   */
  private static HttpServerOptions options(HostConfig config) {
    return new HttpServerOptions()
        .setIdleTimeout((int) config.limits().httpIdleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setHttp2ClearTextEnabled(false);
  }

  private static void admit(HttpConnection conn, ConnectionBudget budget) {
    if (!budget.tryAcquire()) {
      LOG.debug(
          "HTTP TCP connection from {} refused: {} connections open",
          conn.remoteAddress(),
          budget.max());
      conn.close();
      return;
    }
    conn.closeHandler(v -> budget.release());
  }
}
