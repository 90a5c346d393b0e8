package org.styleatlas.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A blocking client of the bridge protocol, shaped like the OpenFX shim: framed JSON headers,
 * optional inline payloads. For tests and the load benchmark.
 */
public final class ShimClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SocketChannel ch;
  private byte[] lastPayload;

  private ShimClient(SocketChannel ch) {
    this.ch = ch;
  }

  public static ShimClient unix(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return new ShimClient(ch);
  }

  public static ShimClient tcp(int port) throws IOException {
    return new ShimClient(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
  }

  /** Sends one request (header and payload, which may be null) and reads one reply header. */
  public JsonNode call(String header, byte[] payload) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(4 + h.length).putInt(h.length).put(h).flip();
    writeFully(out);
    if (payload != null) {
      writeFully(ByteBuffer.wrap(payload));
    }
    return readReply();
  }

  public JsonNode call(String header) throws IOException {
    return call(header, null);
  }

  /** Sends raw bytes (for malformed-framing tests) and reads one reply header. */
  public JsonNode raw(byte[] bytes) throws IOException {
    writeFully(ByteBuffer.wrap(bytes));
    return readReply();
  }

  /** The payload that came with the last reply, or null. */
  public byte[] lastPayload() {
    return lastPayload;
  }

  /** Whether the server closed the connection (reads end-of-stream). */
  public boolean closedByServer() throws IOException {
    return ch.read(ByteBuffer.allocate(1)) < 0;
  }

  private JsonNode readReply() throws IOException {
    ByteBuffer len = readFully(4);
    byte[] header = readFully(len.getInt()).array();
    JsonNode reply = JSON.readTree(header);
    long p = reply.path("payloadBytes").asLong(0);
    lastPayload = p > 0 ? readFully((int) p).array() : null;
    return reply;
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private ByteBuffer readFully(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException(
            "connection closed by the engine after " + b.position() + " of " + n + " bytes");
      }
    }
    return b.flip();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
