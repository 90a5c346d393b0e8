package org.styleatlas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code styleatlas} command line in this JVM and keeps everything it printed. */
final class CapturedCli {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * Runs one command; its output is appended to what earlier runs printed. Returns the exit code.
   */
  int run(String... args) {
    CommandLine cli = StyleAtlasCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
