package org.styleatlas.engine.render;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.styleatlas.engine.video.Frame;

/**
 * Renders frames from cached {@link FrameLayerMaps} and discretized atlases with plain bilinear
 * sampling, split into bands of rows that the calling thread and {@code threads − 1} pool workers
 * claim in turn. No DJL: rendering never touches the networks, only their cached outputs, so it
 * runs at video rates on CPU.
 *
 * <p>Each mode is one tight loop ({@link PixelKernels}) with the atlas sampled inline ({@link
 * AtlasSampler}); composite starts from a copy of a same-size RGB source, or resamples the source
 * band by band straight into the output ({@link RowResampler}), and then touches only the pixels
 * with α at or above the cut-off. The result is bit-identical to the plain per-pixel formulas
 * below, whatever the thread count.
 *
 * <p>Per pixel p with opacity α, foreground colour c_f = A(uv_f) (sampled from the strength-blended
 * foreground atlas) and background colour c_b = A_b(uv_b):
 *
 * <ul>
 *   <li>composite: (1 − α)·original + α·c_f (the original where α &lt; 1/512); with detail k, (1 −
 *       α·(1 − k))·original + α·c_f where c_f = c_s − k·c_o (the stylized colour plus k times the
 *       source's detail that the atlas does not hold, Text2LIVE's edit layer over the frame);
 *   <li>reconstruction: (1 − α)·c_b + α·c_f;
 *   <li>foreground layer: (α·c_f, α), premultiplied;
 *   <li>matte: (α, α, α);
 *   <li>original: the source frame.
 * </ul>
 */
public final class FrameRenderer implements AutoCloseable {
  /**
   * Rows a worker claims at a time: small enough to balance uneven foregrounds, large enough to
   * stream.
   */
  private static final int ROWS_PER_BAND = 16;

  /**
   * Floats of per-task scratch for one sampled colour; resampling modes take more ({@link
   * RowResampler}).
   */
  private static final int SCRATCH = 3;

  /** Where a band's RGBA starts in a task's scratch of a plane-to-plane composite. */
  private static final int BAND_START = 4;

  /**
   * Composite pixels with α below this take the original unchanged: the foreground's share, at most
   * α, is under half an 8-bit level. A learned α is never exactly 0 (82 % of blackswan's pixels are
   * below it), so without the cut-off every pixel would sample the atlas.
   */
  public static final float INVISIBLE_ALPHA = 1f / 512;

  /** Renders output rows {@code [y0, y1)} of one frame. */
  @FunctionalInterface
  private interface BandKernel {
    /**
     * @param scratch floats owned by the calling task, overwritten
     */
    void rows(int y0, int y1, float[] scratch);
  }

  /** The pool's workers; null with one thread (the caller renders alone). */
  private final ExecutorService pool;

  private final int threads;

