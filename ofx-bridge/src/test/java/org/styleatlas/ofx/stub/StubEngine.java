package org.styleatlas.ofx.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process engine host that speaks docs/PROTOCOL.md on a Unix socket (pixels in shared memory)
 * or on TCP with a token (pixels inline). Its answers are set by a {@link Behaviour}; it records
 * every request header for the tests.
 */
public final class StubEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StubEngine.class);
  private static final int PROTOCOL = 1;

  /** The message of a render without a prompt (as the real engine words it). */
  public static final String NO_PROMPT_MESSAGE =
      "no prompt: type a Global prompt (globalPrompt) to stylize; the clip is decomposed";

  private final ServerSocketChannel server;
  private final String address;
  private final String token;
  private final Path socket;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stub-engine");
            t.setDaemon(true);
            return t;
          });
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final ClipCollector collector = new ClipCollector();
  private volatile Behaviour behaviour;
  private volatile float[] lastInput;

  private StubEngine(
      ServerSocketChannel server, String address, String token, Path socket, Behaviour behaviour) {
    this.server = server;
    this.address = address;
    this.token = token;
    this.socket = socket;
    this.behaviour = behaviour;
    pool.execute(this::acceptLoop);
  }

  public static StubEngine unix(Path socket, Behaviour behaviour) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return new StubEngine(s, "unix:" + socket, null, socket, behaviour);
  }

  public static StubEngine tcp(String token, Behaviour behaviour) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
    return new StubEngine(s, "tcp:127.0.0.1:" + port, token, null, behaviour);
  }

  /** The value for the plug-in's Engine address param. */
  public String address() {
    return address;
  }

  public void behaviour(Behaviour b) {
    behaviour = b;
  }

  public List<JsonNode> requests() {
    return requests;
  }

  public List<JsonNode> requests(String type) {
    return requests.stream().filter(r -> type.equals(r.path("type").asText())).toList();
  }

  /** The input plane of the last render request (wire layout: RGBA float, top row first). */
  public float[] lastInput() {
    return lastInput;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        pool.execute(() -> serve(ch));
      } catch (IOException e) {
        if (server.isOpen()) LOG.warn("stub engine accept failed", e);
      }
    }
  }

  private void serve(SocketChannel ch) {
    boolean authorised = token == null;
    try (ch) {
      while (true) {
        JsonNode header;
        try {
          header = Wire.readHeader(ch);
        } catch (EOFException end) {
          return;
        } catch (ProtocolException e) {
          error(ch, 0, e);
          return;
        }
        requests.add(header);
        long id = header.path("id").asLong();
        try {
          String type = header.path("type").asText();
          if (!authorised && !"hello".equals(type))
            throw new ProtocolException("unauthorized", "send hello first");
          switch (type) {
            case "hello" -> authorised = hello(ch, header);
            case "status" ->
                Wire.write(ch, reply("status", id).set("jobs", Wire.JSON.createArrayNode()), null);
            case "frame" -> frame(ch, header);
            case "render" -> {
              if (!render(ch, header)) return;
            }
            default -> throw new ProtocolException("malformed", "unknown type " + type);
          }
        } catch (ProtocolException e) {
          error(ch, id, e);
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("stub engine connection ended: {}", e.toString());
    }
  }

  private boolean hello(SocketChannel ch, JsonNode h) throws IOException, ProtocolException {
    if (h.path("protocol").asInt() != PROTOCOL)
      throw new ProtocolException("protocol", "protocol " + h.path("protocol"));
    if (token != null && !token.equals(h.path("token").asText()))
      throw new ProtocolException("unauthorized", "bad token");
    Wire.write(
        ch,
        reply("hello", h.path("id").asLong()).put("protocol", PROTOCOL).put("engine", "stub"),
        null);
    return true;
  }

  private void frame(SocketChannel ch, JsonNode h) throws IOException, ProtocolException {
    try (Planes planes = Planes.read(ch, h, token != null)) {
      collector.contribute(h.path("time").asDouble(), h.path("clipLength").asInt(), planes.input());
      int n = collector.collected();
      int length = h.path("clipLength").asInt();
      Wire.write(
          ch,
          reply("frame", h.path("id").asLong())
              .put("status", "collected")
              .put("clip", "")
              .put("collected", n)
              .put("progress", length > 0 ? (double) n / length : 0.0),
          null);
    }
  }

  /** Returns false when the connection must close without a reply. */
  private boolean render(SocketChannel ch, JsonNode h) throws IOException, ProtocolException {
    long id = h.path("id").asLong();
    Behaviour b = behaviour;
    if (b == Behaviour.STREAM && token == null) {
      Planes.stream(h);
      Wire.write(ch, stylized(id), null);
      return true;
    }
    try (Planes planes = Planes.read(ch, h, token != null)) {
      float[] input = planes.input();
      lastInput = b == Behaviour.STREAM ? null : input;
      switch (b) {
        case STYLIZE, STREAM -> planes.answer(ch, stylized(id), invert(input));
        case COLLECT -> {
          if (collector.contribute(
              h.path("time").asDouble(), h.path("clipLength").asInt(), input)) {
            planes.answer(ch, stylized(id), invert(input));
          } else {
            planes.answer(
                ch,
                pending(id, "collecting", 0.0, "collecting frames: " + collector.collected()),
                input);
          }
        }
        case PENDING -> {
          sleep(h.path("waitMs").asLong());
          planes.answer(ch, pending(id, "decomposing", 0.43, "decomposing 43%"), input);
        }
        case DIE -> {
          return false;
        }
        case MALFORMED ->
            Wire.write(
                ch, "this is not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        case ERROR -> throw new ProtocolException("bad-input", "prompt: longer than 1000 bytes");
        case NO_PROMPT ->
            planes.answer(
                ch, pending(id, "no-prompt", 0.0, NO_PROMPT_MESSAGE).put("blocked", true), input);
      }
    }
    return true;
  }

  private static ObjectNode reply(String type, long id) {
    return Wire.JSON.createObjectNode().put("type", type).put("id", id);
  }

  private static ObjectNode stylized(long id) {
    return reply("render", id)
        .put("status", "stylized")
        .put("clip", "stub")
        .put("stage", "done")
        .put("progress", 1.0);
  }

  private static ObjectNode pending(long id, String stage, double progress, String message) {
    return reply("render", id)
        .put("status", "pending")
        .put("clip", "")
        .put("stage", stage)
        .put("progress", progress)
        .put("message", message);
  }

  /** The stub's "stylization": 1 − RGB, alpha kept. */
  public static float[] invert(float[] rgba) {
    float[] out = rgba.clone();
    for (int i = 0; i < out.length; i++) if (i % 4 != 3) out[i] = 1f - out[i];
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Math.max(0, Math.min(ms, 10_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void error(SocketChannel ch, long id, ProtocolException e) {
    try {
      Wire.write(ch, reply("error", id).put("code", e.code()).put("message", e.getMessage()), null);
    } catch (IOException io) {
      LOG.debug("could not send error: {}", io.toString());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
    if (socket != null) Files.deleteIfExists(socket);
  }
}
