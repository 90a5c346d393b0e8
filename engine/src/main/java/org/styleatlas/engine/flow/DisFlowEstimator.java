package org.styleatlas.engine.flow;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/**
 * Optical flow with OpenCV's DIS (through JavaCV) on the frames' luma, both directions. Small
 * frames are upsampled by {@link FlowConfig#upsampling} first; the flow is then area-averaged back
 * to the frame's pixels and divided by the factor.
 */
public final class DisFlowEstimator {
  private static final String TASK = "flow";

  private DisFlowEstimator() {}

  /** Flows of all consecutive pairs of {@code clip}, with consistency masks. */
  public static OpticalFlow estimate(Clip clip, FlowConfig config, ProgressSink progress) {
    int w = clip.width();
    int h = clip.height();
    int pairs = clip.frameCount() - 1;
    int k = config.upsampling(w, h);
    List<float[]> fwd = new ArrayList<>(pairs);
    List<float[]> bwd = new ArrayList<>(pairs);
    List<float[]> fwdMask = new ArrayList<>(pairs);
    List<float[]> bwdMask = new ArrayList<>(pairs);
    try (DISOpticalFlow dis = DISOpticalFlow.create(config.preset().opencv())) {
      Mat next = luma(clip.frame(0), k);
      for (int t = 0; t < pairs; t++) {
        try (Mat a = next) {
          next = luma(clip.frame(t + 1), k);
          float[] ab = calc(dis, a, next, w, h, k);
          float[] ba = calc(dis, next, a, w, h, k);
          fwd.add(ab);
          bwd.add(ba);
          fwdMask.add(FlowConsistency.mask(ab, ba, w, h, config.consistencyThreshold()));
          bwdMask.add(FlowConsistency.mask(ba, ab, w, h, config.consistencyThreshold()));
        }
        progress.update(TASK, t + 1L, pairs, "");
      }
      next.close();
    }
    return new OpticalFlow(w, h, fwd, bwd, fwdMask, bwdMask);
  }

  /**
   * Flow a → b of the (upsampled by k) luma planes, at the frame's {@code w}x{@code h}, in its
   * pixels.
   */
  private static float[] calc(DISOpticalFlow dis, Mat a, Mat b, int w, int h, int k) {
    try (Mat flow = new Mat();
        Mat small = new Mat();
        Size size = new Size(w, h)) {
      dis.calc(a, b, flow);
      Mat at = flow;
      if (k > 1) {
        resize(flow, small, size, 0, 0, INTER_AREA);
        at = small;
      }
      float[] out = new float[w * h * 2];
      FloatBuffer buf = at.createBuffer();
      buf.get(out);
      if (k > 1) {
        for (int i = 0; i < out.length; i++) {
          out[i] /= k;
        }
      }
      return out;
    }
  }

  /** 8-bit Rec. 601 luma of the frame's encoded RGB, bilinearly upsampled by k. */
  private static Mat luma(Frame f, int k) {
    float[] y = Luma.of(f);
    byte[] g = new byte[y.length];
    for (int p = 0; p < g.length; p++) {
      g[p] = (byte) Math.max(0, Math.min(255, Math.round(y[p] * 255)));
    }
    Mat m = new Mat(f.height(), f.width(), CV_8UC1);
    m.data().put(g);
    if (k == 1) {
      return m;
    }
    try (m;
        Size size = new Size(f.width() * k, f.height() * k)) {
      Mat big = new Mat();
      resize(m, big, size, 0, 0, INTER_LINEAR);
      return big;
    }
  }
}
