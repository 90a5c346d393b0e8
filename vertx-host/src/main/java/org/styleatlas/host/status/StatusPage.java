package org.styleatlas.host.status;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.styleatlas.host.http.ApiError;

/**
 * The status page's constants and the API call that opens it ({@code POST /v1/status},
 * docs/HOST.md): the host opens the page's loopback listener if it is not open yet and answers a
 * link with a new one-time token.
 */
public final class StatusPage {
  /** Event-bus address: any body → the page's link with a new one-time token (a String). */
  public static final String OPEN = "styleatlas.status.open";

  /** The HTTP API call that answers {@code {"url": "http://127.0.0.1:<port>/?token=<token>"}}. */
  public static final String OPEN_PATH = "/v1/status";

  /** The page's listener binds this address only. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The HTTP-only session cookie the one-time token becomes. */
  static final String COOKIE = "styleatlas-status";

  /** The query parameter of the one-time token. */
  static final String TOKEN_PARAM = "token";

  /** Vert.x local map holding {@link #BASE_KEY}: the page's address once its listener is open. */
  static final String SHARED_MAP = "styleatlas.status";

  static final String BASE_KEY = "base";

  private StatusPage() {}

  /**
   * A pending render's message with where to watch the engine, for the plug-in's <i>Status</i>: the
   * page's address once it is open (a browser that opened it with a link has its cookie), else the
   * command that opens it.
   */
  public static String withPageHint(Vertx vertx, String message) {
    Object base = vertx.sharedData().getLocalMap(SHARED_MAP).get(BASE_KEY);
    return message + " (details: " + (base != null ? base : "styleatlas status") + ")";
  }

  /** The handler of {@link #OPEN_PATH} on the HTTP API. */
  public static Handler<RoutingContext> openHandler(Vertx vertx) {
    return ctx ->
        vertx
            .eventBus()
            .<String>request(OPEN, "")
            .onSuccess(
                m ->
                    ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("url", m.body()).encode()))
            .onFailure(t -> ApiError.fail(ctx, t));
  }
}
