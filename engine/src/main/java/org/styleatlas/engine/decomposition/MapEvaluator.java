package org.styleatlas.engine.decomposition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.atlas.model.LayeredOutput;
import org.styleatlas.engine.runtime.GradModeOff;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * Evaluates a frozen model on every pixel of every frame, at the working resolution or any other:
 * the mappings are continuous in (x, y, t), so an output pixel centre is mapped to its position in
 * working pixels and evaluated there. Runs in chunks, each in its own sub-manager, outside any
 * gradient collector.
 */
final class MapEvaluator {
  private static final int CHUNK = 1 << 15;
  private static final String TASK = "evaluate";

  private MapEvaluator() {}

  /**
   * @param geometry the working geometry the model was trained at
   * @param width output width in pixels
   * @param height output height in pixels
   * @param from first frame to evaluate
   * @param to one past the last frame to evaluate
   * @param withRgb whether to evaluate the atlases and the reconstruction too
   * @param opacity the given matte as the opacity (α and the composite use it), or null for M_α
   * @return the maps of frames {@code [from, to)}, their index 0 being frame {@code from}, all held
   *     in memory (see {@link #stream} for a sink that takes them frame by frame)
   */
  static ClipLayerMaps evaluate(
      LayeredAtlasModel model,
      NDManager manager,
      FrameGeometry geometry,
      int width,
      int height,
      int from,
      int to,
      boolean withRgb,
      MatteOpacity opacity,
      ProgressSink progress) {
    Collector frames = new Collector();
    try {
      stream(model, manager, geometry, width, height, from, to, withRgb, opacity, progress, frames);
    } catch (IOException e) {
      throw new UncheckedIOException("the in-memory collector does no I/O", e);
    }
    return new ClipLayerMaps(
        width,
        height,
        frames.uvForeground,
        frames.uvBackground,
        frames.alpha,
        frames.rgb,
        frames.rgbAtlasOnly);
  }

  /**
   * Evaluates frames {@code [from, to)} one after the other and hands each frame's maps to {@code
   * sink} as soon as they are complete, so only one frame's maps (and one chunk's tensors) are held
   * here. Runs with PyTorch's grad mode off on the calling thread (a renderer's worker thread would
   * otherwise record an autograd graph of every chunk); progress is reported after each frame, as
   * {@code done} of {@code to - from}.
   *
   * @param geometry the working geometry the model was trained at
   * @param width output width in pixels
   * @param height output height in pixels
   * @param withRgb whether to evaluate the atlases and the reconstruction too
   * @param opacity the given matte as the opacity (α and the composite use it), or null for M_α
   * @throws IOException what {@code sink} throws; the frames after it are not evaluated
   */
  static void stream(
      LayeredAtlasModel model,
      NDManager manager,
      FrameGeometry geometry,
      int width,
      int height,
      int from,
      int to,
      boolean withRgb,
      MatteOpacity opacity,
      ProgressSink progress,
      FrameMapSink sink)
      throws IOException {
    try (GradModeOff noGrad = new GradModeOff()) {
      ParameterStore ps = new ParameterStore(manager, false);
      for (int t = from; t < to; t++) {
        float[] given = opacity == null ? null : opacity.frame(t, width, height);
        sink.accept(evaluateFrame(model, manager, ps, geometry, width, height, t, withRgb, given));
        progress.update(TASK, t + 1L - from, to - from, "");
      }
    }
  }

