package org.styleatlas.ofx.stub;

/** What the stub engine does with render requests. */
public enum Behaviour {
  /** Answer "stylized" at once: output = 1 − RGB, alpha kept. */
  STYLIZE,
  /**
   * As {@link #STYLIZE}, as one streaming pass: the output plane is written from the input plane
   * through one reused buffer, and the input is not kept ({@link StubEngine#lastInput()} stays
   * null). The streaming baseline of the benchmarks.
   */
  STREAM,
  /**
   * Collect frames into a clip (by content), answer "pending" with the source until the clip is
   * complete.
   */
  COLLECT,
  /** Always "pending" (decomposing 43%), holding each request for its waitMs. */
  PENDING,
  /** Close the connection after reading the request, without a reply. */
  DIE,
  /** Reply with a header that is not JSON. */
  MALFORMED,
  /** Reply with a protocol error (bad-input). */
  ERROR,
  /** "pending", blocked (waiting cannot help): no prompt, with the source frame. */
  NO_PROMPT
}
