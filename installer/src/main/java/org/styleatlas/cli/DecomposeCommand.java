package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas decompose}: not built yet. */
@Command(name = "decompose", description = "Decompose a clip into layered neural atlases. (not available yet)")
final class DecomposeCommand extends PendingCommand {}
