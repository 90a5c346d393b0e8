package org.styleatlas.host.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.stream.Collectors;
import org.styleatlas.engine.InputException;

/** JSON headers of the bridge protocol: decoding with precise errors, and framing of replies. */
public final class BridgeCodec {
  /** docs/PROTOCOL.md: 1 ≤ N ≤ 65536. */
  public static final int MAX_HEADER_BYTES = 65_536;

  /** docs/PROTOCOL.md: inline payloads above 512 MiB are refused. */
  public static final long MAX_PAYLOAD_BYTES = 512L << 20;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private BridgeCodec() {}

  /** Parses one header; every failure is a {@link ProtocolException} with the right code. */
  public static BridgeRequest decode(Buffer header) {
    try {
      return JSON.readValue(header.getBytes(), BridgeRequest.class);
    } catch (ValueInstantiationException e) {
      throw fromCause(e);
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId();
      throw new ProtocolException(
          ErrorCode.MALFORMED,
          id == null ? "missing field 'type'" : "unknown message type '" + id + "'");
    } catch (MismatchedInputException e) {
      String field = path(e);
      ErrorCode code = field.startsWith("params.") ? ErrorCode.BAD_INPUT : ErrorCode.MALFORMED;
      throw new ProtocolException(
          code,
          field.isEmpty()
              ? "header must be a JSON object with a 'type' field"
              : field + ": wrong type (" + e.getOriginalMessage().split("\n")[0] + ")");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ProtocolException || e.getCause() instanceof InputException) {
        throw fromCause(e);
      }
      throw new ProtocolException(ErrorCode.MALFORMED, "header: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED, "header is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException(ErrorCode.MALFORMED, "header is unreadable: " + e.getMessage());
    }
  }

  /**
   * Decodes one request of each type, so Jackson builds its deserializers now (on the calling
   * worker thread) rather than on an event loop at the first request.
   */
  public static void warmUp() {
    String params = "\"params\":{\"prompt\":\"\",\"box\":[0,0,1,1]}";
    String image = "\"image\":{\"width\":1,\"height\":1,\"shm\":\"/styleatlas-1-1\",\"offset\":0}";
    decode(Buffer.buffer("{\"type\":\"hello\",\"id\":1,\"protocol\":1}"));
    decode(Buffer.buffer("{\"type\":\"status\",\"id\":1}"));
    decode(Buffer.buffer("{\"type\":\"frame\",\"id\":1,\"time\":0," + image + "," + params + "}"));
    decode(
        Buffer.buffer(
            "{\"type\":\"render\",\"id\":1,\"time\":0,"
                + image
                + ",\"output\":{\"shm\":\"/styleatlas-1-1\",\"offset\":0},"
                + params
                + "}"));
    encode(BridgeReply.Error.of(1, ErrorCode.INTERNAL, "warm-up"), null);
  }

  /** The request id of a header, best effort, for error replies to undecodable requests; else 0. */
  public static long idOf(Buffer header) {
    try {
      return JSON.readTree(header.getBytes()).path("id").asLong(0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static ProtocolException fromCause(JsonMappingException e) {
    Throwable c = e.getCause();
    if (c instanceof ProtocolException p) {
      return p;
    }
    if (c instanceof InputException i) {
      String at = path(e);
      String prefix =
          at.startsWith("params") && !i.getMessage().startsWith("params.") ? "params." : "";
      return new ProtocolException(ErrorCode.BAD_INPUT, prefix + i.getMessage());
    }
    return new ProtocolException(ErrorCode.MALFORMED, "header: " + e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /** One framed message: length, header, then the payload (may be null). */
  public static Buffer encode(BridgeReply reply, Buffer payload) {
    byte[] header;
    try {
      header = JSON.writeValueAsBytes(reply);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + reply.type() + " reply", e);
    }
    Buffer out = Buffer.buffer(4 + header.length + (payload == null ? 0 : payload.length()));
    out.appendInt(header.length).appendBytes(header);
    if (payload != null) {
      out.appendBuffer(payload);
    }
    return out;
  }

  /** A request header, framed; for test clients and the benchmark. */
  public static Buffer frame(String json) {
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Buffer.buffer(4 + b.length).appendInt(b.length).appendBytes(b);
  }
}
