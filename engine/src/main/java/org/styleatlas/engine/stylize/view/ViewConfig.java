package org.styleatlas.engine.stylize.view;

/**
 * The augmented views of each sampled frame (paper §3.3 and appendix 6.2).
 *
 * @param globalViews n_Global views per frame, each a crop of the object's box
 * @param localViews n_Local views per frame
 * @param globalScale area fraction of the box a global crop covers, paper [0.9, 1.0]
 * @param localScale area fraction of the box a local crop covers, paper [0.1, 0.5]
 * @param aspect crop aspect ratio (width/height), paper [0.8, 1.2]
 * @param minObjectFraction local crops are resampled until this fraction of them is object (by α),
 *     paper 1/3
 * @param maxLocalTries resampling bound; past it the crop with the most object is kept
 * @param perspectiveProbability chance of a random perspective, paper 1/2
 * @param distortion distortion scale d of a perspective, paper U[0.1, 0.5]
 * @param backgroundRemovalProbability chance that a view's background is set to black, paper 1/2
 * @param cropMargin margin added around the object's box on each side, as a fraction of its size
 * @param resolution side in pixels at which a view is rendered from the atlas (then resized to
 *     CLIP's 224); 224 renders at CLIP's own resolution, smaller values trade detail for speed
 */
public record ViewConfig(
    int globalViews,
    int localViews,
    Interval globalScale,
    Interval localScale,
    Interval aspect,
    double minObjectFraction,
    int maxLocalTries,
    double perspectiveProbability,
    Interval distortion,
    double backgroundRemovalProbability,
    double cropMargin,
    int resolution) {

  public ViewConfig {
    if (globalViews < 0 || localViews < 0 || globalViews + localViews == 0) {
      throw new IllegalArgumentException(
          "need at least one view per frame, got "
              + globalViews
              + " global and "
              + localViews
              + " local");
    }
    if (!globalScale.within(1e-3, 1) || !localScale.within(1e-3, 1)) {
      throw new IllegalArgumentException(
          "crop scales must lie in (0, 1], got " + globalScale + " and " + localScale);
    }
    if (!aspect.within(0.1, 10)) {
      throw new IllegalArgumentException("aspect ratio range must lie in [0.1, 10], got " + aspect);
    }
    if (!(minObjectFraction >= 0 && minObjectFraction <= 1) || maxLocalTries < 1) {
      throw new IllegalArgumentException(
          "minObjectFraction must be in [0, 1] and maxLocalTries ≥ 1");
    }
    if (!(perspectiveProbability >= 0 && perspectiveProbability <= 1)
        || !(backgroundRemovalProbability >= 0 && backgroundRemovalProbability <= 1)) {
      throw new IllegalArgumentException("augmentation probabilities must be in [0, 1]");
    }
    if (!distortion.within(0, 1)) {
      throw new IllegalArgumentException("distortion scale must lie in [0, 1], got " + distortion);
    }
    if (!(cropMargin >= 0 && cropMargin <= 1)) {
      throw new IllegalArgumentException("crop margin must be in [0, 1], got " + cropMargin);
    }
    if (resolution < 8 || resolution > 1024) {
      throw new IllegalArgumentException("view resolution must be in 8..1024, got " + resolution);
    }
  }

  /** The paper's augmentations with the given view counts and render resolution. */
  public static ViewConfig paper(int globalViews, int localViews, int resolution) {
    return new ViewConfig(
        globalViews,
        localViews,
        new Interval(0.9, 1.0),
        new Interval(0.1, 0.5),
        new Interval(0.8, 1.2),
        1.0 / 3,
        50,
        0.5,
        new Interval(0.1, 0.5),
        0.5,
        0.1,
        resolution);
  }

  /** Views per frame. */
  public int viewsPerFrame() {
    return globalViews + localViews;
  }

  public ViewConfig withCounts(int global, int local) {
    return new ViewConfig(
        global,
        local,
        globalScale,
        localScale,
        aspect,
        minObjectFraction,
        maxLocalTries,
        perspectiveProbability,
        distortion,
        backgroundRemovalProbability,
        cropMargin,
        resolution);
  }

  public ViewConfig withResolution(int res) {
    return new ViewConfig(
        globalViews,
        localViews,
        globalScale,
        localScale,
        aspect,
        minObjectFraction,
        maxLocalTries,
        perspectiveProbability,
        distortion,
        backgroundRemovalProbability,
        cropMargin,
        res);
  }
}
