package org.styleatlas.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.styleatlas.engine.studio.FramePixels;
import org.styleatlas.host.shm.SharedSegment;

/**
 * A blocking client of the bridge protocol on a Unix socket, doing what the OpenFX shim does for
 * one render: the frame in a fresh shared-memory segment ({@code /styleatlas-<pid>-<seq>}, input
 * then output), one framed JSON request, one reply. For {@code styleatlas doctor}'s render round
 * trip against an engine started from the bundle's launcher (docs/PROTOCOL.md).
 */
public final class RenderProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQ = new AtomicLong();

  /**
   * One answer.
   *
   * @param reply the reply header ({@code status}, {@code stage}, {@code message}, or an error)
   * @param output the output plane, float32 RGBA {@code [height·width·4]}
   */
  public record Answer(JsonNode reply, float[] output) {
    /** The reply's {@code status} ({@code stylized}, {@code pending}), or {@code error}. */
    public String status() {
      return reply.path("type").asText().equals("error") ? "error" : reply.path("status").asText();
    }

    /** The engine's message: the error or the stage text, else the status. */
    public String message() {
      String m = reply.path("message").asText();
      return m.isEmpty() ? status() + " " + reply.path("stage").asText() : m;
    }
  }

  private final SocketChannel channel;
  private long nextId = 1;

  private RenderProbe(SocketChannel channel) {
    this.channel = channel;
  }

  /** Connects to the engine's bridge socket. */
  public static RenderProbe connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new RenderProbe(ch);
  }

  /**
   * Renders one frame as a batch host would.
   *
   * @param rgba straight float32 RGBA, {@code [height·width·4]}
   * @param params the request's params object (docs/PROTOCOL.md, "Params")
   * @param waitMs how long the engine may hold the answer, 0 … 10000 ms
   */
  public Answer render(
      int width, int height, float[] rgba, int time, int clipLength, ObjectNode params, int waitMs)
      throws IOException {
    String name = "/styleatlas-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    long plane = FramePixels.rgbaBytes(width, height);
    try (SharedSegment seg = SharedSegment.create(name, 2 * plane)) {
      seg.slice("input", 0, plane).order(ByteOrder.nativeOrder()).asFloatBuffer().put(rgba);
      ObjectNode req = JSON.createObjectNode();
      req.put("type", "render").put("id", nextId++).put("time", (double) time);
      req.put("clipLength", clipLength).put("waitMs", waitMs).put("batch", true);
      req.putObject("image")
          .put("width", width)
          .put("height", height)
          .put("shm", name)
          .put("offset", 0);
      req.putObject("output").put("shm", name).put("offset", plane);
      req.putNull("matte");
      req.set("params", params);
      JsonNode reply = call(JSON.writeValueAsBytes(req));
      float[] out = new float[rgba.length];
      seg.slice("output", plane, plane).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
      return new Answer(reply, out);
    } finally {
      SharedSegment.unlink(name);
    }
  }

  private JsonNode call(byte[] header) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(4 + header.length).putInt(header.length).put(header);
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    int length = read(4).getInt();
    JsonNode reply = JSON.readTree(new String(read(length).array(), StandardCharsets.UTF_8));
    long payload = reply.path("payloadBytes").asLong(0);
    if (payload > 0) {
      read(Math.toIntExact(payload));
    }
    return reply;
  }

  private ByteBuffer read(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new IOException(
            "the engine closed the connection after " + b.position() + " of " + n + " bytes");
      }
    }
    return b.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
