package org.styleatlas.host.bridge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request from the plugin (docs/PROTOCOL.md, "Messages"). Missing required fields are malformed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BridgeRequest.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = BridgeRequest.FrameUpload.class, name = "frame"),
  @JsonSubTypes.Type(value = BridgeRequest.Render.class, name = "render"),
  @JsonSubTypes.Type(value = BridgeRequest.Status.class, name = "status")
})
public sealed interface BridgeRequest {
  int MAX_WAIT_MS = 10_000;

  Long id();

  /** The payload bytes that follow the header (inline planes on TCP), 0 when none. */
  default long inlineBytes() {
    return 0;
  }

  record Hello(Long id, Integer protocol, String client, String token) implements BridgeRequest {
    public Hello {
      require(id, "id");
      require(protocol, "protocol");
    }
  }

  /** An image, output or matte plane: in shared memory ({@code shm}, {@code offset}) or inline. */
  record Plane(Integer width, Integer height, String shm, Long offset, Boolean inline) {
    public boolean isInline() {
      return Boolean.TRUE.equals(inline);
    }

    void check(String what, boolean needsSize) {
      if (needsSize) {
        require(width, what + ".width");
        require(height, what + ".height");
        if (width <= 0 || height <= 0 || (long) width * height > 1L << 28) {
          throw new ProtocolException(
              ErrorCode.BAD_INPUT,
              what
                  + ": size must be positive and at most 2^28 pixels, got "
                  + width
                  + "x"
                  + height);
        }
      }
      if (!isInline()) {
        require(shm, what + ".shm");
        require(offset, what + ".offset");
      }
    }
  }

  record FrameUpload(
      Long id,
      Double time,
      Integer clipLength,
      Plane image,
      Plane matte,
      WireParams params,
      Long payloadBytes)
      implements BridgeRequest {
    public FrameUpload {
      require(id, "id");
      checkFrame(time, clipLength, image, matte, params);
    }

    @Override
    public long inlineBytes() {
      return payloadBytes == null ? 0 : payloadBytes;
    }
  }

  /**
   * {@code batch}: the plug-in instance is not interactive (a batch render; absent means
   * interactive).
   */
  record Render(
      Long id,
      Double time,
      Integer clipLength,
      Integer waitMs,
      Plane image,
      Plane output,
      Plane matte,
      WireParams params,
      Long payloadBytes,
      Boolean batch)
      implements BridgeRequest {
    public Render {
      require(id, "id");
      checkFrame(time, clipLength, image, matte, params);
      require(output, "output");
      output.check("output", false);
      if (waitMs != null && (waitMs < 0 || waitMs > MAX_WAIT_MS)) {
        throw new ProtocolException(
            ErrorCode.BAD_INPUT, "waitMs: must lie in 0 … " + MAX_WAIT_MS + ", got " + waitMs);
      }
    }

    @Override
    public long inlineBytes() {
      return payloadBytes == null ? 0 : payloadBytes;
    }
  }

  record Status(Long id) implements BridgeRequest {
    public Status {
      require(id, "id");
    }
  }

  private static void checkFrame(
      Double time, Integer clipLength, Plane image, Plane matte, WireParams params) {
    require(time, "time");
    require(image, "image");
    require(params, "params");
    image.check("image", true);
    try {
      params.validated();
    } catch (org.styleatlas.engine.InputException e) {
      throw new ProtocolException(ErrorCode.BAD_INPUT, "params." + e.getMessage());
    }
    if (matte != null) {
      matte.check("matte", false);
    }
    if (!Double.isFinite(time) || time < 0 || time > 1e7) {
      throw new ProtocolException(
          ErrorCode.BAD_INPUT, "time: must be a frame position in 0 … 1e7, got " + time);
    }
    if (clipLength != null && (clipLength < 0 || clipLength > 1_000_000)) {
      throw new ProtocolException(
          ErrorCode.BAD_INPUT, "clipLength: must lie in 0 … 1000000, got " + clipLength);
    }
  }

  private static void require(Object v, String field) {
    if (v == null) {
      throw new ProtocolException(ErrorCode.MALFORMED, "missing field '" + field + "'");
    }
  }
}
