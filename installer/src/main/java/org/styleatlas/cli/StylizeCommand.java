package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas stylize}: not built yet. */
@Command(name = "stylize", description = "Stylize the clip's object from a text prompt. (not available yet)")
final class StylizeCommand extends PendingCommand {}
