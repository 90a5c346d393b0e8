package org.styleatlas.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.styleatlas.engine.video.Frame;

/**
 * Renders frames from cached {@link LayerMaps} and discretized atlases with plain bilinear sampling,
 * split over worker threads by row bands. No DJL: rendering never touches the networks, only their
 * cached outputs, so it runs at video rates on CPU.
 *
 * <p>Per pixel p with opacity α, foreground colour c_f = A(uv_f) (sampled from the strength-blended
 * foreground atlas) and background colour c_b = A_b(uv_b):
 * <ul>
 *   <li>composite: (1 − α)·original + α·c_f (the original where α &lt; 1/512);
 *   <li>reconstruction: (1 − α)·c_b + α·c_f;
 *   <li>foreground layer: (α·c_f, α), premultiplied;
 *   <li>matte: (α, α, α);
 *   <li>original: the source frame.
 * </ul>
 */
public final class FrameRenderer implements AutoCloseable {
  private static final int MIN_ROWS_PER_TASK = 16;
  /**
   * Composite pixels with α below this take the original unchanged: the foreground's share, at most α, is
   * under half an 8-bit level. A learned α is never exactly 0 (82 % of blackswan's pixels are below it), so
   * without the cut-off every pixel would sample the atlas.
   */
  static final float INVISIBLE_ALPHA = 1f / 512;

  private final ExecutorService pool;
  private final int threads;

  /** @param threads worker threads, ≥ 1 */
  public FrameRenderer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("render threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "styleatlas-render");
      th.setDaemon(true);
      return th;
    });
  }

  /**
   * Renders one frame.
   *
   * @param maps the frame's maps at the output resolution
   * @param original the source frame at any size (resampled to the maps' size when it differs); only read by
   *     {@link OutputMode#COMPOSITE} and {@link OutputMode#ORIGINAL}
   * @param foreground the foreground atlas to sample, already blended to the wanted strength
   *     ({@link AtlasSet#foregroundAt(float)})
   * @param background the background atlas, only read by {@link OutputMode#RECONSTRUCTION}
   */
  public Frame render(LayerMaps maps, Frame original, AtlasTexture foreground, AtlasTexture background,
      OutputMode mode) {
    int w = maps.width();
    int h = maps.height();
    if (mode == OutputMode.ORIGINAL) {
      return FrameResampler.resize(original.rgb(), w, h);
    }
    Frame source = mode == OutputMode.COMPOSITE ? FrameResampler.resize(original, w, h) : null;
    int ch = mode.channels();
    float[] out = new float[w * h * ch];
    int bands = Math.max(1, Math.min(threads * 4, h / MIN_ROWS_PER_TASK));
    List<Future<?>> parts = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      int y0 = b * h / bands;
      int y1 = (b + 1) * h / bands;
      parts.add(pool.submit(() -> renderRows(maps, source, foreground, background, mode, out, y0, y1)));
    }
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
    return new Frame(w, h, ch, out);
  }

  private static void renderRows(LayerMaps maps, Frame source, AtlasTexture fg, AtlasTexture bg,
      OutputMode mode, float[] out, int y0, int y1) {
    int w = maps.width();
    float[] alpha = maps.alpha();
    float[] uvf = maps.foregroundUv();
    float[] uvb = maps.backgroundUv();
    float[] src = source == null ? null : source.pixels();
    int sc = source == null ? 0 : source.channels();
    float[] cf = new float[3];
    float[] cb = new float[3];
    for (int p = y0 * w, end = y1 * w; p < end; p++) {
      float a = alpha[p];
      switch (mode) {
        case MATTE -> {
          out[p * 3] = a;
          out[p * 3 + 1] = a;
          out[p * 3 + 2] = a;
        }
        case FOREGROUND_LAYER -> {
          fg.sample(uvf[2 * p], uvf[2 * p + 1], cf, 0);
          out[p * 4] = a * cf[0];
          out[p * 4 + 1] = a * cf[1];
          out[p * 4 + 2] = a * cf[2];
          out[p * 4 + 3] = a;
        }
        case RECONSTRUCTION -> {
          fg.sample(uvf[2 * p], uvf[2 * p + 1], cf, 0);
          bg.sample(uvb[2 * p], uvb[2 * p + 1], cb, 0);
          for (int c = 0; c < 3; c++) {
            out[p * 3 + c] = (1 - a) * cb[c] + a * cf[c];
          }
        }
        default -> {
          if (a < INVISIBLE_ALPHA) {
            System.arraycopy(src, p * sc, out, p * 3, 3);
          } else {
            fg.sample(uvf[2 * p], uvf[2 * p + 1], cf, 0);
            for (int c = 0; c < 3; c++) {
              out[p * 3 + c] = (1 - a) * src[p * sc + c] + a * cf[c];
            }
          }
        }
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
