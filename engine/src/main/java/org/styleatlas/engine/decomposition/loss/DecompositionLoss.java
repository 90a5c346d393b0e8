package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.decomposition.train.StepLoss;
import org.styleatlas.engine.runtime.Scalars;

/** The weighted sum of the decomposition's loss terms, each active for its scheduled iterations. */
public final class DecompositionLoss {
  private record Weighted(DecompositionLossTerm term, float weight, int until) {
    boolean active(int iteration) {
      return weight > 0 && iteration < until;
    }
  }

  private final List<Weighted> terms = new ArrayList<>();
  private final LossConfig config;

  /**
   * @param config weights and schedules
   * @param hasMatte whether a matte is available; without one alpha bootstrapping is off
   */
  public DecompositionLoss(LossConfig config, boolean hasMatte) {
    this(config, hasMatte, false, 0);
  }

  /**
   * @param config weights and schedules
   * @param hasMatte whether a matte is available; without one alpha bootstrapping is off
   * @param backgroundResidual whether the model has a background colour residual: then its fit
   *     ({@link BackgroundResidualLoss}, weighted as the reconstruction) and its size are terms
   * @param backgroundResidualPenalty weight of the residual's size
   */
  public DecompositionLoss(
      LossConfig config,
      boolean hasMatte,
      boolean backgroundResidual,
      double backgroundResidualPenalty) {
    this.config = config;
    int always = Integer.MAX_VALUE;
    add(new RgbLoss(), config.rgb(), always);
    add(new GradientLoss(), config.gradient(), always);
    for (Layer layer : Layer.values()) {
      add(new FlowLoss(layer, config.uvScale()), config.flow(), always);
      add(new RigidityLoss(layer, false, config.uvScale()), config.rigidity(), always);
    }
    add(new AlphaFlowLoss(), config.alphaFlow(), always);
    add(new SquaredSparsityLoss(), config.sparsity(), always);
    add(
        new RigidityLoss(Layer.FOREGROUND, true, config.uvScale()),
        config.globalRigidityForeground(),
        config.globalRigidityUntil());
    add(
        new RigidityLoss(Layer.BACKGROUND, true, config.uvScale()),
        config.globalRigidityBackground(),
        config.globalRigidityUntil());
    if (hasMatte) {
      add(new AlphaBootstrapLoss(), config.alphaBootstrap(), config.alphaBootstrapUntil());
    }
    if (backgroundResidual) {
      add(new BackgroundResidualLoss(true), config.rgb(), always);
      add(new BackgroundResidualLoss(false), backgroundResidualPenalty, always);
    }
  }

  private void add(DecompositionLossTerm term, double weight, int until) {
    terms.add(new Weighted(term, (float) weight, until));
  }

  public LossConfig config() {
    return config;
  }

  /** Whether global rigidity is active at {@code iteration} (so its inputs must be computed). */
  public boolean needsGlobal(int iteration) {
    return (config.globalRigidityForeground() > 0 || config.globalRigidityBackground() > 0)
        && iteration < config.globalRigidityUntil();
  }

  /** The weighted total of the terms active at {@code iteration} (main-phase count). */
  public StepLoss compute(LossInputs in, int iteration) {
    List<StepLoss.Term> values = new ArrayList<>();
    NDArray total = null;
    for (Weighted w : terms) {
      if (!w.active(iteration)) {
        continue;
      }
      NDArray v = Scalars.mul(w.term().compute(in), w.weight());
      values.add(new StepLoss.Term(w.term().name(), v));
      total = total == null ? v : total.add(v);
    }
    if (total == null) {
      throw new IllegalStateException("no loss term is active at iteration " + iteration);
    }
    return new StepLoss(total, values);
  }
}
