package org.styleatlas.engine.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.styleatlas.engine.clipmodel.ClipPreprocessor;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;

/**
 * A pure-Java stand-in for CLIP with a known optimum: an image's embedding is its mean colour's
 * chroma (mean RGB minus its grey level) plus a small constant, and a text's embedding is the
 * direction of the first colour word it contains. Maximising the similarity to "red" therefore
 * makes the views redder. Works on 32-pixel inputs so tests stay fast.
 */
final class ToyColourEncoder implements ImageTextEncoder {
  static final int SIZE = 32;
  private static final float BIAS = 0.05f;

  @Override
  public int embeddingDim() {
    return 4;
  }

  @Override
  public int imageSize() {
    return SIZE;
  }

  @Override
  public NDArray encodeText(NDManager manager, List<String> texts) {
    float[] out = new float[texts.size() * 4];
    for (int i = 0; i < texts.size(); i++) {
      float[] d = direction(texts.get(i));
      float n = (float) Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + d[3] * d[3]);
      for (int k = 0; k < 4; k++) {
        out[i * 4 + k] = d[k] / n;
      }
    }
    return manager.create(out, new Shape(texts.size(), 4));
  }

  private static float[] direction(String text) {
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      switch (word) {
        case "red":
          return new float[] {1, -0.5f, -0.5f, 0};
        case "green":
          return new float[] {-0.5f, 1, -0.5f, 0};
        case "blue":
          return new float[] {-0.5f, -0.5f, 1, 0};
        case "gold":
          return new float[] {0.6f, 0.3f, -0.9f, 0};
        default:
          break;
      }
    }
    return new float[] {0, 0, 0, 1};
  }

  @Override
  public NDArray encodeImages(NDArray images) {
    NDManager m = images.getManager();
    NDArray mean = m.create(ClipPreprocessor.MEAN, new Shape(1, 3, 1, 1));
    NDArray std = m.create(ClipPreprocessor.STD, new Shape(1, 3, 1, 1));
    long n = images.getShape().get(0);
    NDArray rgb = images.mul(std).add(mean).reshape(n, 3, -1).mean(new int[] {2});
    NDArray chroma = rgb.sub(rgb.mean(new int[] {1}, true));
    NDArray e = chroma.concat(m.full(new Shape(n, 1), BIAS), 1);
    return e.div(e.norm(new int[] {1}, true));
  }

  @Override
  public void close() {}
}
