package org.styleatlas.engine.decompose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.config.DecompositionConfig;
import org.styleatlas.engine.losses.MappingPretrainLoss;
import org.styleatlas.engine.train.ParameterGroup;
import org.styleatlas.engine.train.StepLoss;

/** NLA's mapping pre-training: both mappings fit uvScale·(x, y) on random pixels; nothing else trains. */
final class MappingPretrainTask extends ModelTask {
  private static final int PHASE = 0;

  private final TrainingData data;
  private final DecompositionConfig config;
  private final MappingPretrainLoss loss;
  private final ParameterStore ps;

  MappingPretrainTask(LayeredAtlasModel model, TrainingData data, DecompositionConfig config, NDManager manager) {
    super(model);
    this.data = data;
    this.config = config;
    this.loss = new MappingPretrainLoss(config.losses().uvScale());
    this.ps = new ParameterStore(manager, false);
  }

  @Override
  public StepLoss loss(NDManager step, int iteration) {
    int n = config.schedule().batchPixels();
    float[] pts = data.samplePoints(StepRandom.of(config.schedule().seed(), PHASE, iteration), n);
    NDArray xyt = step.create(pts, new Shape(n, 3));
    NDArray f = loss.compute(xyt, model.uvForeground(ps, xyt, true));
    NDArray b = loss.compute(xyt, model.uvBackground(ps, xyt, true));
    return new StepLoss(f.add(b), List.of(new StepLoss.Term("pretrain-foreground", f),
        new StepLoss.Term("pretrain-background", b)));
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    return ParameterGroups.of(model.mappingFields(), config.optimizer());
  }
}
