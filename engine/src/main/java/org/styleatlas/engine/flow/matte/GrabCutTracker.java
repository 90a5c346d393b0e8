package org.styleatlas.engine.flow.matte;

import static org.bytedeco.opencv.global.opencv_imgproc.GC_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_FGD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.flow.DisFlowEstimator;
import org.styleatlas.engine.flow.FlowConfig;
import org.styleatlas.engine.flow.OpticalFlow;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The box matte without a model.
 *
 * <ol>
 *   <li>On the box's frame, GrabCut (OpenCV) separates the object inside the box from the
 *       background around it, helped by the motion cue ({@link BackgroundMotion}): inside the box,
 *       pixels that move with the background start as probable background, the others as probable
 *       object. The object's colour mixture it fits is kept for every other frame, so it cannot
 *       drift towards the background; the background's is fitted again on every frame to the pixels
 *       beyond the undecided ones, as the camera brings in new scenery.
 *   <li>Then, frame by frame in both directions, the previous matte is carried along the optical
 *       flow (DIS) and seeds the next frame's graph cut: its eroded core (and the centre of its
 *       thin parts) is certain object, the rest of it, a narrow band around it and the pixels near
 *       it that move on their own (new parts of the object in view) undecided, everything beyond
 *       certain background. So the box follows the object.
 *   <li>Each result keeps its largest components, with their holes filled.
 *   <li>Last, each frame's matte is voted on with its neighbours' carried along the flow ({@link
 *       TemporalVote}).
 * </ol>
 *
 * <p>Measured on DAVIS at 384 px (docs/BENCHMARKS.md, "Box matte"): mean IoU 0.90 on blackswan,
 * 0.86 on car-roundabout (what it still gets wrong there is mostly the car's shadow).
 */
public final class GrabCutTracker implements ObjectSegmenter {
  private static final Logger LOG = LoggerFactory.getLogger(GrabCutTracker.class);
  private static final String TASK = "matte";

  /**
   * Pixels around the box left out of the background's motion fit. Small on purpose: a wider ring
   * left too little background on a frame whose box spans most of its height (blackswan with the
   * box padded by 8 px at 384 px: IoU 0.51 instead of 0.92 on the box's frame).
   */
  private static final int FIT_GAP = 4;

  private final TrackerConfig config;

  public GrabCutTracker(TrackerConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "grabcut-flow";
  }

  @Override
  public List<Matte> segment(Clip clip, BoxSeed seed, ProgressSink progress) {
    int w = clip.width();
    int h = clip.height();
    int n = clip.frameCount();
    seed.checkedAgainst(w, h, n);
    Clip rgb = Clip.of(clip.name(), clip.fps(), clip.frames().stream().map(Frame::rgb).toList());
    OpticalFlow flow =
        n > 1 ? DisFlowEstimator.estimate(rgb, FlowConfig.defaults(), progress) : null;
    Mask[] out = new Mask[n];
    double[][] models = new double[2][0];
    int k = seed.frame();
    out[k] =
        first(rgb.frame(k), seed.pixels(), flow == null ? null : neighbourFlow(flow, k), models);
    int done = 1;
    progress.update(TASK, done, n, "");
    for (int t = k + 1; t < n; t++) {
      out[t] =
          track(
              rgb.frame(t),
              FlowWarp.warp(out[t - 1], flow.backward().get(t - 1)),
              flow.backward().get(t - 1),
              models);
      progress.update(TASK, ++done, n, "");
    }
    for (int t = k - 1; t >= 0; t--) {
      out[t] =
          track(
              rgb.frame(t),
              FlowWarp.warp(out[t + 1], flow.forward().get(t)),
              flow.forward().get(t),
              models);
      progress.update(TASK, ++done, n, "");
    }
    if (config.vote() && flow != null) {
      out = TemporalVote.vote(out, flow, config.keep());
    }
    List<Matte> mattes = new ArrayList<>(n);
    for (Mask m : out) {
      mattes.add(m.toMatte());
    }
    return mattes;
  }

  /** The flow from frame k to a neighbour (the next one, or the previous for the last frame). */
  private static float[] neighbourFlow(OpticalFlow flow, int k) {
    return k < flow.forward().size() ? flow.forward().get(k) : flow.backward().get(k - 1);
  }

  /**
   * The object inside {@code box} on the box's frame.
   *
   * @param flow {@code [h·w·2]} from this frame to a neighbour, or null for a single frame
   * @param models receives the colour mixtures GrabCut fitted ({@code [2][65]})
   */
  private Mask first(Frame frame, PixelBox box, float[] flow, double[][] models) {
    int w = frame.width();
    int h = frame.height();
    Mask inBox = Mask.of(box, w, h);
    Optional<Mask> moving =
        flow == null
            ? Optional.empty()
            : BackgroundMotion.moving(flow, inBox.dilated(FIT_GAP), config.motionPx());
    int movingInBox = moving.map(m -> m.intersection(inBox).area()).orElse(0);
    boolean useMotion = movingInBox > 0.1 * inBox.area();
    LOG.debug("box {}: {} of {} pixels move on their own", box, movingInBox, inBox.area());
    byte[] labels = new byte[w * h];
    Arrays.fill(labels, (byte) GC_BGD);
    for (int y = box.y0(); y < box.y1(); y++) {
      for (int x = box.x0(); x < box.x1(); x++) {
        boolean fg = !useMotion || moving.get().get(x, y);
        labels[y * w + x] = (byte) (fg ? GC_PR_FGD : GC_PR_BGD);
      }
    }
    PixelBox crop = box.grown(margin(box), w, h);
    Mask cut =
        GrabCut.cut(GrabCut.bytes(frame), labels, w, h, crop, config.seedIterations(), models);
    Mask clean = cut.cleaned(config.keep());
    return clean.area() == 0 ? inBox : clean;
  }

  /**
   * The object on a frame, from the previous frame's mask carried here by the flow; an empty mask
   * stays empty (the object left the frame).
   *
   * @param flow {@code [h·w·2]} from this frame to the frame the mask was carried from
   * @param models the colour mixtures of the box's frame ({@code [2][65]}: background, object)
   */
  private Mask track(Frame frame, Mask warped, float[] flow, double[][] models) {
    int w = frame.width();
    int h = frame.height();
    Optional<PixelBox> bounds = warped.bounds();
    if (bounds.isEmpty()) {
      return warped;
    }
    PixelBox b = bounds.get();
    int larger = Math.max(b.width(), b.height());
    int band = Math.max(2, (int) Math.round(config.band() * larger));
    int core = Math.max(1, (int) Math.round(config.core() * Math.min(b.width(), b.height())));
    Mask bulk = warped.eroded(core);
    Mask thin =
        config.thinCore() > 0
            ? warped
                .eroded(config.thinCore())
                .minus(bulk.dilated((int) Math.round(config.thinGap() * core) + 2))
            : Mask.empty(w, h);
    Mask sure = bulk.union(thin);
    int reach = config.reach() > 0 ? Math.max(band, (int) Math.round(config.reach() * larger)) : 0;
    Mask near = warped.dilated(band).union(newParts(flow, warped, reach, config.motionPx()));
    byte[] rgb = GrabCut.bytes(frame);
    byte[] labels = new byte[w * h];
    for (int p = 0; p < labels.length; p++) {
      int l = GC_BGD;
      if (sure.bits()[p] != 0) {
        l = GC_FGD;
      } else if (warped.bits()[p] != 0) {
        l = GC_PR_FGD;
      } else if (near.bits()[p] != 0) {
        l = GC_PR_BGD;
      }
      labels[p] = (byte) l;
    }
    PixelBox crop = near.bounds().orElseThrow().grown(margin(b), w, h);
    double[][] used =
        config.freshBackground() ? withFreshBackground(rgb, near, crop, models) : models;
    Mask cut = GrabCut.cut(rgb, labels, w, h, crop, 1, used);
    Mask clean = cut.cleaned(config.keep());
    return clean.area() == 0 ? warped : clean;
  }

  /**
   * Pixels within {@code reach} pixels of the warped matte that move on their own: where a part of
   * the object comes into view (a car turning shows its back) or its flow lagged, the graph cut may
   * take them; the background there moves with the camera and stays out.
   *
   * @param flow {@code [h·w·2]} from this frame to a neighbour
   * @param reach pixels; 0: none
   * @param motionPx as {@link TrackerConfig#motionPx()}
   */
  static Mask newParts(float[] flow, Mask warped, int reach, double motionPx) {
    if (reach <= 0) {
      return Mask.empty(warped.width(), warped.height());
    }
    Mask near = warped.dilated(reach);
    return BackgroundMotion.moving(flow, near.union(warped.dilated(FIT_GAP)), motionPx)
        .map(m -> m.intersection(near))
        .orElse(Mask.empty(warped.width(), warped.height()));
  }

  /**
   * The box frame's object mixture with a background mixture fitted to this frame's pixels of
   * {@code crop} outside {@code undecided}: the camera brings in scenery the box's frame did not
   * show (a red barrier, another car), and the object's own colours stay those of the box's frame.
   */
  static double[][] withFreshBackground(
      byte[] rgb, Mask undecided, PixelBox crop, double[][] models) {
    byte[] labels = new byte[rgb.length / 3];
    for (int p = 0; p < labels.length; p++) {
      labels[p] = (byte) (undecided.bits()[p] != 0 ? GC_PR_FGD : GC_BGD);
    }
    double[][] fresh = new double[2][0];
    GrabCut.learn(rgb, labels, undecided.width(), undecided.height(), crop, fresh);
    return fresh[0].length == 0 ? models : new double[][] {fresh[0], models[1]};
  }

  /** The ring of background around a box GrabCut sees: half the box's larger side, ≥ 16 px. */
  private static int margin(PixelBox b) {
    return Math.max(16, Math.max(b.width(), b.height()) / 2);
  }
}
