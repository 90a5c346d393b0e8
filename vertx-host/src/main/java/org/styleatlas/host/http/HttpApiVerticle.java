package org.styleatlas.host.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.host.HostConfig;
import org.styleatlas.host.SocketFiles;
import org.styleatlas.host.TokenFile;
import org.styleatlas.host.bridge.BridgeHandler;
import org.styleatlas.host.jobs.Addresses;
import org.styleatlas.host.jobs.JobId;
import org.styleatlas.host.jobs.JobList;
import org.styleatlas.host.status.StatusPage;

/**
 * The JSON HTTP API (docs/HOST.md): jobs, their progress as Server-Sent Events, health, and clip
 * frames. Served on a Unix socket, and on TCP (token required except for health) when configured.
 */
public final class HttpApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final Pattern CLIP_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FRAME_FILE = Pattern.compile("([0-9]{1,7})\\.png");
  public static final String HEALTH = "/v1/health";

  private final HostConfig config;
  private final Studio studio;
  private final TokenFile token;
  private volatile int tcpPort = -1;

  /**
   * @param token the TCP token, or null when TCP is off
   */
  public HttpApiVerticle(HostConfig config, Studio studio, TokenFile token) {
    this.config = config;
    this.studio = studio;
    this.token = token;
  }

  @Override
  public Future<?> start() {
    HttpServer unix = BoundedHttp.unix(vertx, config).requestHandler(router(false));
    Future<?> f =
        unix.listen(SocketAddress.domainSocketAddress(config.httpSocket().toString()))
            .map(
                s -> {
                  SocketFiles.ownerOnly(config.httpSocket());
                  LOG.info("HTTP API listening on {}", config.httpSocket());
                  return s;
                });
    if (config.tcp().enabled()) {
      HttpServer tcp = BoundedHttp.tcp(vertx, config).requestHandler(router(true));
      f =
          f.compose(x -> tcp.listen(config.tcp().httpPort(), config.tcp().host()))
              .map(
                  s -> {
                    tcpPort = s.actualPort();
                    LOG.info(
                        "HTTP API listening on http://{}:{} (token required)",
                        config.tcp().host(),
                        tcpPort);
                    return s;
                  });
    }
    return f;
  }

  /** The bound TCP port, or -1. */
  public int tcpPort() {
    return tcpPort;
  }

  private Router router(boolean tcp) {
    Router r = Router.router(vertx);
    if (tcp) {
      r.route().handler(this::requireToken);
    }
    r.route().handler(BodyHandler.create(false).setBodyLimit(config.httpMaxBodyBytes()));
    mountApi(r);
    r.post(StatusPage.OPEN_PATH).handler(StatusPage.openHandler(vertx));
    r.route()
        .last()
        .handler(
            ctx ->
                ApiError.send(
                    ctx,
                    404,
                    "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    r.route().failureHandler(ctx -> ApiError.onFailure(ctx, config.httpMaxBodyBytes()));
    return r;
  }

  /**
   * Adds the API's calls (not the token check, body handler or 404) to {@code r}; the status page's
   * listener too.
   */
  public void mountApi(Router r) {
    r.get(HEALTH).handler(this::health);
    r.post("/v1/jobs").handler(this::submit);
    r.get("/v1/jobs")
        .handler(ctx -> request(ctx, Addresses.LIST, new JobList(java.util.List.of())));
    r.get("/v1/jobs/:id")
        .handler(ctx -> request(ctx, Addresses.GET, new JobId(ctx.pathParam("id"))));
    r.delete("/v1/jobs/:id")
        .handler(ctx -> request(ctx, Addresses.CANCEL, new JobId(ctx.pathParam("id"))));
    r.get("/v1/jobs/:id/events").handler(this::events);
    r.get("/v1/clips/:clip/frames/:file").handler(this::frame);
  }

  private void requireToken(RoutingContext ctx) {
    if (ctx.request().path().equals(HEALTH)) {
      ctx.next();
      return;
    }
    String auth = ctx.request().getHeader("Authorization");
    String presented = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    if (token == null || !token.matches(presented)) {
      ApiError.send(
          ctx,
          401,
          "Authorization: a 'Bearer <token>' header with the engine's token is required on TCP");
      return;
    }
    ctx.next();
  }

  private void health(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JobList>request(Addresses.LIST, new JobList(java.util.List.of()))
        .onSuccess(
            m -> {
              long queued =
                  m.body().jobs().stream().filter(j -> j.state() == JobState.QUEUED).count();
              long running =
                  m.body().jobs().stream().filter(j -> j.state() == JobState.RUNNING).count();
              JsonObject body =
                  new JsonObject()
                      .put("status", "ok")
                      .put("engine", BridgeHandler.ENGINE_VERSION)
                      .put("protocol", BridgeHandler.PROTOCOL)
                      .put("jobs", new JsonObject().put("queued", queued).put("running", running));
              json(ctx, 200, body.encode());
            })
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  private void submit(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    JobSpec spec;
    try {
      spec = JobRequestParser.parse(body == null ? null : body.getBytes());
    } catch (JobRequestParser.BadRequest e) {
      ApiError.send(ctx, 400, e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.warn("job request refused by an unexpected error (a bug)", e);
      ApiError.send(ctx, 400, "request body: not a valid job request");
      return;
    }
    vertx
        .eventBus()
        .<Job>request(Addresses.SUBMIT, spec)
        .onSuccess(m -> json(ctx, 201, encode(m.body())))
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  private void request(RoutingContext ctx, String address, Object body) {
    vertx
        .eventBus()
        .request(address, body)
        .onSuccess(m -> json(ctx, 200, encode(m.body())))
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  /** Server-Sent Events: the job now, then every change, until it finishes or the client leaves. */
  private void events(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    EventBus eb = vertx.eventBus();
    eb.<Job>request(Addresses.GET, new JobId(id))
        .onSuccess(
            m -> {
              HttpServerResponse res = EventStreams.open(ctx.response());
              MessageConsumer<Job> consumer = eb.localConsumer(Addresses.EVENTS);
              consumer.handler(
                  e -> {
                    if (e.body().id().equals(id) && !res.ended()) {
                      sendEvent(res, e.body());
                      if (e.body().state().terminal()) {
                        consumer.unregister();
                        res.end();
                      }
                    }
                  });
              long heartbeat =
                  vertx.setPeriodic(
                      EventStreams.heartbeatMillis(config), t -> EventStreams.keepAlive(res));
              res.endHandler(v -> vertx.cancelTimer(heartbeat));
              res.closeHandler(
                  v -> {
                    consumer.unregister();
                    vertx.cancelTimer(heartbeat);
                  });
              sendEvent(res, m.body());
              if (m.body().state().terminal()) {
                consumer.unregister();
                res.end();
              }
            })
        .onFailure(t -> ApiError.fail(ctx, t));
  }

  private static void sendEvent(HttpServerResponse res, Job job) {
    res.write("event: job\ndata: " + encode(job) + "\n\n");
  }

  /** A frame of a collected clip as PNG (the source frame; docs/HOST.md). */
  private void frame(RoutingContext ctx) {
    String clip = ctx.pathParam("clip");
    Matcher file = FRAME_FILE.matcher(ctx.pathParam("file"));
    if (!CLIP_ID.matcher(clip).matches()) {
      ApiError.send(ctx, 400, "clip: must be 64 lower-case hex digits");
      return;
    }
    if (!file.matches()) {
      ApiError.send(ctx, 400, "frame: must be '<number>.png'");
      return;
    }
    int t = Integer.parseInt(file.group(1));
    vertx
        .executeBlocking(
            () -> {
              return studio.clipFramePng(clip, t).map(Buffer::buffer).orElse(null);
            },
            false)
        .onSuccess(
            png -> {
              if (png == null) {
                ApiError.send(
                    ctx, 404, "clip " + clip + ": not collected or evicted from the cache");
              } else {
                ctx.response().putHeader("Content-Type", "image/png").end(png);
              }
            })
        .onFailure(t2 -> ApiError.fail(ctx, t2));
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  private static String encode(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName(), e);
    }
  }
}
