package org.styleatlas.engine.decomposition.loss;

/**
 * Weights and constants of the decomposition losses, after NLA. A weight of 0 disables a term;
 * "until" iterations count from the start of the main phase (after mapping pre-training).
 *
 * @param rgb reconstruction, ‖c − ĉ‖²
 * @param gradient image-gradient match between reconstruction and video
 * @param flow optical-flow consistency of both mappings, weighted by α (foreground) and 1 − α
 * @param alphaFlow optical-flow consistency of α
 * @param rigidity local rigidity of both mappings
 * @param sparsity foreground atlas colour where α is low
 * @param globalRigidityForeground global (long-range) rigidity of M_f
 * @param globalRigidityBackground global rigidity of M_b
 * @param globalRigidityUntil iterations during which global rigidity applies
 * @param alphaBootstrap binary cross-entropy of α against the matte
 * @param alphaBootstrapUntil iterations during which alpha bootstrapping applies
 * @param uvScale the initial mapping uv = uvScale·(x, y), and the unit of the Jacobians
 * @param globalDerivativePixels offset of the global rigidity Jacobian in pixels at NLA's 768-pixel
 *     long edge; {@link #globalOffsetPixels} scales it to the working resolution
 */
public record LossConfig(
    double rgb,
    double gradient,
    double flow,
    double alphaFlow,
    double rigidity,
    double sparsity,
    double globalRigidityForeground,
    double globalRigidityBackground,
    int globalRigidityUntil,
    double alphaBootstrap,
    int alphaBootstrapUntil,
    double uvScale,
    double globalDerivativePixels) {

  public LossConfig {
    double[] weights = {
      rgb,
      gradient,
      flow,
      alphaFlow,
      rigidity,
      sparsity,
      globalRigidityForeground,
      globalRigidityBackground,
      alphaBootstrap
    };
    for (double w : weights) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("loss weights must be finite and ≥ 0, got " + w);
      }
    }
    if (globalRigidityUntil < 0 || alphaBootstrapUntil < 0) {
      throw new IllegalArgumentException("loss schedules must be ≥ 0");
    }
    if (!(uvScale > 0 && uvScale <= 1) || !(globalDerivativePixels >= 1)) {
      throw new IllegalArgumentException(
          "uv scale must be in (0, 1] and the global offset ≥ 1 pixel, got "
              + uvScale
              + ", "
              + globalDerivativePixels);
    }
  }

  /** NLA's published weights and schedules. */
  public static LossConfig nla() {
    return new LossConfig(5000, 1000, 5, 49, 1, 1000, 5, 50, 5000, 2000, 10_000, 0.8, 100);
  }

  /**
   * These weights with global rigidity applied for the first {@code globalRigidityUntil} main-phase
   * iterations and alpha bootstrapping for the first {@code alphaBootstrapUntil}.
   */
  public LossConfig withSchedules(int globalRigidityUntil, int alphaBootstrapUntil) {
    return new LossConfig(
        rgb,
        gradient,
        flow,
        alphaFlow,
        rigidity,
        sparsity,
        globalRigidityForeground,
        globalRigidityBackground,
        globalRigidityUntil,
        alphaBootstrap,
        alphaBootstrapUntil,
        uvScale,
        globalDerivativePixels);
  }

  /** NLA's long edge (768x432 frames), at which its pixel offsets are given. */
  public static final int NLA_LONG_EDGE = 768;

  /**
   * The global-rigidity offset in pixels of a frame whose long edge is {@code longEdge}, at least
   * 1.
   */
  public float globalOffsetPixels(int longEdge) {
    return (float) Math.max(1, Math.round(globalDerivativePixels * longEdge / NLA_LONG_EDGE));
  }
}