  /**
   * @param threads threads that render a frame, the caller's included, ≥ 1
   */
  public FrameRenderer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("render threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread th = new Thread(r, "styleatlas-render");
                  th.setDaemon(true);
                  return th;
                });
  }

  /**
   * Renders one frame.
   *
   * @param maps the frame's maps at the output resolution
   * @param original the source frame at any size (resampled to the maps' size when it differs);
   *     only read by {@link OutputMode#COMPOSITE} and {@link OutputMode#ORIGINAL}
   * @param foreground the foreground atlas to sample, already blended to the wanted strength
   *     ({@link AtlasSet#foregroundAt(float)})
   * @param background the background atlas, only read by {@link OutputMode#RECONSTRUCTION}
   * @return a new {@code [H, W, mode.channels()]} frame at the maps' size
   */
  public Frame render(
      FrameLayerMaps maps,
      Frame original,
      AtlasTexture foreground,
      AtlasTexture background,
      OutputMode mode) {
    return render(maps, original, foreground, background, mode, 0f);
  }

  /**
   * Renders one frame; a composite keeps {@code detail} times the source's own detail over the
   * object: (1 − α·(1 − k))·original + α·c_f, where {@code foreground} must then be {@link
   * AtlasSet#foregroundWithDetail} for the same k (c_f = c_s − k·c_o). With k = 1 and an unedited
   * atlas the composite is the original; other modes ignore k.
   *
   * @param detail k in [0, 1]
   */
  public Frame render(
      FrameLayerMaps maps,
      Frame original,
      AtlasTexture foreground,
      AtlasTexture background,
      OutputMode mode,
      float detail) {
    if (!(detail >= 0 && detail <= 1)) {
      throw new IllegalArgumentException("detail must be in [0, 1], got " + detail);
    }
    int w = maps.width();
    int h = maps.height();
    if (mode == OutputMode.ORIGINAL && original.width() == w && original.height() == h) {
      return original.rgb();
    }
    int ch = mode.channels();
    boolean fromSource = startsAsSource(mode, original, w, h);
    float[] out = fromSource ? original.pixels().clone() : new float[w * h * ch];
    RowResampler source =
        mode == OutputMode.COMPOSITE || mode == OutputMode.ORIGINAL
            ? new RowResampler(
                original.pixels(), original.width(), original.height(), original.channels(), w, h)
            : null;
    int scratch = Math.max(SCRATCH, source == null ? 0 : source.scratchFloats(3));
    runBands(
        h, scratch, kernel(maps, source, foreground, background, mode, detail, out, fromSource));
    return new Frame(w, h, ch, out);
  }

  /**
   * Composites the foreground over a straight RGBA frame in place, in the frame's own layout (no
   * RGB copy): with a = strength·α, where a ≥ {@link #INVISIBLE_ALPHA} RGB becomes (1 − a)·RGB +
   * a·c_f and alpha becomes alpha + a·(1 − alpha); every other pixel keeps its four values bit for
   * bit.
   *
   * @param maps the frame's maps at the frame's size
   * @param rgba {@code [h, w, 4]} straight RGBA, overwritten
   * @param foreground the foreground atlas at full strength
   * @param strength s in [0, 1]
   */
  public void compositeRgba(
      FrameLayerMaps maps, float[] rgba, AtlasTexture foreground, float strength) {
    int w = maps.width();
    if (rgba.length != 4 * maps.pixels()) {
      throw new IllegalArgumentException(
          "RGBA frame of " + rgba.length / 4 + " pixels, the maps have " + maps.pixels());
    }
    float[] alpha = maps.alpha();
    float[] uvf = maps.foregroundUv();
    AtlasSampler fg = new AtlasSampler(foreground);
    runBands(
        maps.height(),
        SCRATCH,
        (y0, y1, scratch) ->
            PixelKernels.compositeRgbaInPlace(
                alpha,
                uvf,
                fg,
                strength,
                INVISIBLE_ALPHA,
                rgba,
                4 * y0 * w,
                y0 * w,
                y1 * w,
                scratch));
  }

  /**
   * {@link #compositeRgba(FrameLayerMaps, float[], AtlasTexture, float)} from one float buffer into
   * another, one band of rows at a time on the render threads: the band's source floats are
   * bulk-copied into the task's cache-sized scratch, blended there by the array composite's kernel
   * and bulk-copied to the output (no frame-sized Java array). The result is the array composite's,
   * bit for bit. {@code source} and {@code out} may be the same plane (same floats), but must not
   * otherwise overlap.
   *
   * @param source {@code [h, w, 4]} straight RGBA from its position, read only
   * @param out receives {@code [h, w, 4]} straight RGBA from its position (positions unchanged)
   */
  public void compositeRgba(
      FrameLayerMaps maps,
      FloatBuffer source,
      FloatBuffer out,
      AtlasTexture foreground,
      float strength) {
    int w = maps.width();
    long floats = 4L * maps.pixels();
    if (source.remaining() < floats || out.remaining() < floats) {
      throw new IllegalArgumentException(
          "RGBA planes of "
              + source.remaining() / 4
              + " and "
              + out.remaining() / 4
              + " pixels, the maps have "
              + maps.pixels());
    }
    int in0 = source.position();
    int out0 = out.position();
    float[] alpha = maps.alpha();
    float[] uvf = maps.foregroundUv();
    AtlasSampler fg = new AtlasSampler(foreground);
    // Each task's scratch: the sampler's 3 floats, then one band of RGBA (16 rows of 1080p: 480 KB,
    // in the core's cache) that the band is copied into, composited in and copied out of.
    int band = BAND_START + 4 * ROWS_PER_BAND * w;
    runBands(
        maps.height(),
        band,
        (y0, y1, scratch) -> {
          int n = 4 * (y1 - y0) * w;
          source.get(in0 + 4 * y0 * w, scratch, BAND_START, n);
          PixelKernels.compositeRgbaInPlace(
              alpha,
              uvf,
              fg,
              strength,
              INVISIBLE_ALPHA,
              scratch,
              BAND_START,
              y0 * w,
              y1 * w,
              scratch);
          out.put(out0 + 4 * y0 * w, scratch, BAND_START, n);
        });
  }

  /**
   * For a composite over an RGB source already at the output size, the output starts as a copy of
   * the source (one pass, no zeroing first) and the kernel leaves it out of its bands.
   */
  private static boolean startsAsSource(OutputMode mode, Frame original, int w, int h) {
    return mode == OutputMode.COMPOSITE
        && original.channels() == 3
        && original.width() == w
        && original.height() == h;
  }

  /**
   * The band kernel of one mode, writing into {@code out}.
   *
   * @param source resamples the source frame to the output size (composite and original only)
   * @param fromSource {@code out} already holds the source (composite only)
   */
  private static BandKernel kernel(
      FrameLayerMaps maps,
      RowResampler source,
      AtlasTexture foreground,
      AtlasTexture background,
      OutputMode mode,
      float detail,
      float[] out,
      boolean fromSource) {
    int w = maps.width();
    float[] alpha = maps.alpha();
    float[] uvf = maps.foregroundUv();
    return switch (mode) {
      case MATTE -> (y0, y1, scratch) -> PixelKernels.matte(alpha, out, y0 * w, y1 * w);
      case FOREGROUND_LAYER -> {
        AtlasSampler fg = new AtlasSampler(foreground);
        yield (y0, y1, scratch) ->
            PixelKernels.foregroundLayer(alpha, uvf, fg, out, y0 * w, y1 * w);
      }
      case RECONSTRUCTION -> {
        AtlasSampler fg = new AtlasSampler(foreground);
        AtlasSampler bg = new AtlasSampler(background);
        float[] uvb = maps.backgroundUv();
        yield (y0, y1, scratch) ->
            PixelKernels.reconstruction(alpha, uvf, uvb, fg, bg, out, y0 * w, y1 * w, scratch);
      }
      case COMPOSITE -> {
        AtlasSampler fg = new AtlasSampler(foreground);
        yield (y0, y1, scratch) -> {
          if (!fromSource) {
            source.resizeRows(out, 3, y0, y1, scratch);
          }
          PixelKernels.compositeInPlace(
              alpha, uvf, fg, INVISIBLE_ALPHA, detail, out, y0 * w, y1 * w, scratch);
        };
      }
      case ORIGINAL -> (y0, y1, scratch) -> source.resizeRows(out, 3, y0, y1, scratch);
    };
  }

  /**
   * Runs {@code kernel} over all {@code h} rows: the caller and up to {@code threads − 1} workers
   * each claim the next {@value #ROWS_PER_BAND} rows until none are left; each task allocates its
   * scratch once.
   *
   * @param scratchFloats size of each task's scratch
   */
  private void runBands(int h, int scratchFloats, BandKernel kernel) {
    AtomicInteger next = new AtomicInteger();
    Runnable task =
        () -> {
          float[] scratch = new float[scratchFloats];
          for (int y0 = next.getAndAdd(ROWS_PER_BAND); y0 < h; y0 = next.getAndAdd(ROWS_PER_BAND)) {
            kernel.rows(y0, Math.min(h, y0 + ROWS_PER_BAND), scratch);
          }
        };
    int helpers = Math.min(threads - 1, (h - 1) / ROWS_PER_BAND);
    List<Future<?>> parts = new ArrayList<>(helpers);
    for (int i = 0; i < helpers; i++) {
      parts.add(pool.submit(task));
    }
    try {
      task.run();
    } finally {
      await(parts);
    }
  }

  private static void await(List<Future<?>> parts) {
    for (Future<?> f : parts) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("render interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("render failed: " + e.getCause(), e.getCause());
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
