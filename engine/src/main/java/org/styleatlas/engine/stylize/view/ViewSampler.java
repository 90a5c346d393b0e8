package org.styleatlas.engine.stylize.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Samples the paper's augmented views (appendix 6.2) of one frame: global and local random resized
 * crops of the object's box, local crops resampled until a third of them is object, a random
 * perspective and a random background removal.
 */
public final class ViewSampler {
  private static final double[][] UNIT_CORNERS = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

  private final ViewConfig config;

  public ViewSampler(ViewConfig config) {
    this.config = config;
  }

  /**
   * The views of one frame: {@code globalViews} global ones, then {@code localViews} local ones.
   *
   * @param frame frame index
   * @param alpha the frame's {@code [height, width]} opacity at working resolution
   */
  public List<ViewSpec> sample(
      int frame, float[] alpha, int width, int height, SplittableRandom rnd) {
    PixelRect box = ObjectBounds.crop(alpha, width, height, config.cropMargin());
    List<ViewSpec> views = new ArrayList<>(config.viewsPerFrame());
    for (int i = 0; i < config.globalViews(); i++) {
      views.add(
          augment(frame, ViewSpec.Kind.GLOBAL, randomCrop(box, config.globalScale(), rnd), rnd));
    }
    for (int i = 0; i < config.localViews(); i++) {
      views.add(
          augment(frame, ViewSpec.Kind.LOCAL, localCrop(box, alpha, width, height, rnd), rnd));
    }
    return views;
  }

  private PixelRect localCrop(
      PixelRect box, float[] alpha, int width, int height, SplittableRandom rnd) {
    PixelRect best = null;
    double bestFraction = -1;
    for (int i = 0; i < config.maxLocalTries(); i++) {
      PixelRect r = randomCrop(box, config.localScale(), rnd);
      double f = ObjectBounds.objectFraction(alpha, width, height, r);
      if (f >= config.minObjectFraction()) {
        return r;
      }
      if (f > bestFraction) {
        bestFraction = f;
        best = r;
      }
    }
    return best;
  }

  /**
   * A random resized crop: area fraction from {@code scale}, aspect from the config, inside {@code
   * box}.
   */
  PixelRect randomCrop(PixelRect box, Interval scale, SplittableRandom rnd) {
    double area = box.area() * scale.sample(rnd);
    double logLo = Math.log(config.aspect().min());
    double logHi = Math.log(config.aspect().max());
    double aspect = Math.exp(logLo + (logHi - logLo) * rnd.nextDouble());
    double w = Math.min(box.width(), Math.sqrt(area * aspect));
    double h = Math.min(box.height(), Math.sqrt(area / aspect));
    double x = box.x() + (box.width() - w) * rnd.nextDouble();
    double y = box.y() + (box.height() - h) * rnd.nextDouble();
    return new PixelRect(x, y, w, h);
  }

  private ViewSpec augment(int frame, ViewSpec.Kind kind, PixelRect crop, SplittableRandom rnd) {
    Optional<Homography> perspective = Optional.empty();
    if (rnd.nextDouble() < config.perspectiveProbability()) {
      perspective = Optional.of(randomPerspective(config.distortion().sample(rnd), rnd));
    }
    boolean remove = rnd.nextDouble() < config.backgroundRemovalProbability();
    return new ViewSpec(frame, kind, crop, perspective, remove);
  }

  /**
   * torchvision's RandomPerspective with distortion scale d: each corner moves inward by up to d/2
   * of the view's size, and the content at the original corners lands on the moved ones. Returned
   * as the inverse, view position → crop position, which is what rendering needs.
   */
  static Homography randomPerspective(double d, SplittableRandom rnd) {
    double half = d / 2;
    double[][] moved = {
      {half * rnd.nextDouble(), half * rnd.nextDouble()},
      {1 - half * rnd.nextDouble(), half * rnd.nextDouble()},
      {1 - half * rnd.nextDouble(), 1 - half * rnd.nextDouble()},
      {half * rnd.nextDouble(), 1 - half * rnd.nextDouble()}
    };
    return Homography.fromPoints(moved, UNIT_CORNERS);
  }
}
