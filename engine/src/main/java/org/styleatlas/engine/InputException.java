package org.styleatlas.engine;

import java.nio.file.Path;

/**
 * A problem with something the user gave us: a file, a parameter, a request.
 *
 * <p>The message always names the input and says what is wrong with it, so the CLI, the HTTP API
 * and the plugin can show it verbatim without a stack trace.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A problem with a file or folder: "{path}: {problem}". */
  public static InputException of(Path input, String problem) {
    return new InputException(input + ": " + problem);
  }

  /** A problem with a file or folder caused by a lower-level failure. */
  public static InputException of(Path input, String problem, Throwable cause) {
    return new InputException(input + ": " + problem, cause);
  }
}
