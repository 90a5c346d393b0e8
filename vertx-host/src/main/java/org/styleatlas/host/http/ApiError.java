package org.styleatlas.host.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;

/**
 * Every HTTP error is JSON: {@code {"status": 400, "error": "bad-input", "message": "source:
 * ..."}}.
 */
public final class ApiError {
  private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

  private ApiError() {}

  public static void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body =
        new JsonObject().put("status", status).put("error", code(status)).put("message", message);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  /** Maps a failure (event-bus reply, bad input, anything else) to its status and message. */
  public static void fail(RoutingContext ctx, Throwable t) {
    if (t instanceof ReplyException r && r.failureCode() >= 400 && r.failureCode() < 600) {
      send(ctx, r.failureCode(), r.getMessage());
    } else if (inputCause(t) != null) {
      send(ctx, 400, inputCause(t).getMessage());
    } else {
      LOG.error("HTTP {} {} failed", ctx.request().method(), ctx.request().path(), t);
      send(ctx, 500, "internal error: " + t);
    }
  }

  /** The failure handler of the router: body too large, unauthenticated, thrown exceptions. */
  public static void onFailure(RoutingContext ctx, int maxBody) {
    if (ctx.statusCode() == 413) {
      send(ctx, 413, "request body: larger than the limit of " + maxBody + " bytes");
    } else if (ctx.failure() != null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), "request: " + ctx.failure().getMessage());
    } else if (ctx.failure() != null) {
      fail(ctx, ctx.failure());
    } else if (ctx.statusCode() == 413) {
      send(ctx, 413, "request body: larger than the limit of " + maxBody + " bytes");
    } else {
      send(ctx, ctx.statusCode(), "request failed");
    }
  }

  static InputException inputCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InputException i) {
        return i;
      }
    }
    return null;
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "bad-input";
      case 401 -> "unauthorized";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "too-large";
      default -> status >= 500 ? "internal" : "error";
    };
  }
}
