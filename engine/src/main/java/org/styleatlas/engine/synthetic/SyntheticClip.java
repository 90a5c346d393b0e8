package org.styleatlas.engine.synthetic;

import java.util.List;
import org.styleatlas.engine.video.Clip;

/**
 * A generated clip with its exact ground truth.
 *
 * @param clip the frames (RGB, sRGB-encoded [0, 1]) and their exact mattes
 * @param poses per frame, the object's pose (object texture coordinates → pixels)
 * @param backgroundOffsets per frame, the background pan in pixels: the background point shown at
 *     pixel x is world point x + offset[t]
 * @param spec what was generated
 */
public record SyntheticClip(
    Clip clip, List<ObjectPose> poses, List<Double> backgroundOffsets, SyntheticClipSpec spec) {}
