package org.styleatlas.cli;

/** Exit codes of the {@code styleatlas} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The work failed for a reason that is not the user's input (I/O, native library, bug). */
  public static final int FAILED = 1;

  /** The input or a parameter is wrong; the message says which and why. */
  public static final int BAD_INPUT = 2;

  /** The command exists but this build cannot run it yet. */
  public static final int NOT_AVAILABLE = 3;

  /**
   * Interrupted (Ctrl-C, SIGTERM) after saving a checkpoint; the same command resumes. 128 +
   * SIGINT.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
