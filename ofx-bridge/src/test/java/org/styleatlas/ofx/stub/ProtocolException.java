package org.styleatlas.ofx.stub;

/** A request the engine refuses, with the protocol's error code. */
final class ProtocolException extends Exception {
  private final String code;

  ProtocolException(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }
}
