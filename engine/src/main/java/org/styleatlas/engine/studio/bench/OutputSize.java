package org.styleatlas.engine.studio.bench;

import org.styleatlas.engine.studio.RenderRequest;
import org.styleatlas.engine.video.FrameSize;

/**
 * A benchmark's output size in pixels.
 *
 * @param width in pixels
 * @param height in pixels
 */
public record OutputSize(int width, int height) {

  /**
   * Parses {@code WIDTHxHEIGHT} ({@link RenderRequest#parseSize}); anything else is an input error
   * naming {@code option}.
   */
  public static OutputSize parse(String option, String text) {
    FrameSize s = RenderRequest.parseSize(option, text);
    return new OutputSize(s.width(), s.height());
  }
}
