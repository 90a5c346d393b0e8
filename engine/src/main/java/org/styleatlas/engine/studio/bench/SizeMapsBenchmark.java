package org.styleatlas.engine.studio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.maps.MapResampler;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.FrameResampler;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;

/**
 * The first render of a whole clip at a new output size through the {@link MapStore} (no entry at
 * that size yet: the networks run at the edge pixels), the same render again from a restarted store
 * (the entry read back), and the resampled maps' frames against a full evaluation of the networks
 * at every output pixel on a few frames (the earlier path's per-frame cost, and the 8-bit
 * difference). Frames are rendered in composite mode over the working-size source resampled, into
 * memory (no encoding).
 */
public final class SizeMapsBenchmark {
  private static final long MEMORY = 256L << 20;

  /** Side of the edge crop written beside the figures, in output pixels. */
  private static final int CROP = 192;

  private SizeMapsBenchmark() {}

  /**
   * The figures of one run.
   *
   * @param firstSeconds wall seconds of the first render of every frame (edge evaluation included)
   * @param secondSeconds wall seconds of the same render from a restarted store
   * @param exactPixels output pixels the networks ran at, over the clip
   * @param entryBytes size of the stored entry
   * @param fullSecondsPerFrame wall seconds of one frame's full evaluation (the earlier path),
   *     median of the checked frames
   * @param checkedPixels pixels compared with the full evaluation
   * @param beyondOneLevel of those, pixels whose 8-bit composite differs by more than one level in
   *     a channel
   * @param maxLevels the largest 8-bit difference in any channel
   */
  public record Result(
      int frames,
      int width,
      int height,
      double firstSeconds,
      double secondSeconds,
      long exactPixels,
      long entryBytes,
      double fullSecondsPerFrame,
      long checkedPixels,
      long beyondOneLevel,
      int maxLevels) {}

  /**
   * Runs the benchmark.
   *
   * @param scene the decomposed clip (its own store is not used)
   * @param cache the content cache the stores use; the entry at {@code width x height} is removed
   *     first
   * @param checkFrames how many frames (spread over the clip) to compare with a full evaluation
   * @param crop where to write a PNG crop at the object's edge (full evaluation | resampled | 16x
   *     difference), or empty
   */
  public static Result run(
      DecompositionScene scene,
      ContentCache cache,
      AtlasTexture foreground,
      int width,
      int height,
      int threads,
      int checkFrames,
      Optional<Path> crop)
      throws IOException {
    cache.remove(MapStore.key(scene.decomposition().entry().key(), width, height));
    int n = scene.frameCount();
    MapStore cold = new MapStore(Optional.of(cache), MEMORY);
    double first = renderAll(scene.withStore(cold), foreground, width, height, threads);
    MapStore restarted =
        new MapStore(Optional.of(new ContentCache(cache.root(), Long.MAX_VALUE)), MEMORY);
    DecompositionScene again = scene.withStore(restarted);
    double second = renderAll(again, foreground, width, height, threads);
    if (restarted.evaluations() != 0) {
      throw new IllegalStateException("the restarted store evaluated the networks");
    }
    long exact = 0;
    for (int t = 0; t < n; t++) {
      exact +=
          MapResampler.exactPixels(scene.maps(t, scene.width(), scene.height()), width, height)
              .pixels();
    }
    Path entry =
        cache
            .find(MapStore.key(scene.decomposition().entry().key(), width, height))
            .orElseThrow()
            .file(MapStore.EXACT);
    long entryBytes = Files.size(entry);

    double[] fullSeconds = new double[Math.min(checkFrames, n)];
    long checked = 0;
    long beyond = 0;
    int maxLevels = 0;
    try (FrameRenderer renderer = new FrameRenderer(threads)) {
      for (int i = 0; i < fullSeconds.length; i++) {
        int t =
            fullSeconds.length == 1
                ? n / 2
                : (int) Math.round(i * (n - 1.0) / (fullSeconds.length - 1));
        long start = System.nanoTime();
        org.styleatlas.engine.decomposition.ClipLayerMaps full;
        synchronized (scene.decomposition()) {
          full = scene.decomposition().evaluate(width, height, t, t + 1, ProgressSink.NONE);
        }
        fullSeconds[i] = (System.nanoTime() - start) / 1e9;
        FrameLayerMaps fullMaps =
            new FrameLayerMaps(
                width,
                height,
                full.uvForeground().get(0),
                full.uvBackground().get(0),
                full.alpha().get(0));
        Frame source = FrameResampler.resize(scene.frame(t), width, height);
        Frame a = renderer.render(fullMaps, source, foreground, null, OutputMode.COMPOSITE);
        Frame b =
            renderer.render(
                again.maps(t, width, height), source, foreground, null, OutputMode.COMPOSITE);
        for (int p = 0; p < width * height; p++) {
          int d = 0;
          for (int c = 0; c < 3; c++) {
            d = Math.max(d, Math.abs(level(a.pixels()[3 * p + c]) - level(b.pixels()[3 * p + c])));
          }
          beyond += d > 1 ? 1 : 0;
          if (d > maxLevels) {
            maxLevels = d;
          }
        }
        checked += (long) width * height;
        if (crop.isPresent() && i == fullSeconds.length / 2) {
          writeCrop(crop.get(), a, b, fullMaps.alpha());
        }
      }
    }
    java.util.Arrays.sort(fullSeconds);
    return new Result(
        n,
        width,
        height,
        first,
        second,
        exact,
        entryBytes,
        fullSeconds.length == 0 ? Double.NaN : fullSeconds[fullSeconds.length / 2],
        checked,
        beyond,
        maxLevels);
  }

  private static double renderAll(
      DecompositionScene scene, AtlasTexture foreground, int width, int height, int threads) {
    long start = System.nanoTime();
    try (FrameRenderer renderer = new FrameRenderer(threads)) {
      for (int t = 0; t < scene.frameCount(); t++) {
        renderer.render(
            scene.maps(t, width, height), scene.frame(t), foreground, null, OutputMode.COMPOSITE);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static int level(float v) {
    return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
  }

  /**
   * Writes a crop centred on the object's edge (the pixel with α nearest 0.5 closest to the frame's
   * centre row): the full evaluation's composite, the resampled one, and their difference ×16, side
   * by side.
   */
  private static void writeCrop(Path file, Frame full, Frame resampled, float[] alpha)
      throws IOException {
    int w = full.width();
    int h = full.height();
    int best = -1;
    double score = Double.MAX_VALUE;
    for (int p = 0; p < w * h; p++) {
      double s =
          Math.abs(alpha[p] - 0.5) * 1000
              + Math.abs(p / w - h / 2.0) / h
              + Math.abs(p % w - w / 2.0) / w;
      if (s < score) {
        score = s;
        best = p;
      }
    }
    int side = Math.min(CROP, Math.min(w, h));
    int x0 = Math.max(0, Math.min(w - side, best % w - side / 2));
    int y0 = Math.max(0, Math.min(h - side, best / w - side / 2));
    float[] out = new float[side * 3 * side * 3];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int src = 3 * ((y0 + y) * w + x0 + x);
        for (int c = 0; c < 3; c++) {
          float a = full.pixels()[src + c];
          float b = resampled.pixels()[src + c];
          out[3 * (y * 3 * side + x) + c] = a;
          out[3 * (y * 3 * side + side + x) + c] = b;
          out[3 * (y * 3 * side + 2 * side + x) + c] = Math.min(1f, 16 * Math.abs(a - b));
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ClipWriter.writePng(new Frame(3 * side, side, 3, out), file);
  }
}
