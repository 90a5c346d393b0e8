package org.styleatlas.host.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.host.HostConfig;
import org.styleatlas.host.SocketFiles;

/** The plugin's endpoint: the Unix socket (always) and a TCP listener (only when configured). */
public final class BridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeVerticle.class);

  private final HostConfig config;
  private final BridgeHandler handler;
  private final List<NetServer> servers = new ArrayList<>();
  private volatile int tcpPort = -1;
  private long evictTimer = -1;

  /** How often idle kept segment mappings are checked ({@link BridgeHandler#evictIdleSegments}). */
  private static final long EVICT_EVERY_MS = 5_000;

  public BridgeVerticle(HostConfig config, BridgeHandler handler) {
    this.config = config;
    this.handler = handler;
  }

  @Override
  public Future<?> start() {
    evictTimer =
        vertx.setPeriodic(
            EVICT_EVERY_MS,
            id ->
                vertx.executeBlocking(
                    () -> {
                      handler.evictIdleSegments();
                      return null;
                    },
                    false));
    Path sock = config.bridgeSocket();
    NetServer unix =
        vertx
            .createNetServer()
            .connectHandler(s -> new BridgeConnection(s, handler, false, () -> {}));
    servers.add(unix);
    Future<?> f =
        unix.listen(SocketAddress.domainSocketAddress(sock.toString()))
            .map(
                s -> {
                  SocketFiles.ownerOnly(sock);
                  LOG.info("bridge listening on {}", sock);
                  return s;
                });
    if (config.tcp().enabled()) {
      TcpAdmission admission = new TcpAdmission(vertx, config.limits());
      NetServer tcp = vertx.createNetServer().connectHandler(s -> admission.admit(s, handler));
      servers.add(tcp);
      f =
          f.compose(x -> tcp.listen(config.tcp().bridgePort(), config.tcp().host()))
              .map(
                  s -> {
                    tcpPort = s.actualPort();
                    LOG.info(
                        "bridge listening on tcp {}:{} (token required)",
                        config.tcp().host(),
                        tcpPort);
                    return s;
                  });
    }
    return f;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(evictTimer);
    return vertx.executeBlocking(
        () -> {
          handler.closeIdleSegments();
          return null;
        },
        false);
  }

  /** The bound TCP port, or -1. */
  public int tcpPort() {
    return tcpPort;
  }
}
