package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/**
 * Optical-flow consistency of one mapping (NLA): a point and its flow target in the next (or
 * previous) frame map to the same atlas point. The distance is in pixels (uv difference × pixels
 * per unit / uvScale), weighted by α for the foreground and 1 − α for the background, averaged over
 * consistent flow vectors.
 */
public final class FlowLoss implements DecompositionLossTerm {
  private final Layer layer;
  private final float uvScale;

  public FlowLoss(Layer layer, double uvScale) {
    this.layer = layer;
    this.uvScale = (float) uvScale;
  }

  @Override
  public String name() {
    return "flow-" + layer.label();
  }

  @Override
  public NDArray compute(LossInputs in) {
    NDArray there =
        layer == Layer.FOREGROUND ? in.flowTarget().uvForeground() : in.flowTarget().uvBackground();
    NDArray dist =
        Scalars.mul(in.uv(layer).sub(there), in.pixelsPerUnit() / uvScale)
            .square()
            .sum(new int[] {1}, true)
            .add(1e-12f)
            .sqrt();
    NDArray weight = layer == Layer.FOREGROUND ? in.at().alpha() : in.at().alpha().neg().add(1f);
    return MaskedMean.of(dist.mul(weight), in.flowMask());
  }
}
