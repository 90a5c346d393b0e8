package org.styleatlas.engine.decomposition;

import java.util.List;
import java.util.SplittableRandom;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.decomposition.config.PixelSampling;
import org.styleatlas.engine.decomposition.loss.Layer;
import org.styleatlas.engine.flow.Luma;
import org.styleatlas.engine.flow.OpticalFlow;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/** The clip, its matte and its flow packed for fast pixel sampling on the Java side. */
final class TrainingData {
  private final FrameGeometry geometry;
  private final float[] rgb;
  private final float[] matte;
  private final OpticalFlow flow;
  private final List<float[]> luma;

  private TrainingData(
      FrameGeometry geometry, float[] rgb, float[] matte, OpticalFlow flow, List<float[]> luma) {
    this.geometry = geometry;
    this.rgb = rgb;
    this.matte = matte;
    this.flow = flow;
    this.luma = luma;
  }

  static TrainingData of(Clip clip, OpticalFlow flow) {
    int w = clip.width();
    int h = clip.height();
    int plane = w * h;
    float[] rgb = new float[clip.frameCount() * plane * 3];
    float[] matte = clip.hasMatte() ? new float[clip.frameCount() * plane] : null;
    for (int t = 0; t < clip.frameCount(); t++) {
      Frame f = clip.frame(t);
      float[] px = f.pixels();
      for (int p = 0; p < plane; p++) {
        System.arraycopy(px, p * f.channels(), rgb, (t * plane + p) * 3, 3);
      }
      if (matte != null) {
        System.arraycopy(clip.matte(t).values(), 0, matte, t * plane, plane);
      }
    }
    return new TrainingData(
        new FrameGeometry(w, h, clip.frameCount()),
        rgb,
        matte,
        flow,
        clip.frames().stream().map(Luma::of).toList());
  }

  FrameGeometry geometry() {
    return geometry;
  }

  boolean hasMatte() {
    return matte != null;
  }

  /**
   * N pixels drawn uniformly from the whole clip with their pre-training targets: normalised
   * centres {@code xyt [N, 3]}, target uv of each mapping {@code [N, 2]}, colour {@code [N, 3]} and
   * the matte {@code [N]} (null without one).
   */
  PretrainBatch samplePretrain(SplittableRandom rnd, int n, MappingTargets targets) {
    float[] xyt = new float[n * 3];
    float[] uvF = new float[n * 2];
    float[] uvB = new float[n * 2];
    float[] colours = new float[n * 3];
    float[] m = matte == null ? null : new float[n];
    int w = geometry.width();
    int plane = w * geometry.height();
    for (int i = 0; i < n; i++) {
      int x = rnd.nextInt(w);
      int y = rnd.nextInt(geometry.height());
      int t = rnd.nextInt(geometry.frames());
      put(xyt, i, x, y, t);
      targets.put(Layer.FOREGROUND, x, y, t, uvF, i);
      targets.put(Layer.BACKGROUND, x, y, t, uvB, i);
      colour(colours, i, t * plane + y * w + x);
      if (m != null) {
        m[i] = matte[t * plane + y * w + x];
      }
    }
    return new PretrainBatch(n, xyt, uvF, uvB, colours, m);
  }

  /** The flow the data was built with. */
  OpticalFlow flow() {
    return flow;
  }

  /** Per frame {@code [H·W]} luma. */
  List<float[]> luma() {
    return luma;
  }

  /** Matte value of {@code pixel} (y·W + x) in frame t; requires {@link #hasMatte()}. */
  float matte(int t, int pixel) {
    return matte[t * geometry.width() * geometry.height() + pixel];
  }

