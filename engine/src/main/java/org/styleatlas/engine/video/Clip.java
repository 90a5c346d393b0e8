package org.styleatlas.engine.video;

import java.util.List;
import java.util.Optional;

/**
 * A decoded clip: its frames and, when one was found, the object's matte for every frame.
 *
 * <p>All frames share one size; the mattes, when present, match the frames in count and size. Both
 * are checked here, so a {@code Clip} that exists is consistent.
 *
 * @param name a short name for logs and reports (usually the file or folder name)
 * @param fps frames per second; image sequences without timing use {@link #DEFAULT_FPS}
 * @param frames the frames in display order, at least one
 * @param mattes one matte per frame, or empty when the clip has no matte
 */
public record Clip(String name, double fps, List<Frame> frames, Optional<List<Matte>> mattes) {

  /** Frame rate assumed for image sequences, which carry no timing. */
  public static final double DEFAULT_FPS = 24.0;

  public Clip {
    frames = List.copyOf(frames);
    mattes = mattes.map(List::copyOf);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException(name + ": clip has no frames");
    }
    if (!(fps > 0) || !Double.isFinite(fps)) {
      throw new IllegalArgumentException(name + ": frame rate must be positive, got " + fps);
    }
    Frame first = frames.get(0);
    for (int i = 1; i < frames.size(); i++) {
      Frame f = frames.get(i);
      if (f.width() != first.width() || f.height() != first.height()) {
        throw new IllegalArgumentException(
            String.format(
                "%s: frame %d is %dx%d but frame 0 is %dx%d",
                name, i, f.width(), f.height(), first.width(), first.height()));
      }
    }
    if (mattes.isPresent()) {
      List<Matte> m = mattes.get();
      if (m.size() != frames.size()) {
        throw new IllegalArgumentException(
            String.format(
                "%s: matte has %d frames but the clip has %d", name, m.size(), frames.size()));
      }
      for (int i = 0; i < m.size(); i++) {
        if (m.get(i).width() != first.width() || m.get(i).height() != first.height()) {
          throw new IllegalArgumentException(
              String.format(
                  "%s: matte frame %d is %dx%d but the clip is %dx%d",
                  name, i, m.get(i).width(), m.get(i).height(), first.width(), first.height()));
        }
      }
    }
  }

  /** A clip without a matte. */
  public static Clip of(String name, double fps, List<Frame> frames) {
    return new Clip(name, fps, frames, Optional.empty());
  }

  /** The same frames with the given mattes. */
  public Clip withMattes(List<Matte> newMattes) {
    return new Clip(name, fps, frames, Optional.of(newMattes));
  }

  public int frameCount() {
    return frames.size();
  }

  public int width() {
    return frames.get(0).width();
  }

  public int height() {
    return frames.get(0).height();
  }

  /** Duration in seconds. */
  public double durationSeconds() {
    return frames.size() / fps;
  }

  public Frame frame(int t) {
    return frames.get(t);
  }

  public boolean hasMatte() {
    return mattes.isPresent();
  }

  /** The matte of frame t; only for clips with a matte. */
  public Matte matte(int t) {
    return mattes.orElseThrow(() -> new IllegalStateException(name + ": clip has no matte")).get(t);
  }
}
