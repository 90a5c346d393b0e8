package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The assembled CLI ({@code target/styleatlas/bin/styleatlas}, named by {@code styleatlas.dist})
 * run as a user runs it, with its data, cache and model folders under a test's folder and no {@code
 * OFX_PLUGIN_PATH} unless a run gives one.
 */
final class DistCli {
  /** One run: its exit code and its output (stdout and stderr). */
  record Run(int exit, String out) {}

  private final Path dir;

  DistCli(Path dir) {
    this.dir = dir;
  }

  /** {@code bin/styleatlas} of the assembled distribution. */
  static Path cli() {
    return Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"), "bin/styleatlas");
  }

  /** The distribution's folder (the runtime an install points its launcher at). */
  static Path runtime() {
    return cli().getParent().getParent().toAbsolutePath().normalize();
  }

  Run run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(cli().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("OFX_PLUGIN_PATH");
    pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.environment().put("STYLEATLAS_MODELS_DIR", dir.resolve("models").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "finished: " + cmd);
    return new Run(p.exitValue(), out);
  }

  /** Every path under {@code root}, itself included (empty when it does not exist). */
  static Set<String> tree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return new TreeSet<>();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
