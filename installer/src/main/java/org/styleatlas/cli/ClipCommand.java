package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas clip}: not built yet. */
@Command(name = "clip", description = "CLIP utilities, such as tokenize. (not available yet)")
final class ClipCommand extends PendingCommand {}
