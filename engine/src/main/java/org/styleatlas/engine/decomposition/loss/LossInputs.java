package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.atlas.model.LayeredOutput;

/**
 * Everything the decomposition losses read for a batch of N sampled pixels p (shapes in brackets).
 *
 * @param at the model at p
 * @param target {@code [N, 3]} video colour at p
 * @param targetDx {@code [N, 3]} video colour one pixel right of p
 * @param targetDy {@code [N, 3]} video colour one pixel below p
 * @param rgbDx {@code [N, 3]} reconstruction one pixel right of p
 * @param rgbDy {@code [N, 3]} reconstruction one pixel below p
 * @param local finite differences of both mappings over one pixel
 * @param global finite differences over {@link LossConfig#globalDerivativePixels()} pixels, or null
 *     when global rigidity is off
 * @param flowTarget the model's mappings and α at p + flow(p) in the neighbouring frame
 * @param flowMask {@code [N, 1]} 1 where p's flow is consistent
 * @param matte {@code [N, 1]} the object matte at p, or null without a matte
 * @param pixelsPerUnit pixels per unit of normalised coordinate (half the longer frame side)
 * @param residual the background colour residual at p, or null when the model has none ({@code
 *     at.rgb()} is the atlas-only reconstruction either way)
 */
public record LossInputs(
    LayeredOutput at,
    NDArray target,
    NDArray targetDx,
    NDArray targetDy,
    NDArray rgbDx,
    NDArray rgbDy,
    Differences local,
    Differences global,
    FlowTarget flowTarget,
    NDArray flowMask,
    NDArray matte,
    float pixelsPerUnit,
    ResidualFit residual) {

  /**
   * The background colour residual at p.
   *
   * @param offset {@code [N, 3]} r
   * @param reconstruction {@code [N, 3]} (1 − α)·(c_b + r) + α·c_f with only r differentiable
   */
  public record ResidualFit(NDArray offset, NDArray reconstruction) {}

  /**
   * Both mappings one offset right of and below p.
   *
   * @param pixels the offset in pixels
   * @param foregroundDx {@code [N, 2]} M_f at p + offset·x̂
   * @param foregroundDy {@code [N, 2]} M_f at p + offset·ŷ
   * @param backgroundDx {@code [N, 2]} M_b at p + offset·x̂
   * @param backgroundDy {@code [N, 2]} M_b at p + offset·ŷ
   */
  public record Differences(
      float pixels,
      NDArray foregroundDx,
      NDArray foregroundDy,
      NDArray backgroundDx,
      NDArray backgroundDy) {

    NDArray dx(Layer layer) {
      return layer == Layer.FOREGROUND ? foregroundDx : backgroundDx;
    }

    NDArray dy(Layer layer) {
      return layer == Layer.FOREGROUND ? foregroundDy : backgroundDy;
    }
  }

  /**
   * The model at the flow targets.
   *
   * @param uvForeground {@code [N, 2]}
   * @param uvBackground {@code [N, 2]}
   * @param alpha {@code [N, 1]}
   */
  public record FlowTarget(NDArray uvForeground, NDArray uvBackground, NDArray alpha) {}

  /** UV of {@code layer} at p. */
  NDArray uv(Layer layer) {
    return layer == Layer.FOREGROUND ? at.uvForeground() : at.uvBackground();
  }
}
