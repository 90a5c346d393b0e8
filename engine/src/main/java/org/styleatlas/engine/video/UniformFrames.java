package org.styleatlas.engine.video;

import java.nio.file.Path;

/** Checks that the frames written to one output all have the first one's size and channel count. */
final class UniformFrames {
  private final Path out;
  private FrameSize size;
  private int channels;
  private int count;

  /**
   * @param out the output being written, named in errors
   */
  UniformFrames(Path out) {
    this.out = out;
  }

  /**
   * Accepts the next frame.
   *
   * @throws IllegalArgumentException when it differs from the first in size or channel count
   */
  void check(Frame f) {
    if (size == null) {
      size = f.size();
      channels = f.channels();
    } else if (!f.size().equals(size) || f.channels() != channels) {
      throw new IllegalArgumentException(
          String.format(
              "%s: frame %d is %sx%d but frame 0 is %sx%d",
              out, count, f.size(), f.channels(), size, channels));
    }
    count++;
  }

  /** Frames accepted so far. */
  int count() {
    return count;
  }
}
