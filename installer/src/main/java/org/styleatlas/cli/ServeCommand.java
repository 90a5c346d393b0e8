package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas serve}: not built yet. */
@Command(name = "serve", description = "Run the engine host for the OpenFX plugin and the HTTP API. (not available yet)")
final class ServeCommand extends PendingCommand {}
