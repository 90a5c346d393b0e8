package org.styleatlas.cli;

import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code styleatlas} command: text-driven stylization of video objects, on files. */
@Command(
    name = "styleatlas",
    // INHERIT: every subcommand, at any depth, answers -h/--help and -V/--version too.
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Text-driven, temporally consistent stylization of a video object.",
    subcommands = {
      ProbeCommand.class,
      DecomposeCommand.class,
      StylizeCommand.class,
      RenderCommand.class,
      ServeCommand.class,
      StatusCommand.class,
      ModelsCommand.class,
      ClipCommand.class,
      ArtifactsCommand.class,
      DoctorCommand.class,
      InstallCommand.class,
      UninstallCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StyleAtlasCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On failure, print the Java stack trace after the one-line message.")
  boolean verbose;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand; see 'styleatlas help'.");
  }

  /** Builds the command line with the project's error handling; also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new StyleAtlasCli());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }

  public static void main(String[] args) {
    Studio.forceOffline();
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // An Error passes picocli's exception handler: say it in one line, not with the JVM's trace.
      System.err.println(
          "error: out of memory ("
              + e.getMessage()
              + "); use a smaller --size or give Java more"
              + " memory (JAVA_OPTS=-Xmx...)");
      code = ExitCodes.FAILED;
    }
    System.exit(code);
  }
}
