package org.styleatlas.host.status;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.studio.JobMonitor;
import org.styleatlas.host.HostConfig;
import org.styleatlas.host.http.ApiError;
import org.styleatlas.host.http.BoundedHttp;
import org.styleatlas.host.http.EventStreams;
import org.styleatlas.host.http.HttpApiVerticle;

/**
 * The status page (docs/HOST.md): on the first {@link StatusPage#OPEN} request, opens an HTTP
 * listener on loopback (any free port) serving the page, the HTTP API and {@link StatusApi} (the
 * engine's {@link JobMonitor}, which records every job event from the host's start). Every request
 * there needs the session cookie that a one-time token from {@link StatusPage#OPEN} becomes;
 * anything else gets 401.
 */
public final class StatusPageVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPageVerticle.class);

  private final HostConfig config;
  private final HttpApiVerticle api;
  private final JobMonitor monitor;
  private final PageSessions sessions = new PageSessions();
  private StatusApi statusApi;
  private Future<HttpServer> server;

  /**
   * @param api the HTTP API, whose calls the page's listener also serves
   */
  public StatusPageVerticle(HostConfig config, HttpApiVerticle api, JobMonitor monitor) {
    this.config = config;
    this.api = api;
    this.monitor = monitor;
  }

  @Override
  public Future<?> start() {
    statusApi = new StatusApi(vertx, monitor, EventStreams.heartbeatMillis(config));
    return vertx
        .eventBus()
        .localConsumer(
            StatusPage.OPEN,
            m ->
                listening()
                    .onSuccess(s -> m.reply(link(s.actualPort())))
                    .onFailure(
                        t ->
                            m.fail(
                                500,
                                "the status page cannot listen on "
                                    + StatusPage.LOOPBACK
                                    + ": "
                                    + t.getMessage())))
        .completion();
  }

  /** The page's server, started on the first call. Runs on this verticle's event loop. */
  private Future<HttpServer> listening() {
    if (server == null || server.failed()) {
      server =
          BoundedHttp.tcp(vertx, config)
              .requestHandler(router())
              .listen(0, StatusPage.LOOPBACK)
              .onSuccess(
                  s -> {
                    LOG.info(
                        "status page listening on http://{}:{} (one-time token, then cookie)",
                        StatusPage.LOOPBACK,
                        s.actualPort());
                    vertx
                        .sharedData()
                        .getLocalMap(StatusPage.SHARED_MAP)
                        .put(
                            StatusPage.BASE_KEY,
                            "http://" + StatusPage.LOOPBACK + ":" + s.actualPort() + "/");
                  });
    }
    return server;
  }

  private String link(int port) {
    return "http://"
        + StatusPage.LOOPBACK
        + ":"
        + port
        + "/?"
        + StatusPage.TOKEN_PARAM
        + "="
        + sessions.mintToken();
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(this::authorize);
    r.route().handler(BodyHandler.create(false).setBodyLimit(config.httpMaxBodyBytes()));
    new StaticAssets().mount(r);
    statusApi.mount(r);
    api.mountApi(r);
    r.route()
        .last()
        .handler(
            ctx ->
                ApiError.send(
                    ctx,
                    404,
                    "no such page or endpoint: "
                        + ctx.request().method()
                        + " "
                        + ctx.request().path()));
    r.route().failureHandler(ctx -> ApiError.onFailure(ctx, config.httpMaxBodyBytes()));
    return r;
  }

  /**
   * A one-time token on {@code /} becomes the session cookie (HTTP-only, SameSite=Strict) and a
   * redirect to {@code /} without it; otherwise the session cookie is required.
   */
  private void authorize(RoutingContext ctx) {
    String token = ctx.request().getParam(StatusPage.TOKEN_PARAM);
    if (token != null) {
      Optional<String> session =
          ctx.request().path().equals("/") ? sessions.redeem(token) : Optional.empty();
      if (session.isEmpty()) {
        ApiError.send(
            ctx,
            401,
            "token: unknown, already used or expired; run 'styleatlas status' for a new link");
        return;
      }
      ctx.response()
          .addCookie(
              Cookie.cookie(StatusPage.COOKIE, session.get())
                  .setHttpOnly(true)
                  .setSameSite(CookieSameSite.STRICT)
                  .setPath("/"));
      ctx.response().setStatusCode(303).putHeader("Location", "/").end();
      return;
    }
    Cookie cookie = ctx.request().getCookie(StatusPage.COOKIE);
    if (cookie == null || !sessions.valid(cookie.getValue())) {
      ApiError.send(
          ctx, 401, "the status page needs its session: open the link 'styleatlas status' prints");
      return;
    }
    ctx.next();
  }
}
