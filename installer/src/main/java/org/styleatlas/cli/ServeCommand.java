package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas serve}: runs the engine host until SIGTERM / SIGINT; exits at once (code 0)
 * when a host already runs for the same runtime folder. Configuration: docs/HOST.md.
 */
@Command(
    name = "serve",
    description = "Run the engine host for the OpenFX plugin and the HTTP API.")
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A JSON config file (default: $XDG_CONFIG_HOME/styleatlas/host.json when it exists).")
  Path config;

  @Option(
      names = "--cluster",
      description =
          "Join the render farm the config's cluster.* keys name (docs/HOST.md, \"Render farm\").")
  boolean cluster;

  @Override
  public Integer call() throws InterruptedException {
    HostConfig loaded = ConfigLoader.fromProcess().load(config);
    HostConfig cfg = cluster ? loaded.withClusterOn() : loaded;
    Optional<EngineHost> started = EngineHost.start(cfg, JobRunners.discover());
    if (started.isEmpty()) {
      spec.commandLine()
          .getOut()
          .printf("A StyleAtlas host already runs on %s.%n", cfg.bridgeSocket());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    EngineHost host = started.get();
    Runtime.getRuntime().addShutdownHook(new Thread(host::close, "styleatlas-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "StyleAtlas host running: bridge %s, HTTP %s%n", cfg.bridgeSocket(), cfg.httpSocket());
    spec.commandLine().getOut().flush();
    host.awaitClose();
    return ExitCodes.OK;
  }
}
