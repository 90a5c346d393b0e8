package org.styleatlas.engine.render;

import java.util.List;

/**
 * Every frame's {@link FrameLayerMaps} of a clip at one resolution, as per-frame arrays that may
 * live on disk: the lists are neither copied nor read here, so a list that reads element t on
 * {@code get(t)} (e.g. {@code flow.Float32Files.readLazily}) keeps only the frames in use in
 * memory.
 *
 * @param width pixels per row
 * @param height rows
 * @param foregroundUv per frame, {@code [height, width, 2]} float32
 * @param backgroundUv per frame, {@code [height, width, 2]} float32
 * @param alpha per frame, {@code [height, width]} float32
 */
public record LayerMapFrames(
    int width,
    int height,
    List<float[]> foregroundUv,
    List<float[]> backgroundUv,
    List<float[]> alpha) {

  public LayerMapFrames {
    if (foregroundUv.size() != alpha.size() || backgroundUv.size() != alpha.size()) {
      throw new IllegalArgumentException(
          "layer maps disagree on the frame count: "
              + foregroundUv.size()
              + "/"
              + backgroundUv.size()
              + "/"
              + alpha.size());
    }
  }

  /** Number of frames. */
  public int frameCount() {
    return alpha.size();
  }

  /** The maps of frame {@code t} (read from disk now when the lists are lazy). */
  public FrameLayerMaps frame(int t) {
    return new FrameLayerMaps(
        width, height, foregroundUv.get(t), backgroundUv.get(t), alpha.get(t));
  }
}
