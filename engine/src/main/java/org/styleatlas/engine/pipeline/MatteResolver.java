package org.styleatlas.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Gives a clip the object matte its {@link DecomposeSettings#matteSource()} asks for, and drops the
 * frames' alpha: {@code clip} keeps the mattes that came with the clip (the plug-in's matte input,
 * a matte file, or a file source's alpha); {@code alpha} takes the frames' alpha channel; {@code
 * box} is 1 inside the settings' box and 0 outside. A clip that ends up without a usable matte is
 * an {@link InputException}.
 */
final class MatteResolver {
  private MatteResolver() {}

  /** The clip with RGB frames and one matte per frame. */
  static Clip resolve(Clip clip, DecomposeSettings settings) {
    List<Matte> mattes =
        switch (settings.matteSource()) {
          case "alpha" -> alpha(clip);
          case "box" -> box(clip, settings.box());
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
   * @param box x0, y0, x1, y1 in normalised image coordinates, top-left origin; a pixel is inside
   *     when its centre is
   */
  private static List<Matte> box(Clip clip, List<Double> box) {
    int w = clip.width();
    int h = clip.height();
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      double cy = (y + 0.5) / h;
      for (int x = 0; x < w; x++) {
        double cx = (x + 0.5) / w;
        boolean in = cx >= box.get(0) && cx <= box.get(2) && cy >= box.get(1) && cy <= box.get(3);
        v[y * w + x] = in ? 1f : 0f;
      }
    }
    Matte m = new Matte(w, h, v);
    if (m.coverage() == 0) {
      throw new InputException(
          "box: " + box + " covers no pixel centre of the " + w + "x" + h + " frames");
    }
    List<Matte> out = new ArrayList<>(clip.frameCount());
    for (int t = 0; t < clip.frameCount(); t++) {
      out.add(m);
    }
    return out;
  }
}