  private static FrameMaps evaluateFrame(
      LayeredAtlasModel model,
      NDManager manager,
      ParameterStore ps,
      FrameGeometry geometry,
      int width,
      int height,
      int t,
      boolean withRgb,
      float[] given) {
    int plane = width * height;
    double sx = geometry.width() / (double) width;
    double sy = geometry.height() / (double) height;
    float[] f = new float[plane * 2];
    float[] b = new float[plane * 2];
    float[] a = new float[plane];
    float[] c = withRgb ? new float[plane * 3] : null;
    boolean residual = withRgb && model.backgroundResidualField().isPresent();
    float[] atlasOnly = residual ? new float[plane * 3] : null;
    for (int start = 0; start < plane; start += CHUNK) {
      int n = Math.min(CHUNK, plane - start);
      float[] xyt = new float[n * 3];
      for (int i = 0; i < n; i++) {
        int p = start + i;
        xyt[i * 3] = geometry.x((p % width + 0.5) * sx);
        xyt[i * 3 + 1] = geometry.y((p / width + 0.5) * sy);
        xyt[i * 3 + 2] = geometry.t(t);
      }
      try (NDManager chunk = manager.newSubManager()) {
        NDArray in = chunk.create(xyt, new Shape(n, 3));
        if (withRgb) {
          LayeredOutput out = model.evaluate(ps, in, false);
          copy(out.uvForeground(), f, start * 2);
          copy(out.uvBackground(), b, start * 2);
          NDArray opacity;
          if (given == null) {
            copy(out.alpha(), a, start);
            opacity = out.alpha();
          } else {
            System.arraycopy(given, start, a, start, n);
            opacity =
                chunk.create(
                    java.util.Arrays.copyOfRange(given, start, start + n), new Shape(n, 1));
          }
          NDArray rgb = LayeredOutput.composite(opacity, out.rgbForeground(), out.background());
          copy(rgb.clip(0f, 1f), c, start * 3);
          if (residual) {
            NDArray plain =
                LayeredOutput.composite(opacity, out.rgbForeground(), out.rgbBackground());
            copy(plain.clip(0f, 1f), atlasOnly, start * 3);
          }
        } else {
          copy(model.uvForeground(ps, in, false), f, start * 2);
          copy(model.uvBackground(ps, in, false), b, start * 2);
          if (given == null) {
            copy(model.alpha(ps, in, false), a, start);
          } else {
            System.arraycopy(given, start, a, start, n);
          }
        }
      }
    }
    return new FrameMaps(t, f, b, a, c, atlasOnly);
  }

  /** Keeps every frame's maps, in frame order. */
  private static final class Collector implements FrameMapSink {
    private final List<float[]> uvForeground = new ArrayList<>();
    private final List<float[]> uvBackground = new ArrayList<>();
    private final List<float[]> alpha = new ArrayList<>();
    private final List<float[]> rgb = new ArrayList<>();
    private final List<float[]> rgbAtlasOnly = new ArrayList<>();

    @Override
    public void accept(FrameMaps m) {
      if (m.rgbAtlasOnly() != null) {
        rgbAtlasOnly.add(m.rgbAtlasOnly());
      }
      uvForeground.add(m.uvForeground());
      uvBackground.add(m.uvBackground());
      alpha.add(m.alpha());
      if (m.rgb() != null) {
        rgb.add(m.rgb());
      }
    }
  }

  /**
   * Evaluates the frozen mappings and α at a few pixel centres of a {@code width x height} grid of
   * frame {@code t} (for example the pixels near the opacity's edge that a resampled map cannot
   * reproduce), and α alone at others (where the mappings resample well but α does not). The chunks
   * run in parallel on the common fork-join pool (each with grad mode off on its own thread): the
   * networks are frozen, so concurrent forward passes share their weights safely.
   *
   * @param pixels row-major pixel indices {@code y * width + x} evaluated by all three networks
   * @param alphaPixels row-major pixel indices evaluated by the opacity network only
   * @return float32 {@code [pixels.length, 5]} (u_f, v_f, u_b, v_b, α per pixel) followed by {@code
   *     [alphaPixels.length]} (α)
   * @param opacity the given matte as the opacity (it replaces M_α's values), or null for M_α
   */
  static float[] evaluatePixels(
      LayeredAtlasModel model,
      NDManager manager,
      FrameGeometry geometry,
      int width,
      int height,
      int t,
      int[] pixels,
      int[] alphaPixels,
      MatteOpacity opacity) {
    float[] out = new float[pixels.length * 5 + alphaPixels.length];
    List<Span> spans = new ArrayList<>();
    Span.split(spans, pixels.length, true);
    Span.split(spans, alphaPixels.length, false);
    spans.parallelStream()
        .forEach(
            s -> {
              int[] at = s.all ? pixels : alphaPixels;
              int offset = s.all ? 5 * s.start : 5 * pixels.length + s.start;
              evaluateSpan(model, manager, geometry, width, height, t, at, s, out, offset);
            });
    if (opacity != null) {
      float[] given = opacity.pixels(t, width, height, pixels);
      for (int i = 0; i < pixels.length; i++) {
        out[5 * i + 4] = given[i];
      }
      float[] alone = opacity.pixels(t, width, height, alphaPixels);
      System.arraycopy(alone, 0, out, 5 * pixels.length, alone.length);
    }
    return out;
  }

