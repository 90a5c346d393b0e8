package org.styleatlas.engine.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Makes the embedded demo clip: a textured elliptical object that moves, turns and (optionally)
 * deforms over a textured background that pans, with the exact matte and motion.
 *
 * <p>Each pixel is α·object + (1 − α)·background, where α is the object's coverage from 4×4
 * supersampling and the colours are sampled at the pixel centre: the NLA image model holds exactly.
 * Everything derives from the spec's seed, so the same spec gives the same clip.
 */
public final class SyntheticClipGenerator {
  private static final int SUPERSAMPLE = 4;

  private SyntheticClipGenerator() {}

  public static SyntheticClip generate(SyntheticClipSpec spec) {
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    Palette palette = Palette.random(rnd);
    double phase = rnd.nextDouble() * Math.PI * 2;
    double panSpeed = spec.width() * (0.15 + 0.1 * rnd.nextDouble()) / spec.frames();
    double radius = 0.22 * Math.min(spec.width(), spec.height()) * (1 + 0.1 * rnd.nextDouble());

    List<Frame> frames = new ArrayList<>(spec.frames());
    List<Matte> mattes = new ArrayList<>(spec.frames());
    List<ObjectPose> poses = new ArrayList<>(spec.frames());
    List<Double> offsets = new ArrayList<>(spec.frames());
    for (int t = 0; t < spec.frames(); t++) {
      double s = t / (double) (spec.frames() - 1);
      ObjectPose pose = pose(spec, s, phase, radius);
      double offset = panSpeed * t;
      poses.add(pose);
      offsets.add(offset);
      float[] px = new float[spec.width() * spec.height() * 3];
      float[] alpha = new float[spec.width() * spec.height()];
      for (int y = 0; y < spec.height(); y++) {
        for (int x = 0; x < spec.width(); x++) {
          int p = y * spec.width() + x;
          float a = coverage(pose, x, y);
          double[] uv = pose.toObject(x + 0.5, y + 0.5);
          double[] fg = palette.object(uv[0], uv[1]);
          double[] bg = palette.background(x + 0.5 + offset, y + 0.5, spec.height());
          double sh = shimmer(spec, x + 0.5, y + 0.5, t);
          for (int c = 0; c < 3; c++) {
            px[p * 3 + c] = (float) (a * fg[c] + (1 - a) * Palette.clamp(bg[c] + sh));
          }
          alpha[p] = a;
        }
      }
      frames.add(new Frame(spec.width(), spec.height(), 3, px));
      mattes.add(new Matte(spec.width(), spec.height(), alpha));
    }
    Clip clip = new Clip("synthetic-" + spec.seed(), spec.fps(), frames, Optional.of(mattes));
    return new SyntheticClip(clip, List.copyOf(poses), List.copyOf(offsets), spec);
  }

  /**
   * The background's time-varying texture at screen point (x, y) of frame t: on the lower half,
   * {@link SyntheticClipSpec#shimmer} times a travelling wave of a ~1/6-frame wavelength (diagonal,
   * a quarter period per frame), fading in over a few rows; 0 on the upper half.
   */
  static double shimmer(SyntheticClipSpec spec, double x, double y, int t) {
    if (spec.shimmer() == 0) {
      return 0;
    }
    double rows = (y - spec.height() / 2.0) / (0.05 * spec.height());
    double weight = Math.max(0, Math.min(1, rows));
    double k = 2 * Math.PI * 6 / spec.width();
    double phase = k * (x + 0.7 * y) - t * Math.PI / 2;
    return weight * spec.shimmer() * Math.sin(phase);
  }

  /** Object pose at normalised time s in [0, 1]: a drifting, turning, breathing ellipse. */
  private static ObjectPose pose(SyntheticClipSpec spec, double s, double phase, double radius) {
    double cx = spec.width() * (0.3 + 0.4 * s);
    double cy = spec.height() * (0.5 + 0.12 * Math.sin(2 * Math.PI * s + phase));
    double angle = 0.6 * Math.sin(Math.PI * s + phase);
    double squash = 1 + spec.deformation() * Math.sin(4 * Math.PI * s);
    double rx = radius * 1.4 * squash;
    double ry = radius / squash;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double bend = spec.bend() * Math.sin(4 * Math.PI * s + phase);
    return new ObjectPose(cx, cy, rx * cos, -ry * sin, rx * sin, ry * cos, bend);
  }

  private static float coverage(ObjectPose pose, int x, int y) {
    int inside = 0;
    for (int j = 0; j < SUPERSAMPLE; j++) {
      for (int i = 0; i < SUPERSAMPLE; i++) {
        double[] uv = pose.toObject(x + (i + 0.5) / SUPERSAMPLE, y + (j + 0.5) / SUPERSAMPLE);
        if (uv[0] * uv[0] + uv[1] * uv[1] <= 1) {
          inside++;
        }
      }
    }
    return inside / (float) (SUPERSAMPLE * SUPERSAMPLE);
  }

  /** The clip's colours: smooth, learnable textures with a few random parameters. */
  private record Palette(
      double[] objectBase,
      double[] objectStripe,
      double stripeFreq,
      double[] bgA,
      double[] bgB,
      double bgFreq) {

    static Palette random(SplittableRandom rnd) {
      return new Palette(
          new double[] {0.85, 0.55 + 0.1 * rnd.nextDouble(), 0.15},
          new double[] {0.35, 0.15, 0.55 + 0.2 * rnd.nextDouble()},
          3 + 2 * rnd.nextDouble(),
          new double[] {0.15, 0.45 + 0.1 * rnd.nextDouble(), 0.30},
          new double[] {0.55, 0.70, 0.85},
          0.04 + 0.02 * rnd.nextDouble());
    }

    /** Object colour at object point (u, v): stripes and a spot on a warm base. */
    double[] object(double u, double v) {
      double stripe = 0.5 + 0.5 * Math.sin(stripeFreq * Math.PI * u);
      double spot = Math.exp(-((u - 0.3) * (u - 0.3) + (v + 0.2) * (v + 0.2)) * 8);
      double[] c = new double[3];
      for (int k = 0; k < 3; k++) {
        c[k] =
            clamp(objectBase[k] * (1 - 0.6 * stripe) + objectStripe[k] * 0.6 * stripe + 0.4 * spot);
      }
      return c;
    }

    /** Background colour at world point (x, y): a sky-to-grass gradient with soft ripples. */
    double[] background(double x, double y, int height) {
      double g = y / height;
      double ripple =
          0.5 + 0.5 * Math.sin(bgFreq * x * 2 * Math.PI) * Math.cos(bgFreq * 1.3 * y * 2 * Math.PI);
      double[] c = new double[3];
      for (int k = 0; k < 3; k++) {
        c[k] = clamp(bgB[k] * (1 - g) + bgA[k] * g + 0.12 * (ripple - 0.5));
      }
      return c;
    }

    static double clamp(double v) {
      return Math.max(0, Math.min(1, v));
    }
  }
}
