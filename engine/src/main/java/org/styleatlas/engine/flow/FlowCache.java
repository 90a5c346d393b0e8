package org.styleatlas.engine.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.VideoHashing;

/** Flows cached under the hash of the clip's frames and the flow settings. */
public final class FlowCache {
  /** Cache kind of flow entries. */
  public static final String KIND = "flow";

  private static final String FORWARD = "forward.f32";
  private static final String BACKWARD = "backward.f32";
  private static final String FORWARD_MASK = "forward-mask.f32";
  private static final String BACKWARD_MASK = "backward-mask.f32";

  private FlowCache() {}

  /** The key of the flow of {@code clip} with {@code config}. */
  public static CacheKey key(Clip clip, FlowConfig config) {
    ContentHasher h = new ContentHasher().putString("flow-v1").putString(config.toString());
    h.putLong(clip.frameCount());
    clip.frames().forEach(f -> VideoHashing.putFrame(h, f));
    return h.key(KIND);
  }

  /** The cached flow of {@code clip}, computed and stored first if needed. */
  public static OpticalFlow getOrCompute(
      ContentCache cache, Clip clip, FlowConfig config, ProgressSink progress) {
    try {
      CacheEntry entry =
          cache.getOrCreate(
              key(clip, config),
              dir -> {
                OpticalFlow flow = DisFlowEstimator.estimate(clip, config, progress);
                Float32Files.write(dir.resolve(FORWARD), flow.forward());
                Float32Files.write(dir.resolve(BACKWARD), flow.backward());
                Float32Files.write(dir.resolve(FORWARD_MASK), flow.forwardMask());
                Float32Files.write(dir.resolve(BACKWARD_MASK), flow.backwardMask());
              });
      return new OpticalFlow(
          clip.width(),
          clip.height(),
          Float32Files.read(entry.file(FORWARD)),
          Float32Files.read(entry.file(BACKWARD)),
          Float32Files.read(entry.file(FORWARD_MASK)),
          Float32Files.read(entry.file(BACKWARD_MASK)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot cache the optical flow of " + clip.name() + ": " + e.getMessage(), e);
    }
  }
}
