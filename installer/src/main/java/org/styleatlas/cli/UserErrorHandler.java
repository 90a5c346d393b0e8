package org.styleatlas.cli;

import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one readable line on stderr and an exit code (2 bad input, 1 environment or
 * failure); the stack trace follows only with {@code --verbose}, and goes to the log at DEBUG.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof CancellationException) {
      LOG.debug("interrupted", e); // InterruptGuard has printed where the checkpoint is
      return ExitCodes.INTERRUPTED;
    }
    if (e instanceof NotAvailableException) {
      cmd.getErr().println(e.getMessage());
      return ExitCodes.NOT_AVAILABLE;
    }
    boolean input = e instanceof InputException;
    LOG.debug("{} failed", cmd.getCommandName(), e);
    cmd.getErr().println("error: " + oneLine(e));
    if (verbose(cmd)) {
      e.printStackTrace(cmd.getErr());
    }
    return input ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
  }

  /** The message of {@code e} (or of its first cause that has one), on one line. */
  static String oneLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        String m = t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static boolean verbose(CommandLine cmd) {
    Object root = cmd.getCommandSpec().root().userObject();
    return root instanceof StyleAtlasCli cli && cli.verbose;
  }
}
