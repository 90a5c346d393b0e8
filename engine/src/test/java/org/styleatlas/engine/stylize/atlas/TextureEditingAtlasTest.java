package org.styleatlas.engine.stylize.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.runtime.DjlRuntime;

class TextureEditingAtlasTest {

  /**
   * Fine-tuning steps run in sub-managers leave nothing behind in the atlas's own manager. Gathers
   * used to put each step's texel rows, and with them its autograd graph, in the atlas's manager,
   * which lives for the whole fine-tuning.
   */
  @Test
  void stepsInSubManagersLeaveNothingInTheAtlasManager() {
    Engine engine = DjlRuntime.engine();
    float[] rgb = new float[32 * 16 * 3];
    java.util.Arrays.fill(rgb, 0.5f);
    try (NDManager root = engine.newBaseManager();
        TextureEditingAtlas atlas = new TextureEditingAtlas(root, new AtlasTexture(32, 16, rgb))) {
      int before = atlas.manager().getManagedArrays().size();
      for (int step = 0; step < 3; step++) {
        try (NDManager s = root.newSubManager();
            GradientCollector gc = engine.newGradientCollector()) {
          NDArray uv = s.randomUniform(-1, 1, new Shape(128, 2));
          gc.backward(atlas.colours(uv).sum());
        }
      }
      assertEquals(
          before, atlas.manager().getManagedArrays().size(), "arrays left in the atlas's manager");
      try (NDManager s = root.newSubManager()) {
        NDArray grad = atlas.trainable().get(0).getValue().getGradient();
        grad.attach(s);
        assertTrue(grad.abs().sum().getFloat() > 0, "the coarsest level received no gradient");
      }
    }
  }
}
