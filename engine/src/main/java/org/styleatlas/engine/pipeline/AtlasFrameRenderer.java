package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.video.Frame;

/**
 * The host's frame renderer: one frame of a decomposition entry ({@link DecompositionEntry}) with a
 * stylized atlas entry, at any size, through the {@code render} package's sampler. Maps come from
 * one {@link MapStore} on the host's content cache: at the working size they are the entry's own;
 * at any other size they are resampled from them, with the frozen networks evaluated only at the
 * pixels near the opacity's edges, once per clip and size (a 1080p clip's first frame costs
 * seconds), and kept in the cache so they survive a restart; resampled frames stay in memory up to
 * {@link PipelineSettings#mapCacheBytes()}. The composite is drawn over the request's own pixels
 * ({@link SourceComposite}), so an untouched pixel comes back bit-identical; {@code original}
 * returns them. Thread-safe.
 */
final class AtlasFrameRenderer implements ArtifactFrameRenderer {
  private static final int OPEN_DECOMPOSITIONS = 2;

  private final OpenScenes scenes;
  private final MapStore maps;
  private final org.styleatlas.engine.render.FrameRenderer sampler =
      new org.styleatlas.engine.render.FrameRenderer(Runtime.getRuntime().availableProcessors());

  /**
   * @param cache the host's content cache, where maps at output sizes are kept
   */
  AtlasFrameRenderer(PipelineSettings settings, ContentCache cache) {
    this.maps = new MapStore(Optional.of(cache), settings.mapCacheBytes());
    this.scenes = new OpenScenes(settings.decomposition(), OPEN_DECOMPOSITIONS, maps);
  }

  /**
   * How many frames this renderer evaluated the networks for (edge pixels at a new size, neither in
   * memory nor stored).
   */
  int evaluations() {
    return maps.evaluations();
  }

  @Override
  public void render(
      CacheEntry decomposition,
      CacheEntry stylized,
      int frameIndex,
      RenderParams settings,
      int width,
      int height,
      FloatBuffer source,
      FloatBuffer out)
      throws Exception {
    render(decomposition, stylized, null, frameIndex, settings, width, height, source, out);
  }

  @Override
  public void render(
      CacheEntry decomposition,
      CacheEntry stylized,
      CacheEntry morphTarget,
      int frameIndex,
      RenderParams settings,
      int width,
      int height,
      FloatBuffer source,
      FloatBuffer out)
      throws Exception {
    try (OpenScenes.Lease lease = scenes.acquire(decomposition)) {
      DecompositionScene scene = lease.scene();
      if (frameIndex < 0 || frameIndex >= scene.frameCount()) {
        throw new InputException(
            "frame " + frameIndex + ": the clip has frames 0 … " + (scene.frameCount() - 1));
      }
      OutputMode mode = WireOutput.mode(settings.output());
      if (mode == OutputMode.ORIGINAL) {
        FloatBuffer pixels = source.duplicate();
        pixels.clear().limit(width * height * 4);
        out.put(pixels);
        return;
      }
      AtlasSet atlases = lease.atlases(stylized);
      if (morphTarget != null) {
        atlases = atlases.morphTo(lease.atlases(morphTarget), (float) settings.morph());
      }
      FrameLayerMaps maps = scene.maps(frameIndex, width, height);
      if (mode == OutputMode.COMPOSITE) {
        SourceComposite.render(
            sampler, maps, source, atlases.foregroundAt(1), (float) settings.strength(), out);
        return;
      }
      Frame frame =
          sampler.render(
              maps,
              scene.frame(frameIndex),
              atlases.foregroundAt((float) settings.strength()),
              atlases.background(),
              mode);
      WireOutput.write(frame, out);
    }
  }
}
