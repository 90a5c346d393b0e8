package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/**
 * Eq. 4: for frames t1 &lt; t2 &lt; t3 with mean global embeddings e1, e2, e3, {@code L_Temp = g(t3
 * − t1) · max(0, sim(e1, e3) − sim(e1, e2))}, with g the pdf of N(0, σ²), σ = 5 frames: nearer
 * frames must be more alike in CLIP space than farther ones, and far triplets count less. With more
 * than three frames the consecutive triplets are averaged.
 */
public final class TemporalLoss {
  /** The paper's σ of g, in frames. */
  public static final double SIGMA = 5;

  /** g(Δt), the N(0, σ²) density. */
  public static double weight(int dt) {
    return Math.exp(-dt * (double) dt / (2 * SIGMA * SIGMA)) / (SIGMA * Math.sqrt(2 * Math.PI));
  }

  /**
   * @param frameEmbeddings {@code [B, d]} mean global embedding of each sampled frame, in frame
   *     order
   * @param frames the B frame indices, strictly increasing
   * @return scalar loss ≥ 0; exactly 0 when fewer than three frames are sampled
   */
  public NDArray compute(NDArray frameEmbeddings, int[] frames) {
    NDArray total = frameEmbeddings.getManager().zeros(new ai.djl.ndarray.types.Shape());
    int triplets = frames.length - 2;
    for (int i = 0; i < triplets; i++) {
      NDArray e1 = frameEmbeddings.get(i);
      NDArray far = Similarity.cosine(e1, frameEmbeddings.get(i + 2));
      NDArray near = Similarity.cosine(e1, frameEmbeddings.get(i + 1));
      NDArray hinge = Scalars.maximum(far.sub(near), 0);
      total = total.add(Scalars.mul(hinge, weight(frames[i + 2] - frames[i])));
    }
    return triplets > 0 ? Scalars.div(total, triplets) : total;
  }
}
