package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * Which CLIP model to fine-tune with, and where it runs.
 *
 * @param model a model name in the models directory or a TorchScript file
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param modelsDir the models directory; empty: {@code $STYLEATLAS_MODELS_DIR}, else the default
 */
public record ClipModelChoice(String model, String device, Optional<Path> modelsDir) {
  public ClipModelChoice {
    modelsDir = modelsDir == null ? Optional.empty() : modelsDir;
  }

  /** Loads the model; a missing one is an input error that says how to install it. */
  public ClipModel open(ProgressSink progress) {
    ModelStore store = modelsDir.map(ModelStore::new).orElseGet(ModelStore::fromEnvironment);
    return ClipModels.open(model, ClipModels.device(device), store, progress);
  }
}
