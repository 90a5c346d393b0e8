package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas render}: not built yet. */
@Command(name = "render", description = "Render frames from a decomposition and an atlas. (not available yet)")
final class RenderCommand extends PendingCommand {}
