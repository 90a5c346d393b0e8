package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.MediaInfo;

/**
 * What {@link Studio#probe} found out about a clip: from its files' headers for a folder; for a
 * video, its frames are decoded (not converted) and counted, so the count is the one {@code
 * decompose} reads (#19.8).
 *
 * @param name the source's name
 * @param frameCount frames in the clip
 * @param size {@code WIDTHxHEIGHT}
 * @param hasAlpha whether the frames carry alpha
 * @param fps frames per second (24 for image folders)
 * @param durationSeconds the clip's duration
 * @param matte where the matte comes from, and whether it fits
 */
public record ClipProbe(
    String name,
    int frameCount,
    String size,
    boolean hasAlpha,
    double fps,
    double durationSeconds,
    String matte) {

  /**
   * Probes {@code input} (empty: the embedded demo clip) and its matte; a matte that does not fit
   * is bad input.
   */
  static ClipProbe of(Optional<Path> input, Optional<Path> matte) {
    if (input.isEmpty()) {
      Clip clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()).clip();
      MediaInfo info = MediaInfo.of("embedded demo clip", clip);
      return of(
          info,
          clip.hasMatte() ? "exact, from the generator (" + framesAndSize(info) + ")" : none());
    }
    MediaInfo info = MediaInfo.probe(input.get());
    if (matte.isPresent()) {
      MediaInfo matteInfo = MediaInfo.probe(matte.get());
      info.requireMatteFits(matte.get(), matteInfo);
      return of(info, matte.get() + ", matches (" + framesAndSize(matteInfo) + ")");
    }
    return of(info, info.hasAlpha() ? "the source's alpha channel" : none());
  }

  private static ClipProbe of(MediaInfo info, String matte) {
    return new ClipProbe(
        info.name(),
        info.frameCount(),
        info.size().toString(),
        info.hasAlpha(),
        info.fps(),
        info.durationSeconds(),
        matte);
  }

  private static String framesAndSize(MediaInfo info) {
    return info.frameCount() + " frames at " + info.size();
  }

  private static String none() {
    return "none (give --matte, or a source with alpha)";
  }
}
