package org.styleatlas.engine.stylize.view;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameResampler;

/**
 * The frozen inputs of a batch of views, rendered directly from the cached maps: each view pixel
 * samples the working-resolution UV, opacity and background maps bilinearly at its frame position,
 * so a view is {@code base + gain · A(uv)} and crops and perspective need no differentiable
 * resampling.
 *
 * <p>With m = 1 inside the (perspective-warped) view and 0 in the fill, and r = 1 when the view's
 * background is removed: {@code gain = m·α}, {@code base = m·(1 − r)·(1 − α)·c_b}, and the sparsity
 * weight is {@code m·(1 − α)}.
 *
 * @param views the views, in batch order
 * @param resolution side V of every view in pixels
 * @param uv {@code [n·V·V, 2]} foreground atlas coordinates
 * @param gain {@code [n·V·V]} weight of the foreground colour
 * @param base {@code [n·V·V, 3]} the frozen background contribution
 * @param sparsityWeight {@code [n·V·V]} weight (1 − α) of the sparsity term
 * @param backgroundUv {@code [n·V·V, 2]} background atlas coordinates, for background stylization
 * @param backgroundGain {@code [n·V·V]} weight {@code m·(1 − r)·(1 − α)} of a trainable background
 *     colour
 */
public record ViewBatch(
    List<ViewSpec> views,
    int resolution,
    float[] uv,
    float[] gain,
    float[] base,
    float[] sparsityWeight,
    float[] backgroundUv,
    float[] backgroundGain) {

  /** Frozen data of one frame at working resolution, as the batch reads it. */
  public interface FrameData {
    FrameLayerMaps maps(int t);

    /** {@code [height, width, 3]} background colours c_b. */
    float[] background(int t);
  }

  /**
   * Samples the frozen maps for every pixel of every view.
   *
   * @param views the views (any frames)
   * @param resolution view side V
   */
  public static ViewBatch of(List<ViewSpec> views, int resolution, FrameData data) {
    int per = resolution * resolution;
    int n = views.size();
    float[] uv = new float[n * per * 2];
    float[] gain = new float[n * per];
    float[] base = new float[n * per * 3];
    float[] sparsity = new float[n * per];
    float[] uvb = new float[n * per * 2];
    float[] bgain = new float[n * per];
    float[] a = new float[1];
    float[] cb = new float[3];
    for (int v = 0; v < n; v++) {
      ViewSpec spec = views.get(v);
      FrameLayerMaps m = data.maps(spec.frame());
      float[] bg = data.background(spec.frame());
      int w = m.width();
      int h = m.height();
      for (int j = 0; j < resolution; j++) {
        for (int i = 0; i < resolution; i++) {
          int q = v * per + j * resolution + i;
          double[] xy = spec.source((i + 0.5) / resolution, (j + 0.5) / resolution);
          if (xy == null) {
            continue;
          }
          float x = (float) xy[0];
          float y = (float) xy[1];
          FrameResampler.sample(m.foregroundUv(), w, h, 2, x, y, uv, 2 * q);
          FrameResampler.sample(m.alpha(), w, h, 1, x, y, a, 0);
          gain[q] = a[0];
          sparsity[q] = 1 - a[0];
          if (!spec.removeBackground()) {
            bgain[q] = 1 - a[0];
            FrameResampler.sample(m.backgroundUv(), w, h, 2, x, y, uvb, 2 * q);
            FrameResampler.sample(bg, w, h, 3, x, y, cb, 0);
            for (int c = 0; c < 3; c++) {
              base[3 * q + c] = (1 - a[0]) * cb[c];
            }
          }
        }
      }
    }
    return new ViewBatch(List.copyOf(views), resolution, uv, gain, base, sparsity, uvb, bgain);
  }

  /** Number of views. */
  public int size() {
    return views.size();
  }

  /** Atlas points in the batch, n·V·V. */
  public int points() {
    return gain.length;
  }

  /** {@code [n·V·V, 2]} on {@code manager}. */
  public NDArray uvArray(NDManager manager) {
    return manager.create(uv, new Shape(points(), 2));
  }

  /**
   * The views as images, differentiable through the foreground colours.
   *
   * @param foreground {@code [n·V·V, 3]} colours A(uv)
   * @return {@code [n, 3, V, V]} RGB in [0, 1]
   */
  public NDArray images(NDArray foreground) {
    NDManager manager = foreground.getManager();
    NDArray g = manager.create(gain, new Shape(points(), 1));
    NDArray b = manager.create(base, new Shape(points(), 3));
    return b.add(foreground.mul(g))
        .reshape(size(), resolution, resolution, 3)
        .transpose(0, 3, 1, 2);
  }

  /**
   * The views as images with a trainable background too (whole-scene stylization).
   *
   * @param foreground {@code [n·V·V, 3]} colours A(uv)
   * @param background {@code [n·V·V, 3]} colours A_b(uv_b) from the background editing atlas
   * @return {@code [n, 3, V, V]} RGB
   */
  public NDArray images(NDArray foreground, NDArray background) {
    NDManager manager = foreground.getManager();
    NDArray g = manager.create(gain, new Shape(points(), 1));
    NDArray bg = manager.create(backgroundGain, new Shape(points(), 1));
    return background
        .mul(bg)
        .add(foreground.mul(g))
        .reshape(size(), resolution, resolution, 3)
        .transpose(0, 3, 1, 2);
  }

  /** {@code [n·V·V, 2]} background atlas coordinates on {@code manager}. */
  public NDArray backgroundUvArray(NDManager manager) {
    return manager.create(backgroundUv, new Shape(points(), 2));
  }

  /** {@code [n·V·V, 1]} sparsity weights on {@code manager}. */
  public NDArray sparsityWeights(NDManager manager) {
    return manager.create(sparsityWeight, new Shape(points(), 1));
  }
}
