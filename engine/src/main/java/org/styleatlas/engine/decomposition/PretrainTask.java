package org.styleatlas.engine.decomposition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Initialisation;
import org.styleatlas.engine.decomposition.loss.AlphaBootstrapLoss;
import org.styleatlas.engine.decomposition.loss.MappingPretrainLoss;
import org.styleatlas.engine.decomposition.train.StepLoss;
import org.styleatlas.engine.optim.ParameterGroup;

/**
 * Pre-training before the main phase, on random pixels: both mappings fit their {@link
 * MappingTargets} (NLA: the scaled identity, and nothing else trains). With the {@link
 * Initialisation#MOTION} initialisation and a matte, α also fits the matte (binary cross-entropy)
 * and each atlas fits the video colour at its layer's target uv, weighted by the matte (foreground)
 * or its complement (background), so that the main phase starts from a consistent decomposition
 * instead of grey atlases whose large reconstruction gradients would first pull the mappings away
 * from the motion.
 */
final class PretrainTask extends ModelTask {
  private static final int PHASE = 0;

  /**
   * With the motion initialisation M_f's target is weighted by matte + this: the object covers a
   * small part of the frame, and the network's capacity should go to following it there, not to the
   * clamped targets far outside it (which α hides anyway).
   */
  private static final float OUTSIDE_WEIGHT = 0.1f;

  private final TrainingData data;
  private final DecompositionConfig config;
  private final MappingTargets targets;
  private final boolean joint;
  private final ParameterStore ps;

  PretrainTask(
      LayeredAtlasModel model, TrainingData data, DecompositionConfig config, NDManager manager) {
    super(model);
    this.data = data;
    this.config = config;
    this.targets = MappingTargets.of(config.init(), data, config.losses().uvScale());
    this.joint = config.init() == Initialisation.MOTION && data.hasMatte();
    this.ps = new ParameterStore(manager, false);
  }

  @Override
  public StepLoss loss(NDManager step, int iteration) {
    int n = config.schedule().batchPixels();
    PretrainBatch b =
        data.samplePretrain(StepRandom.of(config.schedule().seed(), PHASE, iteration), n, targets);
    NDArray xyt = step.create(b.xyt(), new Shape(n, 3));
    NDArray uvF = model.uvForeground(ps, xyt, true);
    NDArray uvFTarget = step.create(b.uvForeground(), new Shape(n, 2));
    NDArray f =
        joint
            ? MappingPretrainLoss.compute(
                uvF, uvFTarget, step.create(b.matte(), new Shape(n)).add(OUTSIDE_WEIGHT))
            : MappingPretrainLoss.compute(uvF, uvFTarget);
    NDArray g =
        MappingPretrainLoss.compute(
            model.uvBackground(ps, xyt, true), step.create(b.uvBackground(), new Shape(n, 2)));
    List<StepLoss.Term> terms =
        new ArrayList<>(
            List.of(
                new StepLoss.Term("pretrain-foreground", f),
                new StepLoss.Term("pretrain-background", g)));
    NDArray total = f.add(g);
    if (joint) {
      NDArray matte = step.create(b.matte(), new Shape(n, 1));
      NDArray a = AlphaBootstrapLoss.crossEntropy(model.alpha(ps, xyt, true), matte);
      NDArray rgb = step.create(b.rgb(), new Shape(n, 3));
      NDArray fg =
          model.foregroundAtlas().apply(ps, step.create(b.uvForeground(), new Shape(n, 2)), true);
      NDArray bg =
          model.backgroundAtlas().apply(ps, step.create(b.uvBackground(), new Shape(n, 2)), true);
      NDArray atlas =
          squaredError(fg, rgb)
              .mul(matte)
              .mean()
              .add(squaredError(bg, rgb).mul(matte.neg().add(1f)).mean());
      terms.add(new StepLoss.Term("pretrain-alpha", a));
      terms.add(new StepLoss.Term("pretrain-atlas", atlas));
      total = total.add(a).add(atlas);
    }
    return new StepLoss(total, terms);
  }

  /** {@code [N, 3]} → {@code [N, 1]}: per-point squared colour distance. */
  private static NDArray squaredError(NDArray a, NDArray b) {
    return a.sub(b).square().sum(new int[] {1}, true);
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    return ParameterGroups.constant(
        joint ? model.fields() : model.mappingFields(), config.optimizer());
  }
}
