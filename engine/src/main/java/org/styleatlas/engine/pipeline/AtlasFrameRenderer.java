package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.decompose.Decomposition;
import org.styleatlas.engine.jobs.FrameRenderer;
import org.styleatlas.engine.jobs.RenderSettings;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.LayerMaps;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.stylize.DecompositionScene;
import org.styleatlas.engine.video.Frame;

/**
 * The host's frame renderer: one frame of a decomposition entry ({@link DecompositionEntry}) with a
 * stylized atlas entry, at any size, through the {@code render} package's sampler. Maps at the working
 * size are read from the entry; at any other size only the requested frame's are evaluated from the frozen
 * networks (a 1080p frame costs a second or so where the whole clip costs minutes), once per
 * (decomposition, size, frame) within {@link PipelineSettings#mapCacheBytes()} ({@link LayerMapCache}). The
 * composite's outside-the-object pixels are the working-resolution source frame, resampled. Thread-safe.
 */
final class AtlasFrameRenderer implements FrameRenderer {
  private static final int OPEN_DECOMPOSITIONS = 2;

  private final OpenScenes scenes;
  private final LayerMapCache maps;
  private final org.styleatlas.engine.render.FrameRenderer sampler =
      new org.styleatlas.engine.render.FrameRenderer(Runtime.getRuntime().availableProcessors());

  AtlasFrameRenderer(PipelineSettings settings) {
    this.scenes = new OpenScenes(settings.decomposition(), OPEN_DECOMPOSITIONS);
    this.maps = new LayerMapCache(settings.mapCacheBytes());
  }

  @Override
  public void render(CacheEntry decomposition, CacheEntry stylized, int frameIndex, RenderSettings settings, int width,
      int height, FloatBuffer out) throws Exception {
    try (OpenScenes.Lease lease = scenes.acquire(decomposition)) {
      DecompositionScene scene = lease.scene();
      if (frameIndex < 0 || frameIndex >= scene.frameCount()) {
        throw new InputException("frame " + frameIndex + ": the clip has frames 0 … " + (scene.frameCount() - 1));
      }
      OutputMode mode = WireOutput.mode(settings.output());
      AtlasSet atlases = lease.atlases(stylized);
      Frame frame = sampler.render(maps(decomposition, scene, frameIndex, width, height), scene.frame(frameIndex),
          atlases.foregroundAt((float) settings.strength()), atlases.background(), mode);
      WireOutput.write(frame, out);
    }
  }

  private LayerMaps maps(CacheEntry entry, DecompositionScene scene, int t, int width, int height) {
    boolean working = width == scene.width() && height == scene.height();
    int key = working ? LayerMapCache.ALL_FRAMES : t;
    org.styleatlas.engine.decompose.LayerMaps held = maps.get(entry.dir(), width, height, key, () -> {
      Decomposition d = scene.decomposition();
      synchronized (d) {
        return working ? readWorking(d)
            : d.evaluate(width, height, t, t + 1, org.styleatlas.engine.runtime.ProgressSink.NONE);
      }
    });
    int i = working ? t : 0;
    return new LayerMaps(width, height, held.uvForeground().get(i), held.uvBackground().get(i), held.alpha().get(i));
  }

  private static org.styleatlas.engine.decompose.LayerMaps readWorking(Decomposition d) {
    try {
      return d.maps();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the maps of " + d.entry().key() + ": " + e.getMessage(), e);
    }
  }
}
