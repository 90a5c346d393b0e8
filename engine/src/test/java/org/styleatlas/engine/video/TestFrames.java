package org.styleatlas.engine.video;

import java.util.ArrayList;
import java.util.List;

/** Small smooth test frames: codecs keep smooth content well, so tolerances can stay tight. */
final class TestFrames {
  static final int WIDTH = 64;
  static final int HEIGHT = 48;

  private TestFrames() {}

  /**
   * {@code count} frames of moving colour ramps, values in [0, scale]; with 4 channels the alpha is
   * a horizontal ramp from 0 to 1.
   */
  static List<Frame> ramps(int count, int channels, float scale) {
    return ramps(WIDTH, HEIGHT, count, channels, scale);
  }

  /** As {@link #ramps(int, int, float)} at the given size. */
  static List<Frame> ramps(int width, int height, int count, int channels, float scale) {
    List<Frame> frames = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      float[] px = new float[width * height * channels];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int i = (y * width + x) * channels;
          px[i] = scale * (x + 2 * t) / (width + 2f * count);
          px[i + 1] = scale * y / (float) height;
          px[i + 2] = scale * (0.25f + 0.5f * (x + y) / (width + height));
          if (channels == 4) {
            px[i + 3] = x / (width - 1f);
          }
        }
      }
      frames.add(new Frame(width, height, channels, px));
    }
    return frames;
  }

  /** Mean absolute difference over channels {@code [from, to)} of two frames of one size. */
  static double meanAbsDiff(Frame a, Frame b, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < a.width() * a.height(); p++) {
      for (int c = from; c < to; c++) {
        sum += Math.abs(a.pixels()[p * a.channels() + c] - b.pixels()[p * b.channels() + c]);
        n++;
      }
    }
    return sum / n;
  }

  /** Largest absolute difference over channels {@code [from, to)} of two frames of one size. */
  static double maxAbsDiff(Frame a, Frame b, int from, int to) {
    double max = 0;
    for (int p = 0; p < a.width() * a.height(); p++) {
      for (int c = from; c < to; c++) {
        max =
            Math.max(
                max, Math.abs(a.pixels()[p * a.channels() + c] - b.pixels()[p * b.channels() + c]));
      }
    }
    return max;
  }
}
