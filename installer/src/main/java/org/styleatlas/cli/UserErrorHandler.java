package org.styleatlas.cli;

import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import picocli.CommandLine;

/** Turns exceptions into one readable line on stderr and an exit code; the stack trace goes to the log. */
final class UserErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof InputException) {
      cmd.getErr().println("error: " + e.getMessage());
      LOG.debug("bad input", e);
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof CancellationException) {
      LOG.debug("interrupted", e); // InterruptGuard has printed where the checkpoint is
      return ExitCodes.INTERRUPTED;
    }
    if (e instanceof NotAvailableException) {
      cmd.getErr().println(e.getMessage());
      return ExitCodes.NOT_AVAILABLE;
    }
    LOG.error("{} failed", cmd.getCommandName(), e);
    cmd.getErr().println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    return ExitCodes.FAILED;
  }
}
