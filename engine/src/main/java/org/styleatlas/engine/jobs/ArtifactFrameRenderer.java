package org.styleatlas.engine.jobs;

import java.nio.FloatBuffer;
import org.styleatlas.engine.cache.CacheEntry;

/**
 * Renders one output frame from cached artifacts: the render path's last step. Must be thread-safe:
 * the host calls it concurrently for frames rendered in parallel.
 */
@FunctionalInterface
public interface ArtifactFrameRenderer {

  /**
   * @param decomposition the clip's decomposition entry
   * @param stylized the stylized atlas entry
   * @param frameIndex the frame's position in its clip, 0-based
   * @param settings render-time settings (output mode, strength)
   * @param width output width in pixels
   * @param height output height in pixels
   * @param source {@code [height, width, 4]} float32 RGBA from position 0: the request's own pixels, which the
   *     composite keeps outside the object (and blends with for strength &lt; 1) and {@code original} returns
   * @param out {@code [height, width, 4]} float32 RGBA, straight alpha, top row first; write all of it
   */
  void render(CacheEntry decomposition, CacheEntry stylized, int frameIndex, RenderParams settings,
      int width, int height, FloatBuffer source, FloatBuffer out) throws Exception;
}
