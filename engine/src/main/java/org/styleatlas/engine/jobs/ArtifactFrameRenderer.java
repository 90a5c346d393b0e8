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
   * @param source {@code [height, width, 4]} float32 RGBA from position 0: the request's own
   *     pixels, which the composite keeps outside the object (and blends with for strength &lt; 1)
   *     and {@code original} returns
   * @param out {@code [height, width, 4]} float32 RGBA, straight alpha, top row first; write all of
   *     it
   */
  void render(
      CacheEntry decomposition,
      CacheEntry stylized,
      int frameIndex,
      RenderParams settings,
      int width,
      int height,
      FloatBuffer source,
      FloatBuffer out)
      throws Exception;

  /**
   * The same, morphing from {@code stylized}'s look towards {@code morphTarget}'s by {@link
   * RenderParams#morph()}, blended in atlas space. This default renders without a morph and refuses
   * one; the pipeline's renderer overrides it.
   *
   * @param morphTarget the stylized atlas entry of the morph target prompt, on the same
   *     decomposition; null when there is no morph (then {@code settings.morph()} is ignored)
   */
  default void render(
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
    if (morphTarget != null && settings.morph() > 0) {
      throw new UnsupportedOperationException(
          "this build's frame renderer cannot morph between prompts");
    }
    render(decomposition, stylized, frameIndex, settings, width, height, source, out);
  }
}
