package org.styleatlas.engine.studio.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;

/**
 * A DAVIS clip ({@code <clip>/frames} and {@code <clip>/masks}) decomposed through the cache with a
 * short fast-mode schedule, on which {@code styleatlas bench render} and {@code bench stylize}
 * measure: the per-iteration and per-frame costs depend on the views, the atlases and the output
 * size, not on how well the clip is decomposed. A second opening with the same clip and settings
 * reuses the cached decomposition.
 */
public final class BenchClip implements AutoCloseable {
  private final EditableScene scene;
  private final ContentCache cache;
  private final int decomposeIterations;

  private BenchClip(EditableScene scene, ContentCache cache, int decomposeIterations) {
    this.scene = scene;
    this.cache = cache;
    this.decomposeIterations = decomposeIterations;
  }

  /**
   * Reads and decomposes (or finds the decomposition of) the clip in {@code dir}.
   *
   * @param dir the clip's folder, holding {@code frames/} and {@code masks/}
   * @param longEdge working long edge in pixels
   * @param decomposeIterations fast-mode decomposition iterations, at least 1
   * @param cacheDir the cache folder ({@link Studio#defaultCacheDir()} is the CLI's and the host's)
   */
  public static BenchClip open(
      Path dir, int longEdge, int decomposeIterations, Path cacheDir, ProgressSink progress)
      throws IOException {
    if (decomposeIterations < 1) {
      throw new InputException(
          "--decompose-iterations: must be at least 1, got " + decomposeIterations);
    }
    Studio.forceOffline();
    ContentCache cache = new ContentCache(cacheDir, Studio.DEFAULT_MAX_BYTES);
    EditableScene scene =
        Scenes.open(
            Optional.of(dir.resolve("frames")),
            Optional.of(dir.resolve("masks")),
            longEdge,
            DecompositionConfig.fast().withIterations(decomposeIterations),
            cache,
            progress);
    return new BenchClip(scene, cache, decomposeIterations);
  }

  /** Frames in the clip. */
  public int frameCount() {
    return scene.frameCount();
  }

  /** Working width in pixels. */
  public int width() {
    return scene.width();
  }

  /** Working height in pixels. */
  public int height() {
    return scene.height();
  }

  /** The decomposition's iterations, as opened. */
  public int decomposeIterations() {
    return decomposeIterations;
  }

  /**
   * The first render at {@code width x height} through the map store, the second from the stored
   * maps, and the 1/255 check against a full evaluation ({@link SizeMapsBenchmark}), with the
   * decomposition's own atlases.
   */
  public SizeMapsBenchmark.Result sizeMaps(
      int width, int height, int threads, int checkFrames, Optional<Path> crop) throws IOException {
    if (!(scene instanceof DecompositionScene decomposed)) {
      throw new InputException("bench render needs a decomposed clip");
    }
    return SizeMapsBenchmark.run(
        decomposed,
        cache,
        decomposed.atlases().foregroundAt(1f),
        width,
        height,
        threads,
        checkFrames,
        crop);
  }

  /**
   * The first {@code frames} frames' maps and sources at {@code width x height}, to time the
   * composite ({@link RenderBenchmark#measure}).
   */
  public RenderBenchmark.Workload renderWorkload(int width, int height, int frames) {
    return RenderBenchmark.prepare(
        scene.maps(), scene::frame, scene.atlases(), width, height, frames);
  }

  /**
   * A TorchScript CLIP model to time fine-tuning iterations on this clip with; close it after.
   *
   * @throws InputException when {@code model} is not a file
   */
  public StylizeTimer stylizeTimer(Path model) {
    return StylizeTimer.open(scene, model);
  }

  @Override
  public void close() {
    scene.close();
  }
}
