package org.styleatlas.engine.decomposition;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.decomposition.train.TrainingTask;

/** A training task on a {@link LayeredAtlasModel}: checkpoints hold the whole model's weights. */
abstract class ModelTask implements TrainingTask {
  protected final LayeredAtlasModel model;

  protected ModelTask(LayeredAtlasModel model) {
    this.model = model;
  }

  @Override
  public final void saveWeights(DataOutputStream out) throws IOException {
    model.save(out);
  }

  @Override
  public final void loadWeights(NDManager manager, DataInputStream in) throws IOException {
    model.load(manager, in);
  }
}
