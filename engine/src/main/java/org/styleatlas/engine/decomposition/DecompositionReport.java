package org.styleatlas.engine.decomposition;

import java.util.List;

/**
 * What a decomposition achieved, stored as {@code decomposition.json} next to its outputs.
 *
 * @param clip the clip's name
 * @param width working width
 * @param height working height
 * @param frames number of frames
 * @param mode "fast" or "faithful"
 * @param iterations main-phase iterations done
 * @param psnr reconstruction PSNR per frame in dB (against the working-resolution frames)
 * @param meanPsnr mean of {@code psnr}
 * @param frameQuality per frame: PSNR inside and outside the matte and α-vs-matte IoU (null in
 *     reports written before they were measured)
 * @param quality the frames' summary: worst frame, mean inside/outside PSNR, lowest IoU (null
 *     likewise)
 * @param lossCurve the total and terms every few steps
 * @param flowSeconds optical flow time (0 when cached)
 * @param trainSeconds training time, pre-training included
 * @param evaluateSeconds time to evaluate the maps, atlases and PSNR
 * @param foregroundAtlas the foreground texture
 * @param backgroundAtlas the background texture
 * @param opacity {@link #OPACITY_MATTE} when the α map and every render use the given matte as the
 *     opacity, {@link #OPACITY_LEARNED} (or null, in earlier reports) when they use M_α
 */
public record DecompositionReport(
    String clip,
    int width,
    int height,
    int frames,
    String mode,
    int iterations,
    List<Double> psnr,
    double meanPsnr,
    List<FrameQuality> frameQuality,
    ClipQuality quality,
    List<CurvePoint> lossCurve,
    double flowSeconds,
    double trainSeconds,
    double evaluateSeconds,
    AtlasImageLayout foregroundAtlas,
    AtlasImageLayout backgroundAtlas,
    String opacity) {

  /** {@link #opacity()} when the given matte is the rendered opacity. */
  public static final String OPACITY_MATTE = "matte";

  /** {@link #opacity()} when M_α is the rendered opacity. */
  public static final String OPACITY_LEARNED = "learned";

  /**
   * One point of the loss curve.
   *
   * @param iteration main-phase iteration
   * @param seconds training seconds so far
   * @param total total loss
   * @param terms weighted terms by name, in a fixed order
   */
  public record CurvePoint(
      int iteration,
      double seconds,
      double total,
      List<org.styleatlas.engine.decomposition.train.TermValue> terms) {}
}
