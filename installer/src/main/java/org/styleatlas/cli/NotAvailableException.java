package org.styleatlas.cli;

/** A subcommand that this build does not provide yet. */
final class NotAvailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotAvailableException(String command) {
    super("styleatlas " + command + ": not available yet in this build.");
  }
}
