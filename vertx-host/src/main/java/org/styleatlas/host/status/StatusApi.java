package org.styleatlas.host.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.styleatlas.engine.studio.JobMonitor;
import org.styleatlas.engine.studio.JobStatus;
import org.styleatlas.engine.studio.UnknownJobException;
import org.styleatlas.host.http.ApiError;
import org.styleatlas.host.http.EventStreams;

/**
 * The calls the status page adds to the HTTP API (docs/HOST.md), answered by the engine's {@link
 * JobMonitor}; served on the page's listener only. Blocking reads run on worker threads.
 */
final class StatusApi {
  static final String JOBS = "/v1/status/jobs";
  static final String EVENTS = "/v1/status/events";
  static final String CLIPS = "/v1/status/clips";

  private static final String JSON_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final JobMonitor monitor;

  /** The open event streams; written on {@link #context}. */
  private final Set<HttpServerResponse> streams = ConcurrentHashMap.newKeySet();

  private final Context context;

  /**
   * Make it on the event loop that serves the page (in the verticle's start): event streams are
   * written there.
   *
   * @param heartbeatMillis how often an open event stream gets a keep-alive comment, so that a
   *     quiet page is not closed by the HTTP idle timeout ({@link EventStreams#heartbeatMillis})
   */
  StatusApi(Vertx vertx, JobMonitor monitor, long heartbeatMillis) {
    this.vertx = vertx;
    this.monitor = monitor;
    this.context = vertx.getOrCreateContext();
    monitor.onChange(status -> context.runOnContext(v -> broadcast(status)));
    vertx.setPeriodic(heartbeatMillis, t -> streams.forEach(EventStreams::keepAlive));
  }

  void mount(Router r) {
    r.get(JOBS).handler(ctx -> blocking(ctx, () -> json(monitor.jobs()), JSON_TYPE));
    r.get(EVENTS).handler(this::events);
    r.get(CLIPS).handler(ctx -> blocking(ctx, () -> json(monitor.clips()), JSON_TYPE));
    r.post("/v1/jobs/:id/retry")
        .handler(ctx -> blocking(ctx, () -> json(monitor.retry(id(ctx))), JSON_TYPE, 201));
    r.get("/v1/jobs/:id/artifacts")
        .handler(ctx -> blocking(ctx, () -> json(monitor.artifacts(id(ctx))), JSON_TYPE));
    r.get("/v1/jobs/:id/losses")
        .handler(ctx -> blocking(ctx, () -> json(monitor.losses(id(ctx))), JSON_TYPE));
    r.get("/v1/jobs/:id/atlases/:file").handler(this::atlas);
    r.get("/v1/jobs/:id/frames/:t/:file").handler(this::view);
  }

  private static String id(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  /**
   * Server-Sent Events: {@code event: status} / {@code data: <JobStatus>} on every change of any
   * job.
   */
  private void events(RoutingContext ctx) {
    HttpServerResponse res = EventStreams.open(ctx.response());
    streams.add(res);
    res.closeHandler(v -> streams.remove(res));
    res.write(": connected\n\n");
  }

  private void broadcast(JobStatus status) {
    if (streams.isEmpty()) {
      return;
    }
    String event = "event: status\ndata: " + json(status) + "\n\n";
    for (HttpServerResponse res : streams) {
      if (res.ended() || res.closed()) {
        streams.remove(res);
      } else {
        res.write(event);
      }
    }
  }

  private void atlas(RoutingContext ctx) {
    String layer = pngName(ctx, "atlas", JobMonitor.LAYERS);
    if (layer != null) {
      blocking(ctx, () -> Buffer.buffer(monitor.atlasPng(id(ctx), layer)), "image/png");
    }
  }

  private void view(RoutingContext ctx) {
    String view = pngName(ctx, "view", JobMonitor.VIEWS);
    if (view == null) {
      return;
    }
    int t;
    try {
      t = Integer.parseInt(ctx.pathParam("t"));
    } catch (NumberFormatException e) {
      ApiError.send(ctx, 400, "frame: must be a frame number, got '" + ctx.pathParam("t") + "'");
      return;
    }
    blocking(ctx, () -> Buffer.buffer(monitor.viewPng(id(ctx), t, view)), "image/png");
  }

  /**
   * The {@code <name>.png} path parameter {@code file} as one of {@code names}; null after
   * answering 400.
   */
  private static String pngName(RoutingContext ctx, String what, List<String> names) {
    String file = ctx.pathParam("file");
    String name = file.endsWith(".png") ? file.substring(0, file.length() - 4) : "";
    if (!names.contains(name)) {
      ApiError.send(
          ctx,
          400,
          what
              + ": must be one of "
              + String.join(", ", names.stream().map(n -> n + ".png").toList()));
      return null;
    }
    return name;
  }

  private void blocking(RoutingContext ctx, Callable<Buffer> read, String type) {
    blocking(ctx, read, type, 200);
  }

  /** Runs {@code read} on a worker thread and answers its bytes; an unknown job is 404. */
  private void blocking(RoutingContext ctx, Callable<Buffer> read, String type, int status) {
    vertx
        .executeBlocking(read, false)
        .onSuccess(
            b ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", type)
                    .putHeader("Cache-Control", "no-store")
                    .end(b))
        .onFailure(
            t -> {
              if (t instanceof UnknownJobException) {
                ApiError.send(ctx, 404, t.getMessage());
              } else {
                ApiError.fail(ctx, t);
              }
            });
  }

  static Buffer json(Object o) {
    try {
      return Buffer.buffer(JSON.writeValueAsBytes(o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + o.getClass().getSimpleName(), e);
    }
  }
}