  /**
   * A chunk of one pixel list: {@code [start, start + count)}; {@code all}: every network, else α
   * only.
   */
  private record Span(int start, int count, boolean all) {
    /** Pixels per parallel task: small enough to spread a frame's edge over the cores. */
    static final int TASK_PIXELS = 1 << 13;

    static void split(List<Span> into, int n, boolean all) {
      for (int s = 0; s < n; s += TASK_PIXELS) {
        into.add(new Span(s, Math.min(TASK_PIXELS, n - s), all));
      }
    }
  }

  private static void evaluateSpan(
      LayeredAtlasModel model,
      NDManager manager,
      FrameGeometry geometry,
      int width,
      int height,
      int t,
      int[] pixels,
      Span s,
      float[] out,
      int offset) {
    double sx = geometry.width() / (double) width;
    double sy = geometry.height() / (double) height;
    int n = s.count();
    float[] xyt = new float[n * 3];
    for (int i = 0; i < n; i++) {
      int p = pixels[s.start() + i];
      xyt[i * 3] = geometry.x((p % width + 0.5) * sx);
      xyt[i * 3 + 1] = geometry.y((p / width + 0.5) * sy);
      xyt[i * 3 + 2] = geometry.t(t);
    }
    try (GradModeOff noGrad = new GradModeOff();
        NDManager chunk = manager.newSubManager()) {
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray in = chunk.create(xyt, new Shape(n, 3));
      float[] a = model.alpha(ps, in, false).toFloatArray();
      if (!s.all()) {
        System.arraycopy(a, 0, out, offset, n);
        return;
      }
      float[] f = model.uvForeground(ps, in, false).toFloatArray();
      float[] b = model.uvBackground(ps, in, false).toFloatArray();
      for (int i = 0; i < n; i++) {
        int o = offset + i * 5;
        out[o] = f[2 * i];
        out[o + 1] = f[2 * i + 1];
        out[o + 2] = b[2 * i];
        out[o + 3] = b[2 * i + 1];
        out[o + 4] = a[i];
      }
    }
  }

  /** M_α {@code [H·W]} on working frame t (the learned opacity, whatever renders). */
  static float[] learnedAlpha(LayeredAtlasModel model, NDManager manager, FrameGeometry g, int t) {
    int plane = g.width() * g.height();
    int[] all = new int[plane];
    for (int p = 0; p < plane; p++) {
      all[p] = p;
    }
    float[] v = evaluatePixels(model, manager, g, g.width(), g.height(), t, all, new int[0], null);
    float[] a = new float[plane];
    for (int p = 0; p < plane; p++) {
      a[p] = v[5 * p + 4];
    }
    return a;
  }

  /** The reconstruction {@code [H, W, 3]} of working frame t with M_α, clipped to [0, 1]. */
  static float[] reconstructFrame(
      LayeredAtlasModel model, NDManager manager, FrameGeometry g, int t) {
    return reconstructFrame(model, manager, g, t, null);
  }

  /**
   * The reconstruction {@code [H, W, 3]} of working frame t, clipped to [0, 1].
   *
   * @param opacity {@code [H·W]} the opacity to composite with (the given matte), or null for M_α
   */
  static float[] reconstructFrame(
      LayeredAtlasModel model, NDManager manager, FrameGeometry g, int t, float[] opacity) {
    ParameterStore ps = new ParameterStore(manager, false);
    return evaluateFrame(model, manager, ps, g, g.width(), g.height(), t, true, opacity).rgb();
  }

  private static void copy(NDArray a, float[] dst, int offset) {
    float[] v = a.toFloatArray();
    System.arraycopy(v, 0, dst, offset, v.length);
  }
}
