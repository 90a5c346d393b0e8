package org.styleatlas.host.bridge;

/** A request the host refuses; becomes an {@code error} reply with its code and message. */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
