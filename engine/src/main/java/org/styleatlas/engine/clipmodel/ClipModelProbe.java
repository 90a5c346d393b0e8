package org.styleatlas.engine.clipmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * Quick checks of a loaded CLIP model for {@code styleatlas clip check} and {@code clip bench}, so
 * the CLI needs no DJL of its own.
 */
public final class ClipModelProbe {
  private ClipModelProbe() {}

  /** Encodes "a photo of a cat" and a grey image; returns their (unnormalised) dot product. */
  public static float catAgainstGrey(ClipModel model) {
    try (NDManager manager = DjlRuntime.engine().newBaseManager(model.device())) {
      NDArray text = model.encodeText(manager, List.of("a photo of a cat"));
      NDArray image =
          model.encodeImages(manager.zeros(new Shape(1, 3, model.imageSize(), model.imageSize())));
      return text.mul(image).sum().getFloat();
    }
  }

  /**
   * Times {@code encodeImages} forward plus backward on {@code batch} random views, one warm-up
   * then {@code runs} timed steps.
   *
   * @return wall seconds of each timed step
   */
  public static double[] forwardBackwardSeconds(ClipModel model, int batch, int runs) {
    double[] seconds = new double[runs];
    try (NDManager manager = DjlRuntime.engine().newBaseManager(model.device())) {
      for (int i = -1; i < runs; i++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray images =
              step.randomNormal(new Shape(batch, 3, model.imageSize(), model.imageSize()));
          images.setRequiresGradient(true);
          long start = System.nanoTime();
          try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            collector.backward(model.encodeImages(images).sum());
          }
          images.getGradient().sum().getFloat();
          if (i >= 0) {
            seconds[i] = (System.nanoTime() - start) / 1e9;
          }
        }
      }
    }
    return seconds;
  }
}
