package org.styleatlas.engine.synthetic;

/**
 * Parameters of the procedural demo clip.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frames number of frames
 * @param seed seed of every random choice: the same spec gives the same clip, bit for bit
 * @param deformation amplitude of the object's non-rigid squash and stretch, 0 for a rigid object
 * @param fps frame rate written into outputs
 * @param bend amplitude of the object's bend along its long axis (object units, {@link
 *     ObjectPose}), which swings back and forth twice over the clip; 0 for none
 * @param shimmer amplitude (colour units) of a time-varying texture on the lower half of the
 *     background, fixed to the screen and travelling across it, like ripples on water that move
 *     independently of the panning bank: no background mapping with one colour per atlas point can
 *     represent it; 0 for none
 */
public record SyntheticClipSpec(
    int width,
    int height,
    int frames,
    long seed,
    double deformation,
    double fps,
    double bend,
    double shimmer) {

  /** Without a bend. */
  public SyntheticClipSpec(
      int width, int height, int frames, long seed, double deformation, double fps) {
    this(width, height, frames, seed, deformation, fps, 0, 0);
  }

  /** Without a shimmer. */
  public SyntheticClipSpec(
      int width, int height, int frames, long seed, double deformation, double fps, double bend) {
    this(width, height, frames, seed, deformation, fps, bend, 0);
  }

  public SyntheticClipSpec {
    if (width < 16 || height < 16) {
      throw new IllegalArgumentException(
          "synthetic clip must be at least 16x16, got " + width + "x" + height);
    }
    if (frames < 2) {
      throw new IllegalArgumentException("synthetic clip needs at least 2 frames, got " + frames);
    }
    if (deformation < 0 || deformation > 0.5) {
      throw new IllegalArgumentException("deformation must be in [0, 0.5], got " + deformation);
    }
    if (!(bend >= 0 && bend <= 1)) {
      throw new IllegalArgumentException("bend must be in [0, 1], got " + bend);
    }
    if (!(shimmer >= 0 && shimmer <= 0.5)) {
      throw new IllegalArgumentException("shimmer must be in [0, 0.5], got " + shimmer);
    }
  }

  /** The embedded default: 48 frames at 256x144, gently deforming. */
  public static SyntheticClipSpec embeddedDefault() {
    return new SyntheticClipSpec(256, 144, 48, 7L, 0.12, 24.0);
  }

  /** The same clip at another size and length (for tests: e.g. 64x36). */
  public SyntheticClipSpec resized(int newWidth, int newHeight, int newFrames) {
    return new SyntheticClipSpec(
        newWidth, newHeight, newFrames, seed, deformation, fps, bend, shimmer);
  }

  /** The same clip with a rigidly moving object. */
  public SyntheticClipSpec rigid() {
    return new SyntheticClipSpec(width, height, frames, seed, 0.0, fps, 0, shimmer);
  }

  /**
   * The same clip with an object that bends non-rigidly ({@code amplitude} in object units, e.g.
   * 0.4) instead of squashing affinely.
   */
  public SyntheticClipSpec bending(double amplitude) {
    return new SyntheticClipSpec(width, height, frames, seed, 0.0, fps, amplitude, shimmer);
  }

  /**
   * The same clip with a time-varying texture of {@code amplitude} on the background's lower half
   * (e.g. 0.1; {@link #shimmer}).
   */
  public SyntheticClipSpec shimmering(double amplitude) {
    return new SyntheticClipSpec(width, height, frames, seed, deformation, fps, bend, amplitude);
  }
}
