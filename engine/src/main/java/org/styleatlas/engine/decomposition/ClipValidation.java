package org.styleatlas.engine.decomposition;

import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Checks a decomposition's input and builds its clip; every problem is an {@link InputException}.
 */
public final class ClipValidation {
  private ClipValidation() {}

  /**
   * A clip of {@code frames} and {@code mattes} fit to decompose.
   *
   * @param name the input's name, used in messages
   * @throws InputException when there are no frames, frames differ in size, a matte's count or size
   *     does not match, a frame is smaller than 4x4, or a pixel or matte value is NaN or infinite
   */
  public static Clip check(
      String name, double fps, List<Frame> frames, Optional<List<Matte>> mattes) {
    if (frames == null || frames.isEmpty()) {
      throw new InputException(name + ": the clip has no frames");
    }
    Frame first = frames.get(0);
    if (first.width() < 4 || first.height() < 4) {
      throw new InputException(
          name
              + ": frames of "
              + first.width()
              + "x"
              + first.height()
              + " are too small to decompose (at least 4x4)");
    }
    for (int t = 0; t < frames.size(); t++) {
      Frame f = frames.get(t);
      if (f.width() != first.width() || f.height() != first.height()) {
        throw new InputException(
            String.format(
                "%s: frame %d is %dx%d but frame 0 is %dx%d",
                name, t, f.width(), f.height(), first.width(), first.height()));
      }
      int bad = f.firstNonFinite();
      if (bad >= 0) {
        int p = bad / f.channels();
        throw new InputException(
            String.format(
                "%s: frame %d has a NaN or infinite value at pixel (%d, %d)",
                name, t, p % f.width(), p / f.width()));
      }
    }
    if (mattes.isPresent()) {
      checkMattes(name, frames, mattes.get());
    }
    return new Clip(name, fps, frames, mattes);
  }

  /** Checks a clip built elsewhere (its sizes are consistent already; values may not be). */
  public static Clip check(Clip clip) {
    return check(clip.name(), clip.fps(), clip.frames(), clip.mattes());
  }

  private static void checkMattes(String name, List<Frame> frames, List<Matte> mattes) {
    if (mattes.size() != frames.size()) {
      throw new InputException(
          String.format(
              "%s: the matte has %d frames but the clip has %d",
              name, mattes.size(), frames.size()));
    }
    Frame first = frames.get(0);
    for (int t = 0; t < mattes.size(); t++) {
      Matte m = mattes.get(t);
      if (m.width() != first.width() || m.height() != first.height()) {
        throw new InputException(
            String.format(
                "%s: matte frame %d is %dx%d but the clip is %dx%d",
                name, t, m.width(), m.height(), first.width(), first.height()));
      }
      for (float v : m.values()) {
        if (!Float.isFinite(v)) {
          throw new InputException(name + ": matte frame " + t + " has a NaN or infinite value");
        }
      }
    }
  }
}
