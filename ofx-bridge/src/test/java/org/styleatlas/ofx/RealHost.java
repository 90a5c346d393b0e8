package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The real Vert.x engine host with the TinyPipeline runners, started in this JVM on private
 * folders, and the built plug-in rendering against it as a command-line host does: a fresh Filter
 * instance per frame, destroyed after its one render.
 */
final class RealHost implements AutoCloseable {
  /** The Status text of a fully stylized frame. */
  static final String STYLIZED = "done 100%";

  /** One render: the Status text after it and the output image. */
  record Rendered(String status, HostImage output) {}

  final EngineHost host;
  final Fixture fixture;
  private final HostConfig config;
  private final DoubleFunction<HostImage> frames;
  private final DoubleFunction<HostImage> matte;

  RealHost(Path dir, DoubleFunction<HostImage> frames) throws IOException {
    this(dir, frames, null, TinyPipeline.WIRING_ONLY);
  }

  /**
   * @param matte the Matte clip's frames (General context), or null (Filter context)
   * @param pipeline TinyPipeline settings overridden (keys without the {@code styleatlas.pipeline.}
   *     prefix)
   */
  RealHost(
      Path dir,
      DoubleFunction<HostImage> frames,
      DoubleFunction<HostImage> matte,
      Map<String, String> pipeline)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    this.config = new ConfigLoader(Map.of(), p).load(null);
    this.host = EngineHost.start(config, TinyPipeline.discover(dir, pipeline)).orElseThrow();
    this.fixture = new Fixture(null);
    this.frames = frames;
    this.matte = matte;
  }

  /** Renders frame t with a fresh instance set up by {@code setup}, and destroys the instance. */
  Rendered render(int t, Consumer<Effect> setup) {
    Effect instance =
        fixture.instance(matte == null ? Session.FILTER : Session.GENERAL, frames, matte);
    instance.params().get("engineAddress").set("unix:" + config.bridgeSocket());
    setup.accept(instance);
    Session.Render r = fixture.session.render(instance, t);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    String status = (String) instance.param("status");
    assertEquals(0, instance.outstandingImages());
    fixture.session.destroyInstance(instance);
    return new Rendered(status, r.output());
  }

  /**
   * The analysis pass over frames 0 … n − 1, then frame 0 again: the restart completes the clip.
   */
  void analyse(int n, Consumer<Effect> setup) {
    for (int t = 0; t < n; t++) {
      render(t, setup);
    }
    render(0, setup);
  }

  /**
   * Renders frame t every half second until its Status is {@code status} or the deadline passes.
   */
  Rendered until(
      int t,
      Consumer<Effect> setup,
      java.util.function.Predicate<String> status,
      long deadlineMillis)
      throws InterruptedException {
    Rendered r = render(t, setup);
    while (!status.test(r.status()) && System.currentTimeMillis() < deadlineMillis) {
      Thread.sleep(500);
      r = render(t, setup);
    }
    return r;
  }

  @Override
  public void close() throws IOException {
    try {
      fixture.close();
    } finally {
      host.close();
    }
  }
}
