package org.styleatlas.ofx.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;

/** The protocol's framing: uint32 big-endian header length, JSON header, optional payload. */
final class Wire {
  static final int MAX_HEADER = 65536;
  static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  static void readFully(ByteChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) throw new EOFException();
    }
    buf.flip();
  }

  /** Reads one header; throws EOFException at the end of the stream. */
  static JsonNode readHeader(ByteChannel ch) throws IOException, ProtocolException {
    ByteBuffer len = ByteBuffer.allocate(4);
    readFully(ch, len);
    int n = len.getInt();
    if (n < 1 || n > MAX_HEADER) throw new ProtocolException("malformed", "header length " + n);
    ByteBuffer header = ByteBuffer.allocate(n);
    readFully(ch, header);
    try {
      JsonNode node = JSON.readTree(StandardCharsets.UTF_8.decode(header).toString());
      if (node == null || !node.isObject() || !node.path("type").isTextual()) {
        throw new ProtocolException("malformed", "header is not an object with a type");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ProtocolException("malformed", "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads an inline payload of floats (little-endian IEEE-754). */
  static float[] readFloats(ByteChannel ch, int floats) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 * floats);
    readFully(ch, buf);
    float[] out = new float[floats];
    buf.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  static void write(ByteChannel ch, byte[] header, float[] payload) throws IOException {
    ByteBuffer buf =
        ByteBuffer.allocate(4 + header.length + (payload == null ? 0 : 4 * payload.length));
    buf.putInt(header.length).put(header);
    if (payload != null) buf.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(payload);
    buf.position(0);
    while (buf.hasRemaining()) ch.write(buf);
  }

  static void write(ByteChannel ch, JsonNode header, float[] payload) throws IOException {
    write(ch, JSON.writeValueAsBytes(header), payload);
  }
}
