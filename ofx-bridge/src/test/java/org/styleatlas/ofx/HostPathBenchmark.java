package org.styleatlas.ofx;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.Libc;
import org.styleatlas.ofx.stub.StubEngine;

/**
 * The plug-in path from the cache, on a real engine host (listening at STYLEATLAS_ENGINE_SOCKET): a
 * DAVIS clip's frames scaled to the output size (8-bit RGBA, the mask in alpha) go through the
 * built plug-in with a fresh instance per frame, as a command-line host renders. First the clip is
 * collected, decomposed and stylized by the host (its jobs, polled through frame 0); then one timed
 * pass over every frame is the first render at that size (the host resamples the maps and runs the
 * networks at the edge pixels once), and further passes are repeated renders from the stored maps.
 * The same frames through the same harness against the stub engine, which answers with one
 * streaming pass over the request's planes (input read, 1 − RGB written to the output plane), give
 * the streaming-pass baseline of the same run. The output image is one buffer reused from render to
 * render (cleared each time), as a host's frame buffers are. Besides each frame's total (fresh
 * instance, render, destroy), the harness's own share is timed apart: the instance's creation,
 * parameters and destruction, and clearing the output buffer.
 *
 * <p>Usage: {@code HostPathBenchmark CLIP_DIR WIDTH HEIGHT PASSES PROMPT}; see docs/BENCHMARKS.md.
 */
