package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.ofx.harness.BatchHost;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.ImageMetrics;
import org.styleatlas.ofx.harness.Plugin;
import org.styleatlas.ofx.harness.PluginPath;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.stub.Libc;

/**
 * The plug-in as {@code styleatlas install} leaves it, used by a host (issue #18.5): install into a
 * temporary prefix; find the bundle as an OpenFX host does (on {@code OFX_PLUGIN_PATH}, the folder
 * install printed) and load the <em>installed</em> binary through the JNA host harness; render a
 * clip in two passes as a command-line batch host does ({@link BatchHost}: a fresh Filter instance
 * and sequence per frame, the last frame rendered again, no temporal access), with the Engine
 * address left at {@code local}, so the plug-in starts the engine itself with the installed
 * bundle's rewritten launcher; check the stylized pixels; stop that engine; uninstall and check
 * that exactly what install wrote is gone.
 *
 * <p>The host process's environment gives the engine private folders: {@code XDG_RUNTIME_DIR} (the
 * socket and engine log), and {@code STYLEATLAS_JAVA_OPTS}, which the launcher's {@code
 * bin/styleatlas} passes to the engine's JVM, with its cache and state folders and the tiny test
 * pipeline (the CLIP fixture, a few decomposition steps).
 */
class InstalledPluginIT {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledPluginIT.class);
  private static final int FRAMES = 4;
  private static final int WIDTH = 32;
  private static final int HEIGHT = 24;
  private static final String STYLIZED = "done 100%";

  /** Variables the test sets in the host process; the last two are unset (the shim's defaults). */
  private static final List<String> ENV =
      List.of(
          "XDG_RUNTIME_DIR",
          "STYLEATLAS_JAVA_OPTS",
          "STYLEATLAS_ENGINE_START_SECONDS",
          "STYLEATLAS_ENGINE_SOCKET",
          "STYLEATLAS_ENGINE_LAUNCHER");

  @TempDir Path dir;
  private final Map<String, String> envBefore = new LinkedHashMap<>();
  private String marker;

  @AfterEach
  void restoreEnvironmentAndStopTheEngine() throws Exception {
    envBefore.forEach(
        (k, v) -> {
          if (v == null) Libc.C.unsetenv(k);
          else Libc.C.setenv(k, v, 1);
        });
    if (marker != null) {
      stopEngine(marker);
    }
  }

  @Test
  void installedBundleFoundOnThePluginPathStartsItsEngineAndRendersThenUninstallRemovesIt()
      throws Exception {
    DistCli cli = new DistCli(dir.resolve("user"));
    Path prefix = dir.resolve("prefix");
    Path plugins = prefix.resolve("OFX/Plugins");
    Set<String> before = DistCli.tree(prefix);

    DistCli.Run install = cli.run(Map.of(), "install", "--prefix", prefix.toString());
    assertEquals(0, install.exit(), install.out());
    assertTrue(install.out().contains("export OFX_PLUGIN_PATH=" + plugins), install.out());
    Set<String> installed = DistCli.tree(prefix);

    List<Path> found = PluginPath.bundles(plugins.toString(), false);
    assertEquals(List.of(plugins.resolve("StyleAtlas.ofx.bundle")), found, "what a host finds");
    Path bundle = found.get(0);
    assertTrue(
        Files.readString(bundle.resolve("Contents/Resources/styleatlas-engine"))
            .contains("RUNTIME=\"" + DistCli.runtime() + "\""),
        "the installed launcher starts this installation");

    hostEnvironment();
    Session session = new Session(Plugin.load(bundle));
    assertEquals("org.styleatlas.TextStylize", session.plugin().id());
    long t0 = System.nanoTime();
    // pass 1 (analysis): every frame comes back as the source; its first render starts the engine
    BatchHost.Pass analysis =
        new BatchHost(session, frames(), InstalledPluginIT::prompt).pass(FRAMES);
    assertEquals(0, analysis.failures(), analysis.messages().toString());
    Path log = dir.resolve("run/styleatlas/engine.log");
    assertTrue(Files.isRegularFile(log), "the plug-in started the engine, logging to " + log);
    Consumer<Effect> queue =
        i -> {
          prompt(i);
          i.params().get("wait").set(1);
          i.params().get("maxWaitSeconds").set(600);
        };
    // pass 2 (the same command with Wait for result): every frame waits for its stylized result
    BatchHost.Pass result = new BatchHost(session, frames(), queue).pass(FRAMES);
    assertEquals(
        0, result.failures(), result.messages() + "; engine log:\n" + Files.readString(log));
    for (BatchHost.Frame f : result.frames()) {
      assertEquals(STYLIZED, f.statusParam(), "frame " + f.time());
      double d = ImageMetrics.meanSquaredRgbDifference(frames().apply(f.time()), f.written());
      assertTrue(d > 1e-4, "frame " + f.time() + " is stylized, not the source: " + d);
    }
    LOG.info(
        "installed plug-in: engine started from the bundle's launcher, {} frames stylized in {} s",
        FRAMES,
        String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    assertTrue(
        engineArguments(marker).contains("-Dstyleatlas.home=" + DistCli.runtime()),
        "the engine runs from the installation: " + engineArguments(marker));
    stopEngine(marker);
    assertEquals(installed, DistCli.tree(prefix), "rendering wrote nothing into the installation");

    DistCli.Run uninstall = cli.run(Map.of(), "uninstall", "--prefix", prefix.toString());
    assertEquals(0, uninstall.exit(), uninstall.out());
    assertEquals(before, DistCli.tree(prefix), "uninstall removed exactly what install wrote");
    assertEquals(
        List.of(), PluginPath.bundles(plugins.toString(), false), "a host finds no bundle now");
  }

  /**
   * The host process's environment as the shim reads it (libc's, which the JVM's {@code getenv}
   * does not see change): private runtime folder; the engine's JVM options with private cache and
   * state folders, the tiny pipeline and one torch thread; a start bound for a loaded machine.
   */
  private void hostEnvironment() throws Exception {
    marker = dir.toAbsolutePath().resolve("engine").toString();
    Properties tiny = TinyPipeline.systemProperties(dir, TinyPipeline.WIRING_ONLY);
    List<String> opts = new ArrayList<>(List.of("-Xmx2g"));
    opts.add("-Dstyleatlas.cache.dir=" + marker + "/cache");
    opts.add("-Dstyleatlas.state.dir=" + marker + "/state");
    opts.add("-Dai.djl.pytorch.num_threads=1");
    opts.add("-Dai.djl.pytorch.num_interop_threads=1");
    tiny.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> opts.add("-D" + k + "=" + tiny.getProperty(k)));
    Map<String, String> env =
        Map.of(
            "XDG_RUNTIME_DIR",
            dir.resolve("run").toString(),
            "STYLEATLAS_JAVA_OPTS",
            String.join(" ", opts),
            "STYLEATLAS_ENGINE_START_SECONDS",
            "180");
    for (String k : ENV) {
      envBefore.put(k, System.getenv(k));
      if (env.containsKey(k)) Libc.C.setenv(k, env.get(k), 1);
      else Libc.C.unsetenv(k);
    }
    Files.createDirectories(dir.resolve("run"));
  }

  private static void prompt(Effect i) {
    i.params().get("globalPrompt").set("a swan made of gold");
    i.params().get("quality").set(0);
    i.params().get("iterations").set(30);
  }

  /** Float RGBA pattern frames with a keyed alpha (the default Matte source, Source alpha). */
  private static DoubleFunction<HostImage> frames() {
    return t -> new HostImage(0, 0, WIDTH, HEIGHT, Depth.FLOAT, 4, true).fillPattern((int) t);
  }

  /** The command line of the engine this test's plug-in started (found by its private folder). */
  private static String engineArguments(String marker) {
    return ProcessHandle.allProcesses()
        .map(p -> String.join(" ", p.info().arguments().orElse(new String[0])))
        .filter(a -> a.contains(marker))
        .findFirst()
        .orElse("");
  }

  /**
   * Stops the engine the plug-in started for this test (SIGTERM: it checkpoints and exits), found
   * by the private folder on its command line; only that process.
   */
  private static void stopEngine(String marker) throws Exception {
    List<ProcessHandle> engines =
        ProcessHandle.allProcesses()
            .filter(
                p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(marker))
            .toList();
    for (ProcessHandle p : engines) {
      p.destroy();
      try {
        p.onExit().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }
}
