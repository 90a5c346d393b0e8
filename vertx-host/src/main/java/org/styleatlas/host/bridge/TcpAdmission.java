package org.styleatlas.host.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.host.ConnectionBudget;
import org.styleatlas.host.HostConfig;

/**
 * Admits bridge TCP connections within bounds (#19.3): at most {@code maxTcpConnections} open, at
 * most {@code maxUnauthenticated} of them before their hello, each closed when it has not
 * authenticated within {@code authTimeout}. Connections over a cap are closed at once, so a client
 * without the token can hold neither the host's file descriptors nor its memory, and the owner's
 * Unix socket keeps answering.
 */
final class TcpAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(TcpAdmission.class);

  private final Vertx vertx;
  private final HostConfig.Limits limits;
  private final ConnectionBudget open;
  private final ConnectionBudget unauthenticated;

  TcpAdmission(Vertx vertx, HostConfig.Limits limits) {
    this.vertx = vertx;
    this.limits = limits;
    this.open = new ConnectionBudget(limits.maxTcpConnections());
    this.unauthenticated = new ConnectionBudget(limits.maxUnauthenticated());
  }

  /** Serves {@code socket} as a bridge connection, or closes it when a cap is reached. */
  void admit(NetSocket socket, BridgeHandler handler) {
    if (!open.tryAcquire()) {
      LOG.debug(
          "bridge TCP connection from {} refused: {} connections open",
          socket.remoteAddress(),
          open.max());
      socket.close();
      return;
    }
    if (!unauthenticated.tryAcquire()) {
      open.release();
      LOG.debug(
          "bridge TCP connection from {} refused: {} connections await authentication",
          socket.remoteAddress(),
          unauthenticated.max());
      socket.close();
      return;
    }
    Pending pending = new Pending();
    long timer =
        vertx.setTimer(
            limits.authTimeout().toMillis(),
            id -> {
              if (!pending.authenticated) {
                LOG.info(
                    "closing bridge TCP connection from {}: no hello with the token within {} s",
                    socket.remoteAddress(),
                    limits.authTimeout().toSeconds());
                socket.close();
              }
            });
    socket.closeHandler(
        v -> {
          vertx.cancelTimer(timer);
          pending.authenticated();
          open.release();
        });
    new BridgeConnection(socket, handler, true, pending::authenticated);
  }

  /** Open TCP connections, and those among them not yet authenticated (for tests and health). */
  int open() {
    return open.open();
  }

  int unauthenticated() {
    return unauthenticated.open();
  }

  /** One connection's authentication, released from the unauthenticated budget once. */
  private final class Pending {
    private boolean authenticated;

    void authenticated() {
      if (!authenticated) {
        authenticated = true;
        unauthenticated.release();
      }
    }
  }
}
