package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas bench}: not built yet. */
@Command(name = "bench", description = "Run a benchmark and print its figures. (not available yet)")
final class BenchCommand extends PendingCommand {}
