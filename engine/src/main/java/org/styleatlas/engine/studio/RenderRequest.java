package org.styleatlas.engine.studio;

import java.util.Locale;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.video.FrameBudget;
import org.styleatlas.engine.video.FrameSize;

/**
 * How to render a prepared clip to files, as the CLI's flags give it.
 *
 * @param mode {@code composite}, {@code reconstruction}, {@code foreground-layer}, {@code matte} or
 *     {@code original}
 * @param strength blend of the stylized and original foreground colour, 0 … 1
 * @param size {@code WIDTHxHEIGHT}; empty: the working size
 * @param threads render threads, ≥ 1
 * @param detail how much of the source's own detail a composite keeps over the object, 0 … 1
 *     ({@link RenderSettings#detail()})
 */
public record RenderRequest(
    String mode, float strength, Optional<String> size, int threads, float detail) {
  public RenderRequest {
    size = size == null ? Optional.empty() : size;
  }

  /** Without the source's detail (0). */
  public RenderRequest(String mode, float strength, Optional<String> size, int threads) {
    this(mode, strength, size, threads, 0f);
  }

  /**
   * The settings for a clip whose working size is {@code width}x{@code height}; bad flags are input
   * errors.
   */
  RenderSettings resolve(int width, int height) {
    FrameSize s = size.map(text -> parseSize("--size", text)).orElse(new FrameSize(width, height));
    if (threads < 1) {
      throw new InputException("--threads: must be at least 1, got " + threads);
    }
    FrameBudget.requireMemory(
        "rendering at " + s + " on " + threads + " threads",
        (long) s.width() * s.height() * RENDER_BYTES_PER_PIXEL * (threads + RENDER_FRAMES_BUFFERED),
        "use a smaller --size");
    return new RenderSettings(
        OutputMode.parse(mode), strength, s.width(), s.height(), threads, detail);
  }

  /**
   * Parses {@code WIDTHxHEIGHT}; anything else is an {@link InputException} naming {@code option}.
   */
  public static FrameSize parseSize(String option, String text) {
    String[] p = text.toLowerCase(Locale.ROOT).split("x");
    int w;
    int h;
    try {
      w = Integer.parseInt(p[0].trim());
      h = Integer.parseInt(p[1].trim());
    } catch (RuntimeException e) {
      throw new InputException(
          option + ": expected WIDTHxHEIGHT such as 1920x1080, got '" + text + "'");
    }
    FrameBudget.requireFrameSize(option, w, h);
    return new FrameSize(w, h);
  }

  /**
   * Memory per output pixel of a frame being rendered: its maps (foreground and background UV,
   * alpha: 5 floats), the source (4) and the output (4), as 4-byte floats (#19.6).
   */
  private static final long RENDER_BYTES_PER_PIXEL = 13 * Float.BYTES;

  /** Frames rendered ahead of the writer, besides one per thread. */
  private static final int RENDER_FRAMES_BUFFERED = 2;
}
