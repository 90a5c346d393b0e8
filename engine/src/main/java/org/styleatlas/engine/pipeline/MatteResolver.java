package org.styleatlas.engine.pipeline;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.flow.matte.BoxSeed;
import org.styleatlas.engine.flow.matte.ObjectSegmenter;
import org.styleatlas.engine.flow.matte.Segmenters;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Gives a clip the object matte its {@link DecomposeSettings#matteSource()} asks for, and drops the
 * frames' alpha: {@code clip} keeps the mattes that came with the clip (the plug-in's matte input,
 * a matte file, or a file source's alpha); {@code alpha} takes the frames' alpha channel; {@code
 * box} segments the object from the settings' box on its frame. A clip that ends up without a
 * usable matte is an {@link InputException}.
 */
final class MatteResolver {
  private static final Logger LOG = LoggerFactory.getLogger(MatteResolver.class);

  private MatteResolver() {}

  /** The clip with RGB frames and one matte per frame. */
  static Clip resolve(Clip clip, DecomposeSettings settings) {
    List<Matte> mattes =
        switch (settings.matteSource()) {
          case "alpha" -> alpha(clip);
          case "box" -> box(clip, settings);
          default ->
              clip.mattes()
                  .orElseThrow(
                      () ->
                          new InputException(
                              clip.name()
                                  + ": no matte. The decomposition"
                                  + " needs the object's matte: connect the plug-in's Matte input (or give the job a matte file), or set"
                                  + " matteSource to 'alpha' (the source's alpha channel) or 'box' (a rectangle around the object)"));
        };
    return Clip.of(clip.name(), clip.fps(), clip.frames().stream().map(Frame::rgb).toList())
        .withMattes(mattes);
  }

  private static List<Matte> alpha(Clip clip) {
    if (!clip.frame(0).hasAlpha()) {
      throw new InputException(
          clip.name() + ": matteSource is 'alpha' but the frames have no alpha channel");
    }
    List<Matte> out = clip.frames().stream().map(Frame::alpha).toList();
    if (out.stream().allMatch(m -> m.coverage() == 1.0)) {
      throw new InputException(
          clip.name()
              + ": matteSource is 'alpha' but alpha is opaque everywhere, so it does"
              + " not mark the object; give a source with a keyed alpha, a matte, or use 'box'");
    }
    return out;
  }

  /**
   * The object's matte on every frame, segmented from the settings' box ({@link Segmenters}: a
   * learned segmenter when a model file is installed, else GrabCut tracked along the optical flow).
   */
  private static List<Matte> box(Clip clip, DecomposeSettings settings) {
    List<Double> b = settings.box();
    BoxSeed seed =
        BoxSeed.normalised(
                b.get(0),
                b.get(1),
                b.get(2),
                b.get(3),
                clip.width(),
                clip.height(),
                settings.boxFrame())
            .checkedAgainst(clip.width(), clip.height(), clip.frameCount());
    ObjectSegmenter segmenter = Segmenters.installed();
    long t0 = System.nanoTime();
    List<Matte> mattes = segmenter.segment(clip, seed, ProgressSink.NONE);
    LOG.info(
        "{}: box matte ({}) from {} on {} frames of {}x{} in {} ms",
        clip.name(),
        segmenter.name(),
        seed,
        clip.frameCount(),
        clip.width(),
        clip.height(),
        (System.nanoTime() - t0) / 1_000_000);
    return mattes;
  }
}
