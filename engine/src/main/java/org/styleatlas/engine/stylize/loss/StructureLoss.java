package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.styleatlas.engine.clipmodel.ClipPreprocessor;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.stylize.view.ViewBatch;

/**
 * Optional structure preservation, after Text2LIVE (its Eq. 5–6): the self-similarity matrix {@code
 * S(I)_ij = cos(t_i(I), t_j(I))} of the CLIP ViT's spatial tokens of a view must stay close, in
 * Frobenius norm, to that of the same view rendered with the original atlas. Only for models that
 * expose their image tokens; off by default (it is not in the seed paper).
 */
public final class StructureLoss {

  /** The image tokens of a CLIP model. */
  @FunctionalInterface
  public interface TokenEncoder {
    /**
     * @param images {@code [n, 3, S, S]} CLIP-normalised
     * @return {@code [n, 1 + K, width]} ViT tokens, token 0 the class token
     */
    NDArray tokens(NDArray images);
  }

  private final TokenEncoder encoder;
  private final AtlasTexture original;

  /**
   * @param encoder the model's token output
   * @param original the unedited foreground atlas, which renders the reference views
   */
  public StructureLoss(TokenEncoder encoder, AtlasTexture original) {
    this.encoder = encoder;
    this.original = original;
  }

  /**
   * @param batch the views' frozen inputs
   * @param stylized {@code [n, 3, V, V]} the views rendered with the editing atlas
   * @param size CLIP's input size
   * @return scalar mean over views of ‖S(original) − S(stylized)‖_F
   */
  public NDArray compute(ViewBatch batch, NDArray stylized, int size) {
    NDManager m = stylized.getManager();
    float[] colours = new float[batch.points() * 3];
    for (int q = 0; q < batch.points(); q++) {
      original.sample(batch.uv()[2 * q], batch.uv()[2 * q + 1], colours, 3 * q);
    }
    NDArray reference = batch.images(m.create(colours, new Shape(batch.points(), 3)));
    NDArray sRef =
        selfSimilarity(encoder.tokens(ClipPreprocessor.prepare(reference, size))).stopGradient();
    NDArray sOut = selfSimilarity(encoder.tokens(ClipPreprocessor.prepare(stylized, size)));
    return sRef.sub(sOut).square().sum(new int[] {1, 2}).add(1e-12f).sqrt().mean();
  }

  /**
   * {@code [n, 1 + K, w]} tokens → {@code [n, K, K]} cosine self-similarity of the spatial tokens.
   */
  static NDArray selfSimilarity(NDArray tokens) {
    NDArray spatial = tokens.get(":, 1:, :");
    NDArray unit = spatial.div(spatial.norm(new int[] {2}, true).add(1e-8f));
    return unit.batchMatMul(unit.transpose(0, 2, 1));
  }
}
