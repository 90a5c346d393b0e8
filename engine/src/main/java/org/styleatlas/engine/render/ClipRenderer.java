package org.styleatlas.engine.render;

import java.util.function.IntFunction;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Frame;

/**
 * Renders a whole clip from a decomposition's maps and a set of atlases, frame by frame, in any
 * {@link OutputMode} and at any output resolution. Each frame goes to the sink as soon as it is
 * rendered and nothing is kept, so memory does not grow with the clip's length.
 */
public final class ClipRenderer {
  /** Progress task name. */
  public static final String TASK = "render";

  /** Receives each rendered frame in order. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(int t, Frame frame) throws java.io.IOException;
  }

  private final LayerMapSource maps;
  private final IntFunction<AtlasSet> atlases;

  /**
   * @param maps the decomposition's maps, asked for one frame at a time (a scene backed by the
   *     on-disk map store resamples each frame's maps when it is rendered)
   * @param atlases the discretized atlases
   */
  public ClipRenderer(LayerMapSource maps, AtlasSet atlases) {
    this(maps, t -> atlases);
  }

  /**
   * A clip whose look changes over time (a prompt morph, {@link AtlasSet#morphTo}).
   *
   * @param maps as above
   * @param atlases the atlases of frame {@code t}; returning the same instance for consecutive
   *     frames avoids recomputing the strength blend
   */
  public ClipRenderer(LayerMapSource maps, IntFunction<AtlasSet> atlases) {
    this.maps = maps;
    this.atlases = atlases;
  }

  /**
   * Renders every frame.
   *
   * @param originals the source frame of each index (any size), read only by composite and original
   *     modes
   * @param settings mode, strength, output size, threads
   * @param sink receives the frames in order
   */
  public void render(
      IntFunction<Frame> originals, RenderSettings settings, ProgressSink progress, FrameSink sink)
      throws java.io.IOException {
    AtlasSet set = null;
    AtlasTexture fg = null;
    int n = maps.frameCount();
    try (FrameRenderer renderer = new FrameRenderer(settings.threads())) {
      for (int t = 0; t < n; t++) {
        AtlasSet now = atlases.apply(t);
        if (now != set) {
          set = now;
          fg = set.foregroundWithDetail(settings.strength(), detailOf(settings));
        }
        FrameLayerMaps m = maps.maps(t, settings.width(), settings.height());
        Frame original = needsOriginal(settings.mode()) ? originals.apply(t) : null;
        sink.accept(
            t,
            renderer.render(
                m, original, fg, set.background(), settings.mode(), detailOf(settings)));
        progress.update(
            TASK,
            t + 1,
            n,
            settings.width() + "x" + settings.height() + " " + settings.mode().cliName());
      }
    }
  }

  /** The detail k only composites use (the other modes sample the atlas as it is). */
  private static float detailOf(RenderSettings settings) {
    return settings.mode() == OutputMode.COMPOSITE ? settings.detail() : 0f;
  }

  private static boolean needsOriginal(OutputMode mode) {
    return mode == OutputMode.COMPOSITE || mode == OutputMode.ORIGINAL;
  }
}
