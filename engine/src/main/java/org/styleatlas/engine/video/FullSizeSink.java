package org.styleatlas.engine.video;

/**
 * Sees every frame and matte of a clip at its source size, in order, before {@link ClipReader}
 * shrinks it to the working size, so a caller can hash the full-size pixels without holding the
 * clip at full size. Frames come first (all of them), then the mattes of a matte source.
 */
public interface FullSizeSink {
  /** Receives nothing. */
  FullSizeSink NONE =
      new FullSizeSink() {
        @Override
        public void frame(Frame frame) {}

        @Override
        public void matte(Matte matte) {}
      };

  /** The next frame at its source size; do not keep it. */
  void frame(Frame frame);

  /** The next matte (of a matte folder or video) at its source size; do not keep it. */
  void matte(Matte matte);
}
