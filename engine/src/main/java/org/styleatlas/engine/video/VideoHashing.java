package org.styleatlas.engine.video;

import org.styleatlas.engine.cache.ContentHasher;

/**
 * Feeds video content into a {@link ContentHasher}: sizes first, then the float32 samples bit for
 * bit, so a key changes with any pixel, matte value or frame rate.
 */
public final class VideoHashing {
  private VideoHashing() {}

  /** A frame's width, height, channel count and pixels; returns {@code h}. */
  public static ContentHasher putFrame(ContentHasher h, Frame f) {
    h.putLong(f.width()).putLong(f.height()).putLong(f.channels());
    return h.putFloats(f.pixels());
  }

  /** A matte's width, height and values; returns {@code h}. */
  public static ContentHasher putMatte(ContentHasher h, Matte m) {
    h.putLong(m.width()).putLong(m.height());
    return h.putFloats(m.values());
  }

  /** Frames, mattes (when present) and frame rate of a clip; not its name. Returns {@code h}. */
  public static ContentHasher putClip(ContentHasher h, Clip clip) {
    h.putLong(clip.frameCount()).putDouble(clip.fps());
    clip.frames().forEach(f -> putFrame(h, f));
    h.putLong(clip.hasMatte() ? 1 : 0);
    clip.mattes().ifPresent(ms -> ms.forEach(m -> putMatte(h, m)));
    return h;
  }
}
