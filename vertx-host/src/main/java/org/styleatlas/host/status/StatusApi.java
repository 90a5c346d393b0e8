package org.styleatlas.host.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.host.http.ApiError;
import org.styleatlas.host.jobs.Addresses;
import org.styleatlas.host.jobs.JobId;
import org.styleatlas.host.jobs.JobList;

/**
 * The calls the status page adds to the HTTP API (docs/HOST.md), all answered from the job service on
 * the event bus, the job's progress events ({@link JobTimeline}) and the content cache
 * ({@link JobArtifacts}); served on the page's listener only.
 */
final class StatusApi {
  static final String JOBS = "/v1/status/jobs";
  static final String EVENTS = "/v1/status/events";
  static final String CLIPS = "/v1/status/clips";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A collected clip, for its thumbnails ({@code GET /v1/clips/{id}/frames/{t}.png}).
   *
   * @param id the clip id
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @param frames frame count
   * @param matteSource how its matte is found
   */
  record ClipSummary(String id, int width, int height, int frames, String matteSource) {}

  private final Vertx vertx;
  private final JobTimeline timeline;
  private final JobArtifacts artifacts;
  private final ClipStore clips;

  StatusApi(Vertx vertx, JobTimeline timeline, JobArtifacts artifacts, ClipStore clips) {
    this.vertx = vertx;
    this.timeline = timeline;
    this.artifacts = artifacts;
    this.clips = clips;
  }

  void mount(Router r) {
    r.get(JOBS).handler(this::jobs);
    r.get(EVENTS).handler(this::events);
    r.get(CLIPS).handler(ctx -> blocking(ctx, () -> json(clips.all().stream().map(StatusApi::summary).toList())));
    r.post("/v1/jobs/:id/retry").handler(this::retry);
    r.get("/v1/jobs/:id/artifacts").handler(ctx -> withJob(ctx, job -> json(artifacts.summary(job))));
    r.get("/v1/jobs/:id/losses").handler(ctx -> withJob(ctx, job -> json(losses(job))));
    r.get("/v1/jobs/:id/atlases/:file").handler(this::atlas);
    r.get("/v1/jobs/:id/frames/:t/:file").handler(this::view);
  }

  private static ClipSummary summary(ClipRecord c) {
    return new ClipSummary(c.id(), c.width(), c.height(), c.frames().size(), c.decompose().matteSource());
  }

  private void jobs(RoutingContext ctx) {
    vertx.eventBus().<JobList>request(Addresses.LIST, new JobList(List.of()))
        .onSuccess(m -> send(ctx, json(m.body().jobs().stream().map(timeline::status).toList())))
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  /** Server-Sent Events: {@code event: status} / {@code data: <JobStatus>} on every change of any job. */
  private void events(RoutingContext ctx) {
    EventBus eb = vertx.eventBus();
    HttpServerResponse res = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    MessageConsumer<Job> consumer = eb.consumer(Addresses.EVENTS);
    consumer.handler(e -> {
      if (!res.ended() && !res.closed()) {
        res.write("event: status\ndata: " + json(timeline.status(e.body())) + "\n\n");
      }
    });
    res.closeHandler(v -> consumer.unregister());
    res.write(": connected\n\n");
  }

  private void retry(RoutingContext ctx) {
    vertx.eventBus().<Job>request(Addresses.GET, new JobId(ctx.pathParam("id"))).compose(m -> {
      Job job = m.body();
      if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED) {
        throw new InputException("job " + job.id() + ": only a failed or cancelled job can be retried; it is "
            + job.state().toString().toLowerCase(java.util.Locale.ROOT));
      }
      return vertx.eventBus().<Job>request(Addresses.SUBMIT, job.spec());
    }).onSuccess(m -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(json(timeline.status(m.body())))).onFailure(t -> ApiError.fail(ctx, t));
  }

  private LossCurve losses(Job job) throws IOException {
    if (job.state() == JobState.SUCCEEDED) {
      return artifacts.reportedLosses(job).orElseGet(() -> timeline.liveLosses(job.id()));
    }
    return timeline.liveLosses(job.id());
  }

  /** The {@code <name>.png} path parameter {@code file} as one of {@code names}; null after answering 400. */
  private static String pngName(RoutingContext ctx, String what, List<String> names) {
    String file = ctx.pathParam("file");
    String name = file.endsWith(".png") ? file.substring(0, file.length() - 4) : "";
    if (!names.contains(name)) {
      ApiError.send(ctx, 400, what + ": must be one of " + String.join(", ", names.stream().map(n -> n + ".png").toList()));
      return null;
    }
    return name;
  }

  private void atlas(RoutingContext ctx) {
    String layer = pngName(ctx, "atlas", JobArtifacts.LAYERS);
    if (layer != null) {
      withJob(ctx, job -> Buffer.buffer(Files.readAllBytes(artifacts.atlas(job, layer))), "image/png");
    }
  }

  private void view(RoutingContext ctx) {
    String view = pngName(ctx, "view", JobArtifacts.VIEWS);
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
    withJob(ctx, job -> Buffer.buffer(artifacts.view(job, t, view)), "image/png");
  }

  /** An artifact of a job: the job from the job service, then {@code read} on a worker thread. */
  private void withJob(RoutingContext ctx, BlockingRead read) {
    withJob(ctx, read, "application/json");
  }

  private void withJob(RoutingContext ctx, BlockingRead read, String type) {
    vertx.eventBus().<Job>request(Addresses.GET, new JobId(ctx.pathParam("id")))
        .compose(m -> vertx.executeBlocking(() -> read.apply(m.body()), false))
        .onSuccess(b -> ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", "no-store").end(b))
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  private void blocking(RoutingContext ctx, Callable<Buffer> read) {
    vertx.executeBlocking(read, false).onSuccess(b -> send(ctx, b)).onFailure(t -> ApiError.fail(ctx, t));
  }

  private static void send(RoutingContext ctx, Buffer json) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(json);
  }

  static Buffer json(Object o) {
    try {
      return Buffer.buffer(JSON.writeValueAsBytes(o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + o.getClass().getSimpleName(), e);
    }
  }

  /** A blocking read of one job's artifact. */
  @FunctionalInterface
  private interface BlockingRead {
    Buffer apply(Job job) throws Exception;
  }
}