  /**
   * The matte at the batch's pixels, then one pixel right of them, then one pixel below (clamped to
   * the frame, as {@link #sample} places its neighbours): {@code [3N]}, in the order the task
   * stacks those point sets. Requires {@link #hasMatte()}.
   *
   * @param pixels clip pixel indices t·H·W + y·W + x
   */
  float[] matteWithNeighbours(int[] pixels) {
    int w = geometry.width();
    int h = geometry.height();
    int plane = w * h;
    int n = pixels.length;
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int p = pixels[i];
      int frame = p - p % plane;
      int y = (p % plane) / w;
      int x = p % w;
      out[i] = matte[p];
      out[n + i] = matte[frame + y * w + Math.min(x + 1, w - 1)];
      out[2 * n + i] = matte[frame + Math.min(y + 1, h - 1) * w + x];
    }
    return out;
  }

  /** An error map over this clip's frames, its matte's outline marked (see {@link ErrorMap}). */
  ErrorMap errorMap(PixelSampling sampling) {
    return new ErrorMap(geometry, sampling, matte);
  }

  /** A batch of N pixels drawn uniformly, with neighbours, flow targets and targets. */
  PixelBatch sample(SplittableRandom rnd, int n, float globalPixels) {
    return sample(rnd, n, globalPixels, null, 0);
  }

  /**
   * A batch of N pixels with neighbours, flow targets and targets: the first {@code byError} drawn
   * from {@code errors} (may be null when {@code byError} is 0), the rest uniformly over the clip.
   */
  PixelBatch sample(SplittableRandom rnd, int n, float globalPixels, ErrorMap errors, int byError) {
    int w = geometry.width();
    int h = geometry.height();
    int plane = w * h;
    float[] xyt = new float[n * 3];
    float[] xytDx = new float[n * 3];
    float[] xytDy = new float[n * 3];
    float[] xytGx = new float[n * 3];
    float[] xytGy = new float[n * 3];
    float[] xytFlow = new float[n * 3];
    float[] target = new float[n * 3];
    float[] targetDx = new float[n * 3];
    float[] targetDy = new float[n * 3];
    float[] flowMask = new float[n];
    float[] m = matte == null ? null : new float[n];
    int[] pixels = new int[n];
    for (int i = 0; i < n; i++) {
      int p = i < byError ? errors.draw(rnd) : uniformPixel(rnd);
      pixels[i] = p;
      int t = p / plane;
      int y = (p % plane) / w;
      int x = p % w;
      int x1 = Math.min(x + 1, w - 1);
      int y1 = Math.min(y + 1, h - 1);
      put(xyt, i, x, y, t);
      put(xytDx, i, x1, y, t);
      put(xytDy, i, x, y1, t);
      putAt(xytGx, i, x + 0.5 + globalPixels, y + 0.5, t);
      putAt(xytGy, i, x + 0.5, y + 0.5 + globalPixels, t);
      colour(target, i, t * plane + y * w + x);
      colour(targetDx, i, t * plane + y * w + x1);
      colour(targetDy, i, t * plane + y1 * w + x);
      if (m != null) {
        m[i] = matte[t * plane + y * w + x];
      }
      flowTarget(rnd, i, x, y, t, xytFlow, flowMask);
    }
    return new PixelBatch(
        n, pixels, xyt, xytDx, xytDy, xytGx, xytGy, xytFlow, target, targetDx, targetDy, flowMask,
        m);
  }

  /**
   * A pixel index t·H·W + y·W + x drawn uniformly (x, then y, then t, as the batches always drew
   * them).
   */
  private int uniformPixel(SplittableRandom rnd) {
    int x = rnd.nextInt(geometry.width());
    int y = rnd.nextInt(geometry.height());
    int t = rnd.nextInt(geometry.frames());
    return (t * geometry.height() + y) * geometry.width() + x;
  }

  private void flowTarget(
      SplittableRandom rnd, int i, int x, int y, int t, float[] out, float[] mask) {
    int frames = geometry.frames();
    if (frames < 2) {
      put(out, i, x, y, t);
      return;
    }
    boolean forward = t == 0 || (t < frames - 1 && rnd.nextBoolean());
    int p = y * geometry.width() + x;
    float[] f = forward ? flow.forward().get(t) : flow.backward().get(t - 1);
    float[] fm = forward ? flow.forwardMask().get(t) : flow.backwardMask().get(t - 1);
    putAt(out, i, x + 0.5 + f[p * 2], y + 0.5 + f[p * 2 + 1], forward ? t + 1 : t - 1);
    mask[i] = fm[p];
  }

  private void colour(float[] out, int i, int pixel) {
    System.arraycopy(rgb, pixel * 3, out, i * 3, 3);
  }

  private void put(float[] out, int i, int x, int y, int t) {
    putAt(out, i, x + 0.5, y + 0.5, t);
  }

  private void putAt(float[] out, int i, double px, double py, int t) {
    out[i * 3] = geometry.x(px);
    out[i * 3 + 1] = geometry.y(py);
    out[i * 3 + 2] = geometry.t(t);
  }
}
