package org.styleatlas.engine.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.maps.FrameMapCache;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.video.Frame;

/**
 * The host's frame renderer: one frame of a decomposition entry ({@link DecompositionEntry}) with a
 * stylized atlas entry, at any size, through the {@code render} package's sampler. Maps at the working
 * size are read from the entry; at any other size only the requested frame's are evaluated from the frozen
 * networks (a 1080p frame costs seconds where the whole clip costs minutes) and kept in the host's content
 * cache ({@link FrameMapCache}), so they survive a restart. Lookup order: memory ({@link LayerMapCache},
 * bounded by {@link PipelineSettings#mapCacheBytes()}) → the cache entry → evaluate and store. The
 * composite's outside-the-object pixels are the working-resolution source frame, resampled. Thread-safe.
 */
final class AtlasFrameRenderer implements ArtifactFrameRenderer {
  private static final int OPEN_DECOMPOSITIONS = 2;

  private final OpenScenes scenes;
  private final LayerMapCache maps;
  private final FrameMapCache stored;
  private final org.styleatlas.engine.render.FrameRenderer sampler =
      new org.styleatlas.engine.render.FrameRenderer(Runtime.getRuntime().availableProcessors());

  /** @param cache the host's content cache, where maps evaluated at output sizes are kept */
  AtlasFrameRenderer(PipelineSettings settings, ContentCache cache) {
    this.scenes = new OpenScenes(settings.decomposition(), OPEN_DECOMPOSITIONS);
    this.maps = new LayerMapCache(settings.mapCacheBytes());
    this.stored = new FrameMapCache(cache);
  }

  /** How many frames' maps this renderer evaluated from the networks (neither in memory nor on disk). */
  int evaluations() {
    return stored.evaluations();
  }

  @Override
  public void render(CacheEntry decomposition, CacheEntry stylized, CacheEntry morphTarget, int frameIndex,
      RenderParams settings, int width, int height, FloatBuffer out) throws Exception {
    try (OpenScenes.Lease lease = scenes.acquire(decomposition)) {
      DecompositionScene scene = lease.scene();
      if (frameIndex < 0 || frameIndex >= scene.frameCount()) {
        throw new InputException("frame " + frameIndex + ": the clip has frames 0 … " + (scene.frameCount() - 1));
      }
      OutputMode mode = WireOutput.mode(settings.output());
      AtlasSet atlases = lease.atlases(stylized);
      if (morphTarget != null) {
        atlases = atlases.morphTo(lease.atlases(morphTarget), (float) settings.morph());
      }
      Frame frame = sampler.render(maps(decomposition, scene, frameIndex, width, height), scene.frame(frameIndex),
          atlases.foregroundAt((float) settings.strength()), atlases.background(), mode);
      WireOutput.write(frame, out);
    }
  }

  private FrameLayerMaps maps(CacheEntry entry, DecompositionScene scene, int t, int width, int height) {
    boolean working = width == scene.width() && height == scene.height();
    int key = working ? LayerMapCache.ALL_FRAMES : t;
    org.styleatlas.engine.decomposition.ClipLayerMaps held = maps.get(entry.dir(), width, height, key,
        () -> working ? readWorking(scene.decomposition()) : stored(entry, scene.decomposition(), t, width, height));
    int i = working ? t : 0;
    return new FrameLayerMaps(width, height, held.uvForeground().get(i), held.uvBackground().get(i), held.alpha().get(i));
  }

  private static org.styleatlas.engine.decomposition.ClipLayerMaps readWorking(Decomposition d) {
    try {
      synchronized (d) {
        return d.maps();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the maps of " + d.entry().key() + ": " + e.getMessage(), e);
    }
  }

  /** Frame {@code t}'s maps at an output size: from the content cache, else evaluated and stored there. */
  private org.styleatlas.engine.decomposition.ClipLayerMaps stored(CacheEntry entry, Decomposition d, int t, int width,
      int height) {
    try {
      return stored.get(entry.key(), width, height, t, () -> {
        synchronized (d) {
          return d.evaluate(width, height, t, t + 1, ProgressSink.NONE);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache frame " + t + "'s maps of " + entry.key() + " at " + width + "x"
          + height + ": " + e.getMessage(), e);
    }
  }
}
