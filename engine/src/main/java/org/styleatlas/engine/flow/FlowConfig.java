package org.styleatlas.engine.flow;

/**
 * Optical flow settings.
 *
 * @param preset OpenCV DIS preset
 * @param consistencyThreshold forward–backward error, in pixels, above which a flow vector is
 *     considered unreliable: |f_{t→t+1}(p) + f_{t+1→t}(p + f_{t→t+1}(p))| &gt; threshold
 */
public record FlowConfig(Preset preset, double consistencyThreshold) {

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
    if (preset == null || !(consistencyThreshold > 0)) {
      throw new IllegalArgumentException("flow config needs a preset and a positive threshold, got " + preset
          + ", " + consistencyThreshold);
    }
  }

  /** DIS MEDIUM with NLA's one-pixel forward–backward threshold. */
  public static FlowConfig defaults() {
    return new FlowConfig(Preset.MEDIUM, 1.0);
  }
}
