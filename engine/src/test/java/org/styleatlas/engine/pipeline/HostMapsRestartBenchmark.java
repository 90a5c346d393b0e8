package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.maps.MapStore;

/**
 * The host renderer across a restart: one frame of a clip rendered at an output size other than the
 * working one by a fresh renderer (a started host: the maps are evaluated and stored), then by
 * another fresh renderer on a reopened cache (a restarted host: the maps are read from the {@code
 * frame-maps/} entry). The entry is removed before each round. The decomposition (short fast-mode
 * run, host working size 512) and the stylization (2 iterations through the CLIP test fixture) only
 * make the entries the renderer needs; their quality does not change the timing. Run (engine
 * module, test class path): {@code mvn -B -q -o -pl engine test-compile exec:java
 * -Dexec.classpathScope=test
 * -Dexec.mainClass=org.styleatlas.engine.pipeline.HostMapsRestartBenchmark -Dexec.args="<frames
 * dir> <masks dir> <work dir> [width height frame rounds]"}.
 */
public final class HostMapsRestartBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(HostMapsRestartBenchmark.class);

  private HostMapsRestartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path frames = Path.of(args[0]);
    Path masks = Path.of(args[1]);
    Path work = Files.createDirectories(Path.of(args[2]));
    int width = args.length > 3 ? Integer.parseInt(args[3]) : 1920;
    int height = args.length > 4 ? Integer.parseInt(args[4]) : 1080;
    int frame = args.length > 5 ? Integer.parseInt(args[5]) : 25;
    int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 5;

    Properties p = new Properties();
    p.setProperty(
        PipelineSettings.PROPERTY_PREFIX + "clipModel", TinyPipeline.clipFixture(work).toString());
    p.setProperty(PipelineSettings.PROPERTY_PREFIX + "decomposeIterations", "40");
    p.setProperty(PipelineSettings.PROPERTY_PREFIX + "decomposePretrain", "10");
    PipelineSettings settings = PipelineSettings.from(p, Map.of());
    Path root = work.resolve("cache");
    ContentCache cache = new ContentCache(root, 1L << 34);
    JobSpec decompose =
        new JobSpec(
            JobKind.DECOMPOSE,
            JobPriority.BATCH,
            null,
            frames.toString(),
            masks.toString(),
            DecomposeSettings.defaults(),
            null);
    JobSpec stylize =
        new JobSpec(
            JobKind.STYLIZE,
            JobPriority.BATCH,
            null,
            frames.toString(),
            masks.toString(),
            DecomposeSettings.defaults(),
            new StyleSettings(
                "a swan made of gold", "gold texture", "", 4, "draft", 2, 3, 1, 1, 1, 0.1, false));
    ArtifactRecipe keys = new ArtifactRecipe(settings);
    if (cache.find(keys.decomposition(decompose)).isEmpty()) {
      Path checkpoints = Files.createDirectories(work.resolve("cp-d"));
      new DecomposeRunner(settings).run(new FakeJobContext(decompose, cache, checkpoints, 0, keys));
    }
    if (cache.find(keys.stylized(stylize)).isEmpty()) {
      Path checkpoints = Files.createDirectories(work.resolve("cp-s"));
      new StylizeRunner(settings, keys, false)
          .run(new FakeJobContext(stylize, cache, checkpoints, 0, keys));
    }
    CacheEntry decomposition = cache.find(keys.decomposition(decompose)).orElseThrow();
    CacheEntry atlas = cache.find(keys.stylized(stylize)).orElseThrow();

    List<Double> started = new ArrayList<>();
    List<Double> restarted = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      cache.remove(MapStore.key(decomposition.key(), width, height));
      float[] first = new float[width * height * 4];
      started.add(
          seconds(
              new AtlasFrameRenderer(settings, cache),
              decomposition,
              atlas,
              frame,
              width,
              height,
              first));
      ContentCache reopened = new ContentCache(root, 1L << 34);
      float[] second = new float[width * height * 4];
      restarted.add(
          seconds(
              new AtlasFrameRenderer(settings, reopened),
              decomposition,
              atlas,
              frame,
              width,
              height,
              second));
      LOG.info(
          "round {}: started host {} s, restarted host {} s, identical pixels: {}",
          r,
          String.format("%.2f", started.get(r)),
          String.format("%.2f", restarted.get(r)),
          Arrays.equals(first, second));
    }
    LOG.info(
        "frame {} at {}x{}, {} rounds: median first render {} s (maps evaluated), after a restart {} s "
            + "(maps read from size-maps/)",
        frame,
        width,
        height,
        rounds,
        String.format("%.2f", median(started)),
        String.format("%.2f", median(restarted)));
  }

  /**
   * Wall seconds of one composite render by {@code renderer} (it opens the decomposition and
   * atlases).
   */
  private static double seconds(
      AtlasFrameRenderer renderer,
      CacheEntry decomposition,
      CacheEntry atlas,
      int frame,
      int width,
      int height,
      float[] out)
      throws Exception {
    FloatBuffer buf = FloatBuffer.wrap(out);
    long start = System.nanoTime();
    renderer.render(
        decomposition,
        atlas,
        frame,
        new RenderParams("composite", 1),
        width,
        height,
        FloatBuffer.allocate(width * height * 4),
        buf);
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> v) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
