package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;
import org.styleatlas.engine.stylize.view.ViewSpec;

/**
 * The shared form of Eq. 2 and Eq. 3: {@code 1 − sim(mean view embedding, target embedding)}, where
 * the mean is Eq. 1 over the views of one family.
 */
public abstract class ClipTargetLoss {

  /** Which views this term reads. */
  public abstract ViewSpec.Kind views();

  /**
   * @param viewEmbeddings {@code [k, d]} embeddings of the k views of one frame (k ≥ 1)
   * @param target {@code [d]} the target embedding (text, style image, or both)
   * @return scalar loss in [0, 2]
   */
  public NDArray compute(NDArray viewEmbeddings, NDArray target) {
    NDArray mean = viewEmbeddings.mean(new int[] {0});
    return Scalars.rsub(Similarity.cosine(mean, target), 1);
  }
}
