package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.studio.ModelLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code styleatlas models}: the CLIP model files in the models directory. */
@Command(
    name = "models",
    description = "List, import and fetch CLIP model files.",
    subcommands = {
      ModelsCommand.ListModels.class,
      ModelsCommand.ImportModel.class,
      ModelsCommand.FetchModel.class
    })
final class ModelsCommand {

  /**
   * Prints the one-line outcome of a command on its standard output; returns {@link ExitCodes#OK}.
   */
  static int done(CommandSpec spec, String line) {
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * {@code --models-dir}: where model files live; shared by every command that resolves model
   * names.
   */
  static final class ModelsDirOption {
    @Option(
        names = "--models-dir",
        paramLabel = "DIR",
        description =
            "The models directory (default: $"
                + ModelLibrary.DIR_ENV
                + ", else $XDG_DATA_HOME/styleatlas/models).")
    Path modelsDir;

    ModelLibrary library() {
      return ModelLibrary.at(Optional.ofNullable(modelsDir));
    }
  }

  /** {@code styleatlas models list}. */
  @Command(
      name = "list",
      description = "List the known models and the files in the models directory.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelLibrary library = dir.library();
      out.printf("models directory: %s%n", library.dir());
      out.printf("%-20s %-12s %10s  %s%n", "NAME", "STATUS", "SIZE", "DESCRIPTION");
      for (ModelLibrary.Entry e : library.list()) {
        out.printf(
            "%-20s %-12s %10s  %s%n",
            e.name(),
            e.status(),
            e.bytes().isPresent() ? mib(e.bytes().getAsLong()) : "-",
            e.description());
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static String mib(long bytes) {
      return String.format("%.1f MiB", bytes / (double) (1 << 20));
    }
  }

  /** {@code styleatlas models import FILE [--as NAME]}. */
  @Command(
      name = "import",
      description =
          "Copy a model file in, after checking its SHA-256 against the known"
              + " models (or under --as NAME).")
  static final class ImportModel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "A CLIP TorchScript file, e.g. ViT-B-32.pt.")
    Path file;

    @Option(
        names = "--as",
        paramLabel = "NAME",
        description =
            "Store a file that is not a known model under this name (e.g. a converted or traced one).")
    String name;

    @Override
    public Integer call() {
      Path stored;
      try (TerminalProgress progress = TerminalProgress.mebibytes(spec.commandLine().getErr())) {
        stored = dir.library().importFile(file, Optional.ofNullable(name), progress);
      }
      return done(spec, "imported " + file + " as " + stored);
    }
  }

  /** {@code styleatlas models fetch NAME}. */
  @Command(
      name = "fetch",
      description = "Download a known model from its public address and verify its SHA-256.")
  static final class FetchModel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "A known model name, e.g. ViT-B-32 or ViT-L-14.")
    String name;

    @Override
    public Integer call() throws IOException {
      Path stored;
      try (TerminalProgress progress = TerminalProgress.mebibytes(spec.commandLine().getErr())) {
        stored = dir.library().fetch(name, progress);
      }
      return done(spec, "fetched " + name + " to " + stored);
    }
  }
}
