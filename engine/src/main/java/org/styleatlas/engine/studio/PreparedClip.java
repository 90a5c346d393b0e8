package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.SourceFrames;

/**
 * A clip the studio recognised and decomposed: what a caller stylizes and renders. Closing it frees
 * the decomposition's networks.
 *
 * @param clip the recognised clip (its id is what the plug-in's frames are matched against), or
 *     null for the embedded demo clip
 * @param decomposition the decomposition's address, or null for the demo clip (its decomposition is
 *     exact)
 * @param scene the decomposed scene, at the working resolution
 * @param working the clip at the working resolution with its mattes, or null for the demo clip
 * @param source the clip's frames on disk (a folder or a video file), or null for the demo clip
 */
public record PreparedClip(
    ClipRecord clip, CacheKey decomposition, EditableScene scene, Clip working, Path source)
    implements AutoCloseable {

  /** The embedded demo clip with its exact decomposition. */
  static PreparedClip demo(EditableScene scene) {
    return new PreparedClip(null, null, scene, null, null);
  }

  /**
   * The frames a render composites over, open until closed: the source's own pixels at its size (so
   * a pixel the object does not touch comes out as decoded, bit for bit, at the source's size), or
   * the scene's frames for the demo clip.
   */
  /**
   * Renders every frame with {@code atlases} (frame index → atlases) over {@link #originals()} to
   * {@code out} ({@link RenderJob#write}; call {@link RenderJob#check} first).
   *
   * @return wall-clock seconds spent rendering and writing
   */
  double render(
      IntFunction<AtlasSet> atlases, RenderSettings settings, Path out, ProgressSink progress)
      throws IOException {
    try (Originals originals = originals()) {
      return RenderJob.write(
          new ClipRenderer(scene.maps(), atlases), originals, settings, scene.fps(), out, progress);
    }
  }

  private Originals originals() {
    return new Originals(scene::frame, source == null ? null : SourceFrames.open(source));
  }

  /** The frames to composite over; closing it releases the source's decoder. */
  private static final class Originals implements IntFunction<Frame>, AutoCloseable {
    private final IntFunction<Frame> scene;
    private final SourceFrames source;

    private Originals(IntFunction<Frame> scene, SourceFrames source) {
      this.scene = scene;
      this.source = source;
    }

    @Override
    public Frame apply(int t) {
      return source != null ? source.apply(t) : scene.apply(t);
    }

    @Override
    public void close() {
      if (source != null) {
        source.close();
      }
    }
  }

  @Override
  public void close() {
    scene.close();
  }
}
