package org.styleatlas.ofx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.Plugin;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.StubEngine;

/** One test's world: the built plug-in (loaded), a stub engine on its own socket, and helpers. */
final class Fixture implements AutoCloseable {
  static final String BUNDLE_PROPERTY = "styleatlas.ofx.bundle";

  final Path dir;
  final Session session;
  final StubEngine engine;

  Fixture(Behaviour behaviour) throws IOException {
    dir = Files.createTempDirectory("sa-ofx");
    session = new Session(Plugin.load(bundle()));
    if (session.load() != 0) throw new IllegalStateException("load failed");
    engine = behaviour == null ? null : StubEngine.unix(dir.resolve("engine.sock"), behaviour);
  }

  static Path bundle() {
    return Path.of(System.getProperty(BUNDLE_PROPERTY, "target/StyleAtlas.ofx.bundle"));
  }

  /**
   * The config of a real engine host on private folders under {@code dir} (runtime, cache, state).
   */
  static HostConfig hostConfig(Path dir) {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    return new ConfigLoader(Map.of(), p).load(null);
  }

  /** A fresh Filter-context instance on frames, talking to this fixture's engine. */
  Effect instance(DoubleFunction<HostImage> frames) {
    return instance(Session.FILTER, frames, null);
  }

  Effect instance(
      String context, DoubleFunction<HostImage> frames, DoubleFunction<HostImage> matte) {
    Effect descriptor = session.describeInContext(session.describe(), context);
    Effect instance = session.createInstance(descriptor, context, frames, matte);
    if (engine != null) instance.params().get("engineAddress").set(engine.address());
    return instance;
  }

  /** Frames of a clip: pattern images that differ per frame (a new image per call, like hosts). */
  static DoubleFunction<HostImage> clip(
      int width, int height, HostImage.Depth depth, int components, boolean negative) {
    return t ->
        new HostImage(0, 0, width, height, depth, components, negative).fillPattern((int) t);
  }

  @Override
  public void close() throws IOException {
    if (engine != null) engine.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
