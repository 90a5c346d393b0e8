package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/**
 * Rigidity of one mapping (NLA eq. 9): with J the finite-difference Jacobian of uv w.r.t. pixel
 * offsets, in units where the initial mapping uvScale·(x, y) has J = I, the loss is ‖JᵀJ‖_F +
 * ‖(JᵀJ)⁻¹‖_F (minimal, 2√2, for rotations), mean over pixels. The local term uses one-pixel
 * differences, the global term long-range ones.
 */
public final class RigidityLoss implements DecompositionLossTerm {
  private static final float EPS = 1e-3f;
  private final Layer layer;
  private final boolean global;
  private final float uvScale;

  /**
   * @param layer the mapping
   * @param global long-range ({@link LossInputs#global()}) instead of one-pixel differences
   * @param uvScale {@link LossConfig#uvScale()}
   */
  public RigidityLoss(Layer layer, boolean global, double uvScale) {
    this.layer = layer;
    this.global = global;
    this.uvScale = (float) uvScale;
  }

  @Override
  public String name() {
    return (global ? "global-rigidity-" : "rigidity-") + layer.label();
  }

  @Override
  public NDArray compute(LossInputs in) {
    LossInputs.Differences d = global ? in.global() : in.local();
    NDArray uv = in.uv(layer);
    // uv per pixel × pixels per unit / uvScale: the identity mapping has J = I.
    float unit = in.pixelsPerUnit() / (d.pixels() * uvScale);
    NDArray colX = Scalars.mul(d.dx(layer).sub(uv), unit); // [N, 2] = (du/dx, dv/dx)
    NDArray colY = Scalars.mul(d.dy(layer).sub(uv), unit); // [N, 2] = (du/dy, dv/dy)
    NDArray a = colX.square().sum(new int[] {1}).add(EPS);
    NDArray b = colX.mul(colY).sum(new int[] {1});
    NDArray c = colY.square().sum(new int[] {1}).add(EPS);
    NDArray frob = a.square().add(Scalars.mul(b.square(), 2)).add(c.square()).sqrt();
    NDArray det = a.mul(c).sub(b.square());
    return frob.add(frob.div(det.abs().add(1e-9f))).mean();
  }
}
