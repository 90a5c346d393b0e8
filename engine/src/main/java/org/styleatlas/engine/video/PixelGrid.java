package org.styleatlas.engine.video;

/** Anything laid out on a pixel grid: frames and mattes. */
public interface PixelGrid {

  /** Width in pixels. */
  int width();

  /** Height in pixels. */
  int height();

  /** The grid's size. */
  default FrameSize size() {
    return new FrameSize(width(), height());
  }
}
