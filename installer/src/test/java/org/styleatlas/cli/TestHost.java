package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.HostConfig;

/** A host's folders under a test's directory, shared with the CLI runs of the same test. */
final class TestHost {
  private TestHost() {}

  /**
   * The host's configuration: runtime, cache ({@code dir/cache}) and state folders in {@code dir}.
   */
  static HostConfig config(Path dir) {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    return new ConfigLoader(Map.of(), p).load(null);
  }

  /** How many entries of {@code kind} the cache in {@code dir/cache} holds. */
  static long entries(Path dir, String kind) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("cache").resolve(kind))) {
      return s.count();
    }
  }
}
