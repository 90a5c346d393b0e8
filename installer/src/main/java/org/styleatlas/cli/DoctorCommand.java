package org.styleatlas.cli;

import picocli.CommandLine.Command;

/** {@code styleatlas doctor}: not built yet. */
@Command(name = "doctor", description = "Check the installation: Java, natives, models, GPU. (not available yet)")
final class DoctorCommand extends PendingCommand {}
