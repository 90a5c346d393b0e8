package org.styleatlas.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of subcommands that are declared but not built yet: they say so plainly and exit with code
 * 3.
 */
abstract class PendingCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Unmatched java.util.List<String> ignored;

  @Override
  public Integer call() {
    throw new NotAvailableException(spec.name());
  }
}
