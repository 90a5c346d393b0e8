package org.styleatlas.engine.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.video.Frame;

/**
 * What drawing the host's composite over the request's own pixels costs ({@link SourceComposite})
 * against the plain RGB composite it wraps plus the wire's RGBA conversion ({@link WireOutput}), at
 * 1920x1080 with 18 % of the pixels in the object (blackswan's share above α 1/512), a 1024² atlas,
 * 2 threads; median of 15 frames after 3 warm-ups; the planes are direct native-order buffers, as
 * the host's mapped shared memory is, and the path before (copy into a Java array, composite, copy
 * out) is timed beside the plane-to-plane one. A benchmark, not a test: {@code mvn -q -pl engine
 * exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.styleatlas.engine.pipeline.SourceCompositeBenchmark [-Dexec.args=coherent]}.
 */
public final class SourceCompositeBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(SourceCompositeBenchmark.class);
  private static final int W = 1920;
  private static final int H = 1080;
  private static final int ATLAS = 1024;
  private static final int WARM_UP = 3;
  private static final int RUNS = 15;

  private SourceCompositeBenchmark() {}

  /**
   * @param args optional {@code coherent}: smooth uv (the atlas read in order, as a real frame's
   *     maps do) and the object one rectangle of 18 % of the frame at α 0.9, instead of random uv
   *     and scattered α, which make the atlas lookups cache misses and the kernel dominate
   */
  public static void main(String[] args) {
    boolean coherent = args.length > 0 && args[0].equals("coherent");
    Random r = new Random(7);
    int n = W * H;
    float[] uvf = new float[n * 2];
    float[] uvb = new float[n * 2];
    float[] alpha = new float[n];
    float[] rgba = new float[n * 4];
    for (int p = 0; p < n; p++) {
      int x = p % W;
      int y = p / W;
      uvf[2 * p] = coherent ? x * 2f / W - 1 : r.nextFloat() * 2 - 1;
      uvf[2 * p + 1] = coherent ? y * 2f / H - 1 : r.nextFloat() * 2 - 1;
      boolean inside =
          coherent ? x >= 650 && x < 1272 && y >= 300 && y < 900 : r.nextFloat() < 0.18f;
      alpha[p] = inside ? (coherent ? 0.9f : r.nextFloat()) : 0f;
      for (int c = 0; c < 3; c++) {
        rgba[p * 4 + c] = r.nextFloat();
      }
      rgba[p * 4 + 3] = 1f;
    }
    float[] texels = new float[ATLAS * ATLAS * 3];
    for (int i = 0; i < texels.length; i++) {
      texels[i] = r.nextFloat();
    }
    AtlasTexture atlas = new AtlasTexture(ATLAS, ATLAS, texels);
    FrameLayerMaps maps = new FrameLayerMaps(W, H, uvf, uvb, alpha);
    FloatBuffer source = plane(n * 4).put(0, rgba);
    FloatBuffer out = plane(n * 4);
    float[] kept = new float[n * 4];
    try (FrameRenderer sampler = new FrameRenderer(2)) {
      List<Double> plain = new ArrayList<>();
      List<Double> overSource = new ArrayList<>();
      List<Double> viaArray = new ArrayList<>();
      for (int i = 0; i < WARM_UP + RUNS; i++) {
        long t0 = System.nanoTime();
        float[] rgb = new float[n * 3];
        for (int p = 0; p < n; p++) {
          System.arraycopy(rgba, p * 4, rgb, p * 3, 3);
        }
        Frame frame =
            sampler.render(maps, new Frame(W, H, 3, rgb), atlas, atlas, OutputMode.COMPOSITE);
        out.clear();
        WireOutput.write(frame, out);
        long t1 = System.nanoTime();
        out.clear();
        SourceComposite.render(sampler, maps, source, atlas, 0.8f, out);
        long t2 = System.nanoTime();
        source.get(0, kept); // the path before: planes copied into an array and out again
        sampler.compositeRgba(maps, kept, atlas, 0.8f);
        out.put(0, kept);
        long t3 = System.nanoTime();
        if (i >= WARM_UP) {
          plain.add((t1 - t0) / 1e6);
          overSource.add((t2 - t1) / 1e6);
          viaArray.add((t3 - t2) / 1e6);
        }
      }
      LOG.info(
          "1920x1080 composite ({}), 2 threads: plain RGB + wire RGBA {} ms, over the request's pixels (strength 0.8)"
              + " plane to plane {} ms, through a kept array (copy in, composite, copy out) {} ms"
              + " (medians of {})",
          coherent ? "coherent maps" : "random maps",
          median(plain),
          median(overSource),
          median(viaArray),
          RUNS);
    }
  }

  /** A plane as the host maps it: direct memory, native byte order. */
  private static FloatBuffer plane(int floats) {
    return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private static String median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    return String.format("%.1f", s.get(s.size() / 2));
  }
}