public final class HostPathBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(HostPathBenchmark.class);
  private static final long POLL_MS = 5000;
  private static final long PREPARE_LIMIT_MS = 60 * 60 * 1000L;

  /**
   * Stylization iterations asked for: the render path's cost does not depend on how well the atlas
   * is tuned.
   */
  private static final int STYLIZE_ITERATIONS = 20;

  private static int clipLength;

  /** The host's output frame buffer, reused by every render (one size per run). */
  private static HostImage output;

  /** Milliseconds of the harness's own work per render: instance + params + destroy, and clear. */
  private static final List<Double> INSTANCE_MS = new ArrayList<>();

  private static final List<Double> CLEAR_MS = new ArrayList<>();

  private HostPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path clip = Path.of(args[0]);
    int width = Integer.parseInt(args[1]);
    int height = Integer.parseInt(args[2]);
    int passes = Integer.parseInt(args[3]);
    String prompt = args[4];
    List<HostImage> frames = load(clip, width, height);
    clipLength = frames.size();
    output = frames.get(0).blankLike();
    DoubleFunction<HostImage> source = t -> frames.get((int) Math.round(t));
    LOG.warn(
        "{} frames of {} at {}x{} (8-bit RGBA, mask in alpha)",
        frames.size(),
        clip.getFileName(),
        width,
        height);
    try (Fixture f = new Fixture(null)) {
      prepare(f, source, frames.size(), prompt);
      double[] first = pass(f, source, frames.size(), prompt, null);
      LOG.warn(
          "first render at {}x{} through the plug-in: {} s for {} frames (frame 0: {} ms)",
          width,
          height,
          String.format("%.1f", Arrays.stream(first).sum() / 1000),
          frames.size(),
          String.format("%.0f", first[0]));
      List<Double> repeated = new ArrayList<>();
      for (int p = 0; p < passes; p++) {
        for (double ms : pass(f, source, frames.size(), prompt, null)) repeated.add(ms);
      }
      INSTANCE_MS.clear();
      CLEAR_MS.clear();
      Libc.C.setenv("STYLEATLAS_ENGINE_TOKEN", "bench", 1);
      double[] streaming;
      try (StubEngine stub = StubEngine.unix(f.dir.resolve("stub.sock"), Behaviour.STREAM)) {
        streaming = pass(f, source, frames.size(), prompt, stub.address());
      }
      double hostMs = median(repeated.stream().mapToDouble(Double::doubleValue).toArray());
      double stubMs = median(streaming);
      LOG.warn(
          "the harness's own share of a streaming-pass frame (medians): fresh instance, params and"
              + " destroy {} ms; clearing the {}x{} output buffer {} ms",
          String.format("%.2f", median(INSTANCE_MS)),
          width,
          height,
          String.format("%.2f", median(CLEAR_MS)));
      LOG.warn(
          "repeated render from the stored maps: median {} ms per frame = {} fps over {} renders; streaming"
              + " pass (stub engine, same harness): median {} ms = {} fps; ratio {}",
          fmt(hostMs),
          fmt(1000 / hostMs),
          repeated.size(),
          fmt(stubMs),
          fmt(1000 / stubMs),
          fmt(hostMs / stubMs));
    }
  }

  /**
   * Renders frames 0 … n−1, then frame 0 again until the host answers stylized (collect, decompose,
   * stylize).
   */
  private static void prepare(Fixture f, DoubleFunction<HostImage> source, int n, String prompt)
      throws Exception {
    long start = System.currentTimeMillis();
    for (int t = 0; t < n; t++) render(f, source, t, prompt, null);
    String status = "";
    while (!stylized(status)) {
      if (System.currentTimeMillis() - start > PREPARE_LIMIT_MS)
        throw new IllegalStateException("not stylized: " + status);
      try {
        status = render(f, source, 0, prompt, null);
      } catch (IllegalStateException e) {
        status =
            "error: "
                + e.getMessage(); // a loaded machine can miss the shim's reply deadline; ask again
      }
      LOG.warn("prepare: {} ({} s)", status, (System.currentTimeMillis() - start) / 1000);
      if (!stylized(status)) Thread.sleep(POLL_MS);
    }
  }

  /**
   * Whether the status text the plug-in shows after a render means a stylized frame ("done 100%" or
   * the engine's message).
   */
  private static boolean stylized(String status) {
    return status.equals("stylized") || status.startsWith("done");
  }

  /** Milliseconds of each frame's render, a fresh instance per frame. */
  private static double[] pass(
      Fixture f, DoubleFunction<HostImage> source, int n, String prompt, String address) {
    double[] ms = new double[n];
    int failed = 0;
    for (int t = 0; t < n; t++) {
      long start = System.nanoTime();
      String status;
      try {
        status = render(f, source, t, prompt, address);
      } catch (IllegalStateException e) {
        status = "error: " + e.getMessage();
      }
      ms[t] = (System.nanoTime() - start) / 1e6;
      if (address == null && !stylized(status)) {
        failed++;
        LOG.warn("frame {}: {} after {} ms", t, status, String.format("%.0f", ms[t]));
      }
    }
    if (failed > 0) LOG.warn("{} of {} frames did not come back stylized in this pass", failed, n);
    return ms;
  }

  /** One render with a fresh instance; the instance's status text afterwards. */
  private static String render(
      Fixture f, DoubleFunction<HostImage> source, int t, String prompt, String address) {
    long start = System.nanoTime();
    Effect instance = f.instance(Session.FILTER, source, null);
    long rendered = 0;
    try {
      instance.params().get("globalPrompt").set(prompt);
      instance.params().get("matteSource").set(1);
      instance.params().get("quality").set(0);
      instance.params().get("iterations").set(STYLIZE_ITERATIONS);
      instance.params().get("clipLength").set(clipLength);
      if (address != null) instance.params().get("engineAddress").set(address);
      long before = System.nanoTime();
      output.clear();
      long cleared = System.nanoTime();
      Session.Render r = f.session.render(instance, t, output);
      rendered = System.nanoTime() - before;
      CLEAR_MS.add((cleared - before) / 1e6);
      if (r.status() != Status.OK)
        throw new IllegalStateException("frame " + t + ": " + instance.messages());
      return String.valueOf(instance.param("status"));
    } finally {
      f.session.destroyInstance(instance);
      INSTANCE_MS.add((System.nanoTime() - start - rendered) / 1e6);
    }
  }

  /**
   * The clip's frames (frames/*.jpg) with their masks (masks/*.png) in alpha, scaled to width x
   * height.
   */
  private static List<HostImage> load(Path clip, int width, int height) throws Exception {
    List<Path> images = sorted(clip.resolve("frames"));
    List<Path> masks = sorted(clip.resolve("masks"));
    List<HostImage> out = new ArrayList<>();
    for (int t = 0; t < images.size(); t++) {
      BufferedImage rgb = scaled(ImageIO.read(images.get(t).toFile()), width, height);
      BufferedImage mask = scaled(ImageIO.read(masks.get(t).toFile()), width, height);
      HostImage img = new HostImage(0, 0, width, height, Depth.BYTE, 4, true);
      byte[] row = new byte[width * 4];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int p = rgb.getRGB(x, y);
          row[4 * x] = (byte) (p >> 16);
          row[4 * x + 1] = (byte) (p >> 8);
          row[4 * x + 2] = (byte) p;
          row[4 * x + 3] = (byte) ((mask.getRGB(x, y) & 0xFFFFFF) != 0 ? 255 : 0);
        }
        img.setRow(height - 1 - y, row); // OFX rows count from the bottom
      }
      out.add(img);
    }
    return out;
  }

  private static List<Path> sorted(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static BufferedImage scaled(BufferedImage in, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(in, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  private static double median(List<Double> v) {
    return median(v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String fmt(double v) {
    return String.format("%.1f", v);
  }
}
