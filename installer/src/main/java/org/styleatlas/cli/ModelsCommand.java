package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas models}: not built yet. */
@Command(name = "models", description = "List, import and fetch CLIP model files. (not available yet)")
final class ModelsCommand extends PendingCommand {}
