package org.styleatlas.engine.stylize;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/** Opens the decomposed scene the CLI and the host stylize: the embedded demo clip, or a decomposed clip file. */
public final class Scenes {
  /** Foreground atlas side of the embedded demo clip's exact decomposition. */
  public static final int DEMO_ATLAS_SIZE = 256;

  private Scenes() {}

  /** The embedded demo clip with its exact decomposition (no training needed). */
  public static SyntheticScene demo() {
    return new SyntheticScene(SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()), DEMO_ATLAS_SIZE);
  }

  /**
   * The scene of a clip file, decomposed through the cache (a second call with the same clip and settings
   * reuses the decomposition).
   *
   * @param input a folder of frames or a video file; empty for the embedded demo clip
   * @param matte the object's matte, when not in the source's alpha
   */
  public static EditableScene open(Optional<Path> input, Optional<Path> matte, ContentCache cache,
      ProgressSink progress) {
    if (input.isEmpty()) {
      return demo();
    }
    throw new UnsupportedOperationException("decomposing " + input.get()
        + " needs the decomposition module, which this build does not include yet; run without INPUT for the"
        + " embedded demo clip");
  }
}
