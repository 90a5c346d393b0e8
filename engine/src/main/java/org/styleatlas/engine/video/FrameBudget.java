package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.Locale;
import org.styleatlas.engine.InputException;

/**
 * Bounds on frame sizes and an estimate of a job's memory, checked before any work starts (#19.6),
 * so an oversized input or option ends in one clear error instead of an allocation of terabytes or
 * an {@link OutOfMemoryError} halfway through.
 */
public final class FrameBudget {
  /** The most pixels of one source or output frame: 8192×8192 (67 MP; 8K UHD is 33 MP). */
  public static final long MAX_FRAME_PIXELS = 8192L * 8192;

  /** The longest side of a source or output frame, in pixels. */
  public static final int MAX_SIDE = 16_384;

  /** The share of Java's maximum heap a job may plan to use; the rest is for everything else. */
  private static final double HEAP_SHARE = 0.8;

  private FrameBudget() {}

  /**
   * Refuses a frame size above {@link #MAX_SIDE} or {@link #MAX_FRAME_PIXELS}.
   *
   * @param what what the size is, for the message (an option such as "--size", or a file)
   */
  public static void requireFrameSize(String what, int width, int height) {
    if (width < 1 || height < 1) {
      throw new InputException(
          what + ": the size must be at least 1x1, got " + width + "x" + height);
    }
    if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_FRAME_PIXELS) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%s: %dx%d is %.0f megapixels; at most %dx%d (%d"
                  + " megapixels, each side at most %d) is supported",
              what,
              width,
              height,
              width * (double) height / 1e6,
              8192,
              8192,
              MAX_FRAME_PIXELS / 1_000_000,
              MAX_SIDE));
    }
  }

  /** As {@link #requireFrameSize(String, int, int)} for a source file or folder. */
  public static void requireSourceSize(Path source, FrameSize size) {
    requireFrameSize(source.toString() + " (frame size)", size.width(), size.height());
  }

  /**
   * Refuses a job whose estimated memory exceeds what Java may use, with the numbers and what to
   * do.
   *
   * @param what the job, e.g. "decomposing 48 frames at 384x216"
   * @param bytes the estimate, in bytes
   * @param advice what lowers it, e.g. "use a smaller --size"
   */
  public static void requireMemory(String what, long bytes, String advice) {
    long usable = (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
    if (bytes > usable) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%s needs about %.1f GiB of memory, Java may use %.1f"
                  + " GiB here; %s, or give Java more memory (STYLEATLAS_JAVA_OPTS=-Xmx...)",
              what,
              bytes / (double) (1L << 30),
              usable / (double) (1L << 30),
              advice));
    }
  }
}
