package org.styleatlas.engine.studio;

import org.styleatlas.engine.cache.FrameFingerprint;

/**
 * The one recipe of frame identity (docs/PROTOCOL.md, "How the engine recognises a clip"): the
 * {@link FrameFingerprint} (xxHash64) of the size, the float32 RGBA pixels as the wire carries them
 * (native byte order, top row first), the matte plane when there is one, and the matte source; a
 * match is confirmed by the content ({@code ClipStore#sameFrame}). The plug-in's frames and files
 * ({@link org.styleatlas.engine.pipeline.FileFrameHash}) are hashed alike, so a clip prepared on
 * the CLI is recognised from the plug-in's frames.
 */
public final class FrameHashes {
  private FrameHashes() {}

  /** The hash of a request's planes. */
  public static String of(FramePixels p, String matteSource) {
    return FrameFingerprint.of(p.width(), p.height(), p.image(), p.matte(), matteSource);
  }
}
