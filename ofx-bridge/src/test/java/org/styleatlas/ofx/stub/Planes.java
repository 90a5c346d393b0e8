package org.styleatlas.ofx.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.ByteChannel;

/**
 * The pixel planes of one request: in a shared-memory segment, or inline after the header (TCP).
 */
final class Planes implements AutoCloseable {
  private static final long MAX_INLINE = 512L << 20;

  private final float[] input;
  private final SharedSegment segment;
  private final long outputOffset;

  private Planes(float[] input, SharedSegment segment, long outputOffset) {
    this.input = input;
    this.segment = segment;
    this.outputOffset = outputOffset;
  }

  /** Floats per chunk of a streaming pass (1 MiB). */
  private static final int CHUNK = 1 << 18;

  private static final ThreadLocal<float[]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[CHUNK]);

  /** Floats of the request's RGBA image plane, checked. */
  private static int imageFloats(JsonNode h) throws ProtocolException {
    JsonNode image = h.path("image");
    int w = image.path("width").asInt(), hgt = image.path("height").asInt();
    if (w <= 0 || hgt <= 0 || !h.has("params"))
      throw new ProtocolException("malformed", "image size or params missing");
    return w * hgt * 4;
  }

  /**
   * One streaming pass over a shared-memory request (docs/BENCHMARKS.md, the streaming baseline):
   * the output plane becomes the input plane with RGB inverted (1 − RGB, alpha kept, as {@link
   * StubEngine#invert}), read and written in chunks through one reused buffer.
   */
  static void stream(JsonNode h) throws ProtocolException {
    int floats = imageFloats(h);
    long in = h.path("image").path("offset").asLong();
    long out = h.path("output").path("offset").asLong();
    String name = h.path("image").path("shm").asText(null);
    if (!h.path("output").path("shm").asText("").equals(name))
      throw new ProtocolException("malformed", "the stub streams within one segment");
    float[] buf = SCRATCH.get();
    try (SharedSegment seg = SharedSegment.open(name)) {
      for (int at = 0; at < floats; at += CHUNK) {
        int n = Math.min(CHUNK, floats - at);
        seg.read(in + 4L * at, buf, n);
        for (int i = 0; i < n; i += 4) {
          buf[i] = 1f - buf[i];
          buf[i + 1] = 1f - buf[i + 1];
          buf[i + 2] = 1f - buf[i + 2];
        }
        seg.write(out + 4L * at, buf, n);
      }
    }
  }

  static Planes read(ByteChannel ch, JsonNode h, boolean inline)
      throws IOException, ProtocolException {
    JsonNode image = h.path("image");
    int w = image.path("width").asInt(), hgt = image.path("height").asInt();
    int floats = imageFloats(h);
    JsonNode matte = h.path("matte");
    if (inline) {
      long bytes = h.path("payloadBytes").asLong();
      long expected = 4L * floats + (matte.isObject() ? 4L * w * hgt : 0);
      if (bytes > MAX_INLINE)
        throw new ProtocolException("too-large", "payload of " + bytes + " bytes");
      if (bytes != expected)
        throw new ProtocolException(
            "malformed", "payloadBytes " + bytes + ", expected " + expected);
      float[] input = Wire.readFloats(ch, floats);
      if (matte.isObject()) Wire.readFloats(ch, w * hgt);
      return new Planes(input, null, -1);
    }
    SharedSegment seg = SharedSegment.open(image.path("shm").asText(null));
    try {
      float[] input = seg.read(image.path("offset").asLong(), floats);
      if (matte.isObject()) seg.read(matte.path("offset").asLong(), w * hgt);
      JsonNode output = h.path("output");
      return new Planes(input, seg, output.isObject() ? output.path("offset").asLong() : -1);
    } catch (ProtocolException e) {
      seg.close();
      throw e;
    }
  }

  float[] input() {
    return input;
  }

  /**
   * Sends a render reply with the output plane: written to the segment, or as the reply's payload.
   */
  void answer(ByteChannel ch, ObjectNode reply, float[] output)
      throws IOException, ProtocolException {
    if (segment == null) {
      Wire.write(ch, reply.put("payloadBytes", 4L * output.length), output);
    } else {
      segment.write(outputOffset, output);
      Wire.write(ch, reply, null);
    }
  }

  @Override
  public void close() {
    if (segment != null) segment.close();
  }
}
