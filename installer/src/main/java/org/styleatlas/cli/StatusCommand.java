package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.HostConfig;
import org.styleatlas.host.status.StatusLinkClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas status}: has the running host open its status page on loopback, prints the link
 * (with a one-time token) and opens it in the browser ({@code xdg-open}) unless {@code
 * --no-browser}. docs/HOST.md.
 */
@Command(
    name = "status",
    description =
        "Open the engine host's status page (jobs, losses, atlases, before/after) in a browser.")
final class StatusCommand implements Callable<Integer> {
  /** How long the host may take to answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final String OPENER = "xdg-open";

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The host's JSON config file, to find its socket (default: as 'serve' finds it).")
  Path config;

  @Option(names = "--no-browser", description = "Only print the link; do not open a browser.")
  boolean noBrowser;

  @Override
  public Integer call() throws IOException, InterruptedException {
    HostConfig cfg = ConfigLoader.fromProcess().load(config);
    PrintWriter out = spec.commandLine().getOut();
    URI link;
    try {
      link = StatusLinkClient.requestLink(cfg.httpSocket(), TIMEOUT);
    } catch (IOException e) {
      spec.commandLine().getErr().println("styleatlas status: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.FAILED;
    }
    out.println("StyleAtlas status page: " + link);
    out.println(
        "The link works once, from this machine; run 'styleatlas status' again for another.");
    if (!noBrowser) {
      out.println(openBrowser(link));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Starts {@code xdg-open link}; returns what happened, for the user. */
  private static String openBrowser(URI link) throws InterruptedException {
    Path opener = findOnPath(OPENER);
    if (opener == null) {
      return "Open it in a browser (" + OPENER + " is not installed).";
    }
    try {
      Process p =
          new ProcessBuilder(opener.toString(), link.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() != 0) {
        return "Open it in a browser (" + OPENER + " failed with exit code " + p.exitValue() + ").";
      }
      return "Opened it with " + OPENER + ".";
    } catch (IOException e) {
      return "Open it in a browser (" + OPENER + " could not start: " + e.getMessage() + ").";
    }
  }

  private static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
