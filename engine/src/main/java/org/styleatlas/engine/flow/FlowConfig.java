package org.styleatlas.engine.flow;

/**
 * Optical flow settings.
 *
 * @param preset OpenCV DIS preset
 * @param consistencyThreshold forward–backward error, in pixels, above which a flow vector is
 *     considered unreliable: |f_{t→t+1}(p) + f_{t+1→t}(p + f_{t→t+1}(p))| &gt; threshold
 * @param minLongEdge frames whose long edge is shorter are upsampled by an integer factor to at
 *     least this before DIS, and the flow scaled back: DIS sizes its pyramid from the frame, and at
 *     64 px it has a single level with patches of 8-12 px, so it misses motions of a few pixels
 *     (measured on the generated 64x36 clip: 1 px of flow where the object moved 4-5 px)
 */
public record FlowConfig(Preset preset, double consistencyThreshold, int minLongEdge) {

  /** DIS presets (OpenCV's PRESET_ULTRAFAST, PRESET_FAST, PRESET_MEDIUM). */
  public enum Preset {
    ULTRAFAST(0),
    FAST(1),
    MEDIUM(2);

    private final int opencv;

    Preset(int opencv) {
      this.opencv = opencv;
    }

    int opencv() {
      return opencv;
    }
  }

  public FlowConfig {
    if (preset == null || !(consistencyThreshold > 0) || minLongEdge < 1) {
      throw new IllegalArgumentException(
          "flow config needs a preset, a positive threshold and a positive minimum "
              + "long edge, got "
              + preset
              + ", "
              + consistencyThreshold
              + ", "
              + minLongEdge);
    }
  }

  /** DIS MEDIUM with NLA's one-pixel forward–backward threshold, on frames of at least 256 px. */
  public static FlowConfig defaults() {
    return new FlowConfig(Preset.MEDIUM, 1.0, 512);
  }

  /**
   * The integer upsampling factor for frames {@code width}x{@code height}: 1 when they are large
   * enough.
   */
  public int upsampling(int width, int height) {
    int longEdge = Math.max(width, height);
    return Math.max(1, (minLongEdge + longEdge - 1) / longEdge);
  }
}
