package org.styleatlas.engine.clipmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed CLIP-shaped fixtures (made by scripts/make-clip-fixture.py) and their reference
 * outputs.
 */
final class ClipFixtures {
  static final String OPENAI = "clip-fixture-openai.pt";
  static final String HUGGING_FACE = "clip-fixture-hf.pt";
  private static final int SIDE = 224;

  private ClipFixtures() {}

  static Path path(String name) {
    try {
      return Path.of(ClipFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode expected() {
    try (InputStream in = ClipFixtures.class.getResourceAsStream("clip-fixture-expected.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  /**
   * The generator's reference image: (i mod 251) / 250 - 0.5 over the flat index, [1, 3, 224, 224].
   */
  static NDArray referenceImage(NDManager manager) {
    float[] pixels = new float[3 * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i % 251) / 250f - 0.5f;
    }
    return manager.create(pixels, new Shape(1, 3, SIDE, SIDE));
  }
}
