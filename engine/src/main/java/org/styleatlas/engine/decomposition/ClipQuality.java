package org.styleatlas.engine.decomposition;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A clip's reconstruction quality summarised over its frames ({@link FrameQuality}): means, the
 * worst frame and the lowest coverage.
 *
 * @param meanPsnr mean of the frames' PSNR, dB
 * @param worstFrame index of the frame with the lowest PSNR
 * @param worstPsnr that frame's PSNR, dB
 * @param meanPsnrInside mean inside-matte PSNR over the frames that have one, dB; null without a
 *     matte
 * @param meanPsnrOutside mean outside-matte PSNR, dB; null without a matte
 * @param worstPsnrInside lowest inside-matte PSNR, dB; null without a matte
 * @param meanAlphaIou mean α-vs-matte IoU; null without a matte
 * @param minAlphaIou lowest α-vs-matte IoU of any frame; null without a matte
 * @param minLearnedAlphaIou lowest IoU of M_α when the rendered opacity is the given matte; null
 *     otherwise
 * @param meanPsnrAtlasOnly mean PSNR of the reconstruction without the background colour residual
 *     (atlases only), dB; null when the model has none ({@code meanPsnr} includes it)
 * @param meanPsnrOutsideAtlasOnly the same outside the matte; null without a residual or a matte
 */
public record ClipQuality(
    double meanPsnr,
    int worstFrame,
    double worstPsnr,
    Double meanPsnrInside,
    Double meanPsnrOutside,
    Double worstPsnrInside,
    Double meanAlphaIou,
    Double minAlphaIou,
    Double minLearnedAlphaIou,
    Double meanPsnrAtlasOnly,
    Double meanPsnrOutsideAtlasOnly) {

  /** The summary of {@code frames} (at least one). */
  public static ClipQuality of(List<FrameQuality> frames) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no frames to summarise");
    }
    FrameQuality worst = frames.get(0);
    double sum = 0;
    for (FrameQuality f : frames) {
      sum += f.psnr();
      if (f.psnr() < worst.psnr()) {
        worst = f;
      }
    }
    return new ClipQuality(
        sum / frames.size(),
        worst.frame(),
        worst.psnr(),
        mean(frames, FrameQuality::psnrInside),
        mean(frames, FrameQuality::psnrOutside),
        min(frames, FrameQuality::psnrInside),
        mean(frames, FrameQuality::alphaIou),
        min(frames, FrameQuality::alphaIou),
        min(frames, FrameQuality::learnedAlphaIou),
        mean(frames, FrameQuality::psnrAtlasOnly),
        mean(frames, FrameQuality::psnrOutsideAtlasOnly));
  }

  private static Double mean(List<FrameQuality> frames, Function<FrameQuality, Double> value) {
    double[] v = present(frames, value);
    return v.length == 0 ? null : Arrays.stream(v).average().orElseThrow();
  }

  private static Double min(List<FrameQuality> frames, Function<FrameQuality, Double> value) {
    double[] v = present(frames, value);
    return v.length == 0 ? null : Arrays.stream(v).min().orElseThrow();
  }

  private static double[] present(List<FrameQuality> frames, Function<FrameQuality, Double> value) {
    return frames.stream()
        .map(value)
        .filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue)
        .toArray();
  }
}
