package org.styleatlas.engine.clipmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * CLIP's input preparation for batches of views, on NDArrays and differentiable (the stylization
 * loop back-propagates through it to the atlas).
 *
 * <p>Views are resized bilinearly (align_corners false, no antialiasing) to the encoder's square
 * size, then normalised per channel with CLIP's mean and std. CLIP's own pipeline resizes the
 * shorter side bicubically with antialiasing and center-crops; for views near 224 pixels the
 * difference is small, and this path keeps gradients. Views that are much larger than 224 should be
 * downscaled in steps or pre-filtered by the caller.
 */
public final class ClipPreprocessor {
  /** CLIP's per-channel mean, RGB, for images in [0, 1]. */
  public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};

  /** CLIP's per-channel standard deviation, RGB. */
  public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

  private static final int BILINEAR = 2;

  private ClipPreprocessor() {}

  /**
   * Resizes and normalises.
   *
   * @param views [n, 3, h, w] float32 RGB in [0, 1] (sRGB as decoded, see the pixel convention)
   * @param size the output side in pixels, usually {@link ImageTextEncoder#imageSize()}
   * @return [n, 3, size, size] CLIP-normalised, on the same device and manager as {@code views}
   */
  public static NDArray prepare(NDArray views, int size) {
    return normalize(resize(views, size));
  }

  /**
   * Bilinear resize of a batch; returns {@code views} itself when it already has the size.
   *
   * @param views [n, c, h, w] float32
   * @return [n, c, size, size]
   */
  public static NDArray resize(NDArray views, int size) {
    Shape shape = requireBatch(views);
    if (shape.get(2) == size && shape.get(3) == size) {
      return views;
    }
    return views.getNDArrayInternal().interpolation(new long[] {size, size}, BILINEAR, false);
  }

  /**
   * (x - mean) / std per channel.
   *
   * @param images [n, 3, h, w] float32 in [0, 1]
   * @return [n, 3, h, w]
   */
  public static NDArray normalize(NDArray images) {
    Shape shape = requireBatch(images);
    if (shape.get(1) != 3) {
      throw new IllegalArgumentException("CLIP normalisation needs 3 channels, got shape " + shape);
    }
    NDArray mean =
        images.getManager().create(MEAN, new Shape(1, 3, 1, 1)).toDevice(images.getDevice(), false);
    NDArray std =
        images.getManager().create(STD, new Shape(1, 3, 1, 1)).toDevice(images.getDevice(), false);
    return images.sub(mean).div(std);
  }

  private static Shape requireBatch(NDArray images) {
    Shape shape = images.getShape();
    if (shape.dimension() != 4 || images.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "expected a float32 batch [n, c, h, w], got " + images.getDataType() + " " + shape);
    }
    return shape;
  }
}
