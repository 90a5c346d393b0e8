package org.styleatlas.host.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.host.HostConfig;
import org.styleatlas.host.ShimClient;
import org.styleatlas.host.ShmRequest;
import org.styleatlas.host.TestFrames;

/**
 * Farm hosts in their own JVMs ({@link FarmNode}) on loopback, one shared cache folder under a
 * test's temporary directory (or, with {@code cluster.artifacts: fetch}, one per host), the {@link
 * TinyPipeline} settings, and the generated keyed clip they render.
 */
final class TestFarm implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int W = 64;
  static final int H = 36;
  static final int FRAMES = 6;
  static final String PARAMS =
      "{\"prompt\":\"a swan made of gold\",\"quality\":\"draft\",\"iterations\":3,"
          + "\"matteSource\":\"alpha\"}";

  /** Seconds without heartbeats before a host is taken out of a test farm. */
  static final int FAILURE_SECONDS = 3;

  private final Path dir;
  private final Map<String, String> pipeline;
  private final HostConfig.Artifacts artifacts;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Process> nodes = new LinkedHashMap<>();
  final SyntheticClip clip =
      SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));

  /**
   * @param names the farm's hosts (each gets a free cluster port now; all are in every member list)
   * @param pipeline {@code styleatlas.pipeline.*} overrides (without the prefix)
   */
  TestFarm(Path dir, List<String> names, Map<String, String> pipeline) throws IOException {
    this(dir, names, pipeline, HostConfig.Artifacts.SHARED);
  }

  /** As above; with {@link HostConfig.Artifacts#FETCH} each host has its own cache folder. */
  TestFarm(
      Path dir, List<String> names, Map<String, String> pipeline, HostConfig.Artifacts artifacts)
      throws IOException {
    this.dir = dir;
    this.pipeline = pipeline;
    this.artifacts = artifacts;
    for (String n : names) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports.put(n, s.getLocalPort());
      }
    }
  }

  /** Starts host {@code name} (not waiting for it); {@code trainer} false makes it render only. */
  void start(String name, boolean trainer) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "-Xmx512m",
            "-Xss4m",
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1"));
    List<String> members = new ArrayList<>();
    ports.values().forEach(p -> members.add("127.0.0.1:" + p));
    Map<String, String> host = new LinkedHashMap<>();
    host.put("runtime.dir", dir.resolve(name).resolve("run").toString());
    host.put("state.dir", dir.resolve(name).resolve("state").toString());
    host.put("cache.dir", cacheDir(name).toString());
    host.put("cluster.artifacts", artifacts.name().toLowerCase(java.util.Locale.ROOT));
    host.put("shutdown.waitSeconds", "5");
    host.put("cluster.enabled", "true");
    host.put("cluster.name", "test-farm");
    host.put("cluster.port", Integer.toString(ports.get(name)));
    host.put("cluster.members", String.join(",", members));
    host.put("cluster.failureSeconds", Integer.toString(FAILURE_SECONDS));
    host.put("cluster.trainer", Boolean.toString(trainer));
    host.forEach((k, v) -> cmd.add("-Dstyleatlas." + k + "=" + v));
    Properties p = TinyPipeline.systemProperties(dir, pipeline);
    p.stringPropertyNames().forEach(k -> cmd.add("-D" + k + "=" + p.getProperty(k)));
    cmd.add(FarmNode.class.getName());
    Process proc =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log(name).toFile())
            .start();
    nodes.put(name, proc);
  }

  /** Waits until host {@code name} serves. */
  void awaitReady(String name) throws Exception {
    Process p = nodes.get(name);
    await(
        () -> {
          if (!p.isAlive()) {
            throw new AssertionError(name + " exited with " + p.exitValue() + "; see " + log(name));
          }
          return log(name, FarmNode.READY);
        },
        name + " is ready",
        90);
  }

  /** Whether host {@code name}'s log holds {@code text}. */
  boolean log(String name, String text) {
    try {
      return Files.exists(log(name)) && Files.readString(log(name)).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /** The shared cache folder. */
  Path cacheDir() {
    return dir.resolve("cache");
  }

  /** Host {@code name}'s cache folder: the shared one, or its own when it fetches. */
  Path cacheDir(String name) {
    return artifacts == HostConfig.Artifacts.FETCH
        ? dir.resolve(name).resolve("cache")
        : cacheDir();
  }

  Path httpSocket(String name) {
    return dir.resolve(name).resolve("run").resolve("http.sock");
  }

  Path bridgeSocket(String name) {
    return dir.resolve(name).resolve("run").resolve("engine.sock");
  }

  /** {@code kill -9}. */
  void kill(String name) throws InterruptedException {
    Process p = nodes.get(name);
    p.destroyForcibly();
    p.waitFor();
  }

  /** Every job as host {@code name}'s HTTP API lists it. */
  JsonNode jobs(String name) throws IOException {
    return JSON.readTree(UnixHttp.get(httpSocket(name), "/v1/jobs")).path("jobs");
  }

  /** Frame t of the generated clip as straight RGBA with the object's matte as alpha. */
  float[] frame(int t) {
    return TestFrames.keyed(clip.clip().frame(t).rgb().pixels(), clip.clip().matte(t).values());
  }

  /**
   * Renders frame t on host {@code name} through its bridge socket; the output goes to {@code out}.
   */
  JsonNode render(String name, int t, float[] out) throws IOException {
    try (ShimClient c = ShimClient.unix(bridgeSocket(name));
        ShmRequest shm = new ShmRequest(W, H, frame(t))) {
      JsonNode reply = c.call(shm.render(t, t, FRAMES, PARAMS));
      System.arraycopy(shm.outputPixels(), 0, out, 0, out.length);
      return reply;
    }
  }

  static void await(BooleanSupplier cond, String what, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Stops every host still running (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() throws InterruptedException {
    nodes.values().forEach(Process::destroy);
    for (Process p : nodes.values()) {
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
