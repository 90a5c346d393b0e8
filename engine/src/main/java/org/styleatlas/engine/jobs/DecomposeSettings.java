package org.styleatlas.engine.jobs;

import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.params.EffectParam;

/**
 * The parameters that change a decomposition (and so the collection key of a clip).
 *
 * @param matteSource where the object's matte comes from: {@code clip}, {@code alpha} or {@code
 *     box}
 * @param box x0, y0, x1, y1 in normalised image coordinates, top-left origin; used when matteSource
 *     is box
 */
public record DecomposeSettings(String matteSource, List<Double> box) {
  public static final List<String> MATTE_SOURCES = EffectParam.MATTE_SOURCE.wireValues();
  public static final List<Double> FULL_FRAME = List.of(0.0, 0.0, 1.0, 1.0);

  public DecomposeSettings {
    matteSource = matteSource == null ? "clip" : matteSource;
    box = box == null ? FULL_FRAME : List.copyOf(box);
    EffectParam.MATTE_SOURCE.checkChoice("matteSource", matteSource);
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
  }

  public static DecomposeSettings defaults() {
    return new DecomposeSettings(null, null);
  }
}
