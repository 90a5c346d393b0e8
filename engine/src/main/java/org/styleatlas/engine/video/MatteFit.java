package org.styleatlas.engine.video;

import java.nio.file.Path;
import org.styleatlas.engine.InputException;

/** The check that a matte fits its clip: one matte frame per clip frame, at the clip's size. */
public final class MatteFit {

  private MatteFit() {}

  /**
   * Fails with an {@link InputException} naming the matte when its frame count or its size (both as
   * found in the files, before any resizing) differ from the clip's.
   */
  public static void require(
      Path matte,
      int matteFrames,
      FrameSize matteSize,
      Path clip,
      int clipFrames,
      FrameSize clipSize) {
    if (matteFrames != clipFrames) {
      throw InputException.of(
          matte,
          String.format(
              "matte has %d frames but the clip %s has %d", matteFrames, clip, clipFrames));
    }
    if (!matteSize.equals(clipSize)) {
      throw InputException.of(
          matte, String.format("matte is %s but the clip %s is %s", matteSize, clip, clipSize));
    }
  }
}
