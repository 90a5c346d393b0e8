package org.styleatlas.host.bridge;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code code} of an {@code error} reply (docs/PROTOCOL.md). */
public enum ErrorCode {
  MALFORMED("malformed"),
  BAD_SEGMENT("bad-segment"),
  PROTOCOL("protocol"),
  UNAUTHORIZED("unauthorized"),
  TOO_LARGE("too-large"),
  BAD_INPUT("bad-input"),
  JOB_FAILED("job-failed"),
  INTERNAL("internal");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Whether the connection is closed after this error. */
  public boolean closesConnection() {
    return this == MALFORMED || this == PROTOCOL || this == UNAUTHORIZED || this == TOO_LARGE;
  }
}
