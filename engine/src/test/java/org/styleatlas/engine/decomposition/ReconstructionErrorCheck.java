package org.styleatlas.engine.decomposition;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Where a cached fast-mode decomposition's reconstruction error lies: the squared error over all
 * frames, split by learned α (object, edge, background) and, for the background, by horizontal
 * bands of the frame, logged as MSE, PSNR and share of the total. For docs/BENCHMARKS.md ("what
 * limits it").
 *
 * <p>Usage: {@code ReconstructionErrorCheck ENTRY_DIR CLIP_DIR LONG_EDGE}, where ENTRY_DIR is a
 * {@code decomposition/<hash>} cache folder (e.g. one the decomposition benchmark left under {@code
 * /tmp/styleatlas-bench…}) and CLIP_DIR holds {@code frames/} and {@code masks/}.
 */
public final class ReconstructionErrorCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ReconstructionErrorCheck.class);
  private static final int BANDS = 8;
  private static final String[] ALPHA_CLASSES = {"α > 0.9", "0.1 ≤ α ≤ 0.9", "α < 0.1"};

  private ReconstructionErrorCheck() {}

  /** Squared-error sums and pixel counts per class. */
  private record Tally(double[] squaredError, long[] pixels) {
    Tally(int classes) {
      this(new double[classes], new long[classes]);
    }

    void add(int c, double e) {
      squaredError[c] += e;
      pixels[c]++;
    }

    void log(String name, int c, double total) {
      double mse = squaredError[c] / pixels[c];
      LOG.info(
          "{}: {} pixels, MSE {}, PSNR {} dB, {} % of the squared error",
          name,
          pixels[c],
          String.format("%.5f", mse),
          String.format("%.2f", -10 * Math.log10(mse)),
          String.format("%.1f", 100 * squaredError[c] / total));
    }
  }

  public static void main(String[] args) throws Exception {
    Path entry = Path.of(args[0]);
    Path clipDir = Path.of(args[1]);
    Clip clip =
        ClipReader.read(
            new ClipRequest(
                clipDir.resolve("frames"),
                Optional.of(clipDir.resolve("masks")),
                Integer.parseInt(args[2])));
    CacheKey key =
        new CacheKey(entry.getParent().getFileName().toString(), entry.getFileName().toString());
    try (Decomposition d =
        Decomposition.open(new CacheEntry(key, entry), DecompositionConfig.fast())) {
      ClipLayerMaps maps = d.evaluate(clip.width(), clip.height(), true, ProgressSink.NONE);
      Tally byAlpha = new Tally(ALPHA_CLASSES.length);
      Tally byBand = new Tally(BANDS);
      Tally byMatte = new Tally(2);
      for (int t = 0; t < maps.frames(); t++) {
        tally(
            clip.frame(t),
            clip.matte(t),
            maps.rgb().get(t),
            maps.alpha().get(t),
            byAlpha,
            byBand,
            byMatte);
      }
      double total = sum(byAlpha.squaredError());
      for (int c = 0; c < ALPHA_CLASSES.length; c++) {
        byAlpha.log(ALPHA_CLASSES[c], c, total);
      }
      for (int b = 0; b < BANDS; b++) {
        byBand.log("background, rows " + b + "/" + BANDS + " of the frame from the top", b, total);
      }
      byMatte.log("inside the matte", 0, total);
      byMatte.log("outside the matte", 1, total);
    }
  }

  /** Adds one frame: per pixel the squared error averaged over the channels of [0, 1] colours. */
  private static void tally(
      Frame frame,
      Matte matte,
      float[] rgb,
      float[] alpha,
      Tally byAlpha,
      Tally byBand,
      Tally byMatte) {
    int w = frame.width();
    int h = frame.height();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        double e = 0;
        for (int c = 0; c < 3; c++) {
          double diff = frame.get(x, y, c) - rgb[p * 3 + c];
          e += diff * diff / 3;
        }
        float a = alpha[p];
        int cls = a > 0.9f ? 0 : a < 0.1f ? 2 : 1;
        byAlpha.add(cls, e);
        if (cls == 2) {
          byBand.add(y * BANDS / h, e);
        }
        byMatte.add(matte.get(x, y) > 0.5f ? 0 : 1, e);
      }
    }
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
