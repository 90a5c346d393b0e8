package org.styleatlas.engine.clipmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A joint image-text embedding, such as CLIP: what the stylization losses need. {@link ClipModel}
 * is the real one; tests may use a pure-Java toy encoder behind the same contract.
 *
 * <p>Both methods return <b>unit-normalised</b> embeddings (L2 norm 1 along the last axis), so a
 * cosine similarity is a dot product. Encoder parameters are frozen: they never receive gradients.
 */
public interface ImageTextEncoder extends AutoCloseable {

  /** The embedding width d (512 for ViT-B/32, 768 for ViT-L/14). */
  int embeddingDim();

  /**
   * The square input size in pixels that {@link #encodeImages} expects (224 for ViT-B/32 and
   * ViT-L/14).
   */
  int imageSize();

  /**
   * Encodes prompts. No gradient is recorded, also inside a GradientCollector: the result is a
   * constant.
   *
   * @param manager owns the result (and the token ids on the way)
   * @param texts n ≥ 1 prompts; each is tokenized by {@link ClipTokenizer} and truncated to 77
   *     tokens
   * @return [n, d] float32, unit-normalised rows, on the encoder's device
   */
  NDArray encodeText(NDManager manager, List<String> texts);

  /**
   * Encodes CLIP-normalised images (see {@link ClipPreprocessor}). Inside a GradientCollector the
   * result is differentiable with respect to {@code images}; outside, no graph is recorded.
   *
   * @param images [n, 3, S, S] float32 with S = {@link #imageSize()}, normalised with CLIP's mean
   *     and std; must not carry a DJL name containing a dot
   * @return [n, d] float32, unit-normalised rows, attached to the manager of {@code images}
   */
  NDArray encodeImages(NDArray images);

  /**
   * Encodes images that may still need CLIP's preparation.
   *
   * @param images CLIP-normalised [n, 3, S, S] when {@code normalized}; otherwise [n, 3, h, w] RGB
   *     in [0, 1], resized and normalised here by {@link ClipPreprocessor#prepare} (differentiably)
   * @return [n, d] float32, unit-normalised rows
   */
  default NDArray encodeImages(NDArray images, boolean normalized) {
    return encodeImages(normalized ? images : ClipPreprocessor.prepare(images, imageSize()));
  }

  /** Frees the encoder's native memory. */
  @Override
  void close();
}
