package org.styleatlas.engine.stylize.scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

/**
 * Opens the decomposed scene the CLI and the host stylize: the embedded demo clip, or a decomposed
 * clip file.
 */
public final class Scenes {
  /** Foreground atlas side of the embedded demo clip's exact decomposition. */
  public static final int DEMO_ATLAS_SIZE = 256;

  /** Memory bound of the resampled frames a CLI scene keeps (a render reads each frame once). */
  public static final long RENDER_MEMORY_BYTES = 256L << 20;

  private Scenes() {}

  /** The embedded demo clip with its exact decomposition (no training needed). */
  public static SyntheticScene demo() {
    return new SyntheticScene(
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()), DEMO_ATLAS_SIZE);
  }

  /**
   * The scene of a clip file, decomposed through the cache (a second call with the same clip and
   * settings reuses the decomposition, so a new prompt never decomposes again); its maps at other
   * output sizes are kept there too ({@link MapStore}).
   *
   * @param input a folder of frames or a video file; empty for the embedded demo clip
   * @param matte the object's matte, when not in the source's alpha
   * @param longEdge working resolution: the clip's longer side in pixels (0 keeps the source size)
   * @param decomposition the decomposition settings
   */
  public static EditableScene open(
      Optional<Path> input,
      Optional<Path> matte,
      int longEdge,
      DecompositionConfig decomposition,
      ContentCache cache,
      ProgressSink progress)
      throws IOException {
    return open(input, matte, longEdge, decomposition, cache, progress, Cancellation.none());
  }

  /**
   * {@link #open(Optional, Optional, int, DecompositionConfig, ContentCache, ProgressSink)}, with a
   * decomposition that stops between two steps when {@code cancellation} is set (keeping its
   * checkpoint, see {@link DecompositionJob#run()}).
   *
   * @throws java.util.concurrent.CancellationException when cancelled during the decomposition
   */
  public static EditableScene open(
      Optional<Path> input,
      Optional<Path> matte,
      int longEdge,
      DecompositionConfig decomposition,
      ContentCache cache,
      ProgressSink progress,
      Cancellation cancellation)
      throws IOException {
    if (input.isEmpty()) {
      return demo();
    }
    Clip clip = ClipReader.read(new ClipRequest(input.get(), matte, longEdge));
    if (!clip.hasMatte()) {
      throw InputException.of(
          input.get(),
          "no matte: give --matte (a folder of PNG masks or a matte video) or a"
              + " source with alpha");
    }
    Decomposition d =
        DecompositionJob.builder()
            .setClip(clip)
            .setConfig(decomposition)
            .optCache(cache)
            .optProgress(progress)
            .optCancellation(cancellation)
            .build()
            .run();
    return new DecompositionScene(
        d, clip, progress, new MapStore(Optional.of(cache), RENDER_MEMORY_BYTES));
  }
}
