package org.styleatlas.engine.flow.matte;

import java.util.List;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Matte;

/**
 * Turns a box around the object on one frame into the object's matte on every frame. {@link
 * GrabCutTracker} needs no model; a learned segmenter (a model file the user installs, like CLIP
 * models) is another implementation, found by {@link Segmenters}.
 */
public interface ObjectSegmenter {

  /** A short name for logs and benchmark tables, e.g. {@code grabcut-flow}. */
  String name();

  /**
   * @param clip the clip at the size the mattes are wanted (RGB or RGBA frames)
   * @param seed the box, in pixels of {@code clip}'s frames
   * @return one matte per frame, {@code clip}'s size, values in [0, 1]
   */
  List<Matte> segment(Clip clip, BoxSeed seed, ProgressSink progress);
}
