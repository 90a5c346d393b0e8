package org.styleatlas.host.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.host.HostConfig;

/**
 * One plugin connection: reads framed messages (docs/PROTOCOL.md, "Framing"), one request in flight
 * at a time, and writes replies. On TCP the first message must be a hello with the token.
 */
final class BridgeConnection {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeConnection.class);

  private enum Expect {
    LENGTH,
    HEADER,
    PAYLOAD
  }

  private static final int LENGTH_BYTES = 4;

  private final NetSocket socket;
  private final BridgeHandler handler;
  private final boolean tcp;
  private final RecordParser parser;
  private Expect expect = Expect.LENGTH;

  /** The size of the record the parser is collecting. */
  private int expectedBytes = LENGTH_BYTES;

  private BridgeRequest waitingForPayload;
  private final Runnable onAuthenticated;
  private boolean authenticated;
  private boolean closing;

  /**
   * @param tcp whether the connection came over TCP (then it must authenticate first)
   * @param onAuthenticated called once when the connection's hello was accepted
   */
  BridgeConnection(NetSocket socket, BridgeHandler handler, boolean tcp, Runnable onAuthenticated) {
    this.socket = socket;
    this.handler = handler;
    this.tcp = tcp;
    this.onAuthenticated = onAuthenticated;
    this.authenticated = !tcp;
    this.parser = RecordParser.newFixed(LENGTH_BYTES, socket);
    parser.handler(this::onRecord);
    parser.exceptionHandler(t -> LOG.debug("bridge connection failed: {}", t.toString()));
  }

  private void onRecord(Buffer record) {
    if (closing) {
      return;
    }
    if (record.length() < expectedBytes) {
      // The parser hands over what was left when the client closed mid-message: nothing to answer.
      LOG.debug(
          "bridge client closed after {} of {} bytes of a message", record.length(), expectedBytes);
      closing = true;
      socket.close();
      return;
    }
    switch (expect) {
      case LENGTH -> onLength(record.getUnsignedInt(0));
      case HEADER -> onHeader(record);
      case PAYLOAD -> dispatch(waitingForPayload, record);
    }
  }

  private void onLength(long n) {
    if (n < 1 || n > BridgeCodec.MAX_HEADER_BYTES) {
      fail(
          0,
          new ProtocolException(
              ErrorCode.MALFORMED,
              "header length "
                  + n
                  + " lies outside 1 … "
                  + BridgeCodec.MAX_HEADER_BYTES
                  + " bytes"));
      return;
    }
    if (!authenticated && n > HostConfig.Limits.MAX_PRE_AUTH_HEADER_BYTES) {
      fail(
          0,
          new ProtocolException(
              ErrorCode.UNAUTHORIZED,
              "header length "
                  + n
                  + " bytes before hello; a hello"
                  + " is at most "
                  + HostConfig.Limits.MAX_PRE_AUTH_HEADER_BYTES
                  + " bytes"));
      return;
    }
    expect = Expect.HEADER;
    fixedSize((int) n);
  }

  private void onHeader(Buffer header) {
    BridgeRequest req;
    try {
      req = BridgeCodec.decode(header);
    } catch (ProtocolException e) {
      fail(BridgeCodec.idOf(header), e);
      return;
    }
    if (!authenticated && !(req instanceof BridgeRequest.Hello)) {
      fail(
          req.id(),
          new ProtocolException(
              ErrorCode.UNAUTHORIZED, "the first message on TCP must be hello with the token"));
      return;
    }
    long p = req.inlineBytes();
    if (p < 0 || (p > 0 && !tcp)) {
      fail(
          req.id(),
          new ProtocolException(
              ErrorCode.MALFORMED, "payloadBytes: inline payloads are for TCP only"));
    } else if (p > BridgeCodec.MAX_PAYLOAD_BYTES) {
      fail(
          req.id(),
          new ProtocolException(
              ErrorCode.TOO_LARGE,
              "payloadBytes: "
                  + p
                  + " bytes is above the limit of "
                  + BridgeCodec.MAX_PAYLOAD_BYTES));
    } else if (p > 0) {
      waitingForPayload = req;
      expect = Expect.PAYLOAD;
      fixedSize((int) p);
    } else {
      dispatch(req, null);
    }
  }

  private void dispatch(BridgeRequest req, Buffer payload) {
    parser.pause();
    expect = Expect.LENGTH;
    waitingForPayload = null;
    fixedSize(LENGTH_BYTES);
    handler
        .handle(req, payload, tcp)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(req.id(), ar.cause());
                return;
              }
              if (req instanceof BridgeRequest.Hello && !authenticated) {
                authenticated = true;
                onAuthenticated.run();
              }
              socket.write(BridgeCodec.encode(ar.result().reply(), ar.result().payload()));
              parser.resume();
            });
  }

  private void fixedSize(int bytes) {
    expectedBytes = bytes;
    parser.fixedSizeMode(bytes);
  }

  private void fail(long id, Throwable t) {
    BridgeReply.Error err = BridgeHandler.error(id, t);
    socket.write(BridgeCodec.encode(err, null));
    if (err.code().closesConnection()) {
      closing = true;
      LOG.info("closing bridge connection: {} ({})", err.message(), err.code().wire());
      socket.end();
    } else {
      expect = Expect.LENGTH;
      waitingForPayload = null;
      fixedSize(LENGTH_BYTES);
      parser.resume();
    }
  }
}
