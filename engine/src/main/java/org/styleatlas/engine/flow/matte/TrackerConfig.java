package org.styleatlas.engine.flow.matte;

/**
 * Settings of {@link GrabCutTracker}; the same for every clip (docs/BENCHMARKS.md, "Box matte").
 *
 * @param seedIterations GrabCut iterations on the box's frame, ≥ 1 (the colour mixtures fitted
 *     there are kept for every other frame)
 * @param band the undecided band outside the warped matte, as a fraction of the matte's box's
 *     larger side (at least 2 px)
 * @param core the erosion of the warped matte that is certain object, as a fraction of its box's
 *     smaller side
 * @param thinCore pixels of erosion of the parts the core misses (a neck, a leg) that are certain
 *     object too, beyond {@code thinGap} core radii from the core; 0 leaves thin parts undecided
 * @param thinGap how far from the core, in core radii, thin parts start
 * @param motionPx pixels of departure from the background's motion, above the background's own
 *     median departure, from which a pixel of the box's frame moves on its own
 * @param keep components of at least this fraction of the largest one's area are kept
 * @param reach pixels that move on their own up to this fraction of the warped matte's box's larger
 *     side away from it are undecided too (new parts of the object in view); 0: none
 * @param freshBackground on every frame after the box's, the background's colour mixture is fitted
 *     again to the pixels beyond the undecided ones (the object's stays the box frame's)
 * @param vote each frame's matte is voted on with its two neighbours' ({@link TemporalVote})
 */
public record TrackerConfig(
    int seedIterations,
    double band,
    double core,
    int thinCore,
    double thinGap,
    double motionPx,
    double keep,
    double reach,
    boolean freshBackground,
    boolean vote) {

  public TrackerConfig {
    if (seedIterations < 1
        || !(band >= 0)
        || !(core >= 0)
        || thinCore < 0
        || !(thinGap >= 0)
        || !(motionPx > 0)
        || !(keep >= 0 && keep <= 1)
        || !(reach >= 0)) {
      throw new IllegalArgumentException(
          "tracker config out of range: "
              + seedIterations
              + ", "
              + band
              + ", "
              + core
              + ", "
              + thinCore
              + ", "
              + thinGap
              + ", "
              + motionPx
              + ", "
              + keep
              + ", "
              + reach);
    }
  }

  /** The settings measured in docs/BENCHMARKS.md ("Box matte"). */
  public static TrackerConfig defaults() {
    return new TrackerConfig(8, 0.04, 0.15, 3, 3.0, 1.0, 0.25, 0.15, true, true);
  }
}
