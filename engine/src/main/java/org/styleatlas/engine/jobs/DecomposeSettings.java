package org.styleatlas.engine.jobs;

import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.studio.params.EffectParam;

/**
 * The parameters that change a decomposition (and so the collection key of a clip).
 *
 * @param matteSource where the object's matte comes from: {@code clip}, {@code alpha} or {@code
 *     box}
 * @param box x0, y0, x1, y1 in normalised image coordinates, top-left origin; used when matteSource
 *     is box: the object's box on frame {@code boxFrame}, from which the matte of every frame is
 *     segmented; with any other matte source it is ignored and held as {@link #FULL_FRAME}
 * @param boxFrame the frame (0-based) the box is drawn on; ≥ 0; 0 with another matte source
 */
public record DecomposeSettings(String matteSource, List<Double> box, int boxFrame) {
  public static final List<String> MATTE_SOURCES = EffectParam.MATTE_SOURCE.wireValues();
  public static final List<Double> FULL_FRAME = List.of(0.0, 0.0, 1.0, 1.0);

  /**
   * What a box matte is: the object segmented from the box, tracked along the flow (#18.3). Its
   * number changes with every change to the segmentation's results, so decompositions trained on an
   * older segmentation are not reused (2: new parts, background model refitted per frame, temporal
   * vote).
   */
  static final String BOX_MATTE = "box-matte:segmented-2";

  public DecomposeSettings {
    matteSource = matteSource == null ? "clip" : matteSource;
    EffectParam.MATTE_SOURCE.checkChoice("matteSource", matteSource);
    if (!"box".equals(matteSource)) {
      // unused without a box matte: a box left set in the plug-in must not split the clip or its
      // decomposition from the same frames with the same matte
      box = null;
      boxFrame = 0;
    }
    box = box == null ? FULL_FRAME : List.copyOf(box);
    if (box.size() != 4) {
      throw new InputException("box: must hold 4 numbers x0, y0, x1, y1, got " + box.size());
    }
    for (Double v : box) {
      if (v == null || !(v >= 0 && v <= 1)) {
        throw new InputException("box: every value must lie in [0, 1], got " + box);
      }
    }
    if (box.get(0) >= box.get(2) || box.get(1) >= box.get(3)) {
      throw new InputException("box: needs x0 < x1 and y0 < y1, got " + box);
    }
    if (boxFrame < 0) {
      throw new InputException("box: the box's frame must be 0 or more, got " + boxFrame);
    }
  }

  /** The box drawn on frame 0 (the plug-in's default Box frame). */
  public DecomposeSettings(String matteSource, List<Double> box) {
    this(matteSource, box, 0);
  }

  /**
   * Adds these settings to a cache address: the matte source and box, and for a box matte its frame
   * and {@link #BOX_MATTE}, so decompositions made from the older static rectangle are not reused.
   */
  public ContentHasher putInto(ContentHasher h) {
    h.putString(matteSource);
    box.forEach(h::putDouble);
    if (fromBox()) {
      h.putString(BOX_MATTE).putLong(boxFrame);
    }
    return h;
  }

  /** True when the matte is segmented from the box (an estimate), not given by the editor. */
  public boolean fromBox() {
    return "box".equals(matteSource);
  }

  public static DecomposeSettings defaults() {
    return new DecomposeSettings(null, null);
  }
}
