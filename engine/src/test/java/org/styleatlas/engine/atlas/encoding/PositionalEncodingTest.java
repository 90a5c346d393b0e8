package org.styleatlas.engine.atlas.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * NLA's octaves give the first and last frame (t = −1, +1) the same code; the injective form tells
 * them apart and keeps NLA's highest octave.
 */
class PositionalEncodingTest {
  @Test
  void nlaOctavesAliasTheEndsOfTheRangeAndTheInjectiveOnesDoNot() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      float[] ends = {0.1f, -0.2f, -1f, 0.1f, -0.2f, 1f};
      float[] nla = encode(m, 5, 1, ends);
      float[] injective = encode(m, 6, 0.5, ends);
      double nlaDistance = distance(nla);
      double injectiveDistance = distance(injective);
      assertEquals(0, nlaDistance, 1e-5, "NLA encodes t = -1 and t = +1 alike");
      assertTrue(injectiveDistance > 1, "injective encoding distance " + injectiveDistance);
    }
    EncodingConfig.Positional p = EncodingConfig.Positional.injective(5);
    assertEquals(6, p.frequencies());
    assertEquals(0.5, p.lowest(), "octaves π/2 … 16π: NLA's 5 octaves π … 16π and one below");
    assertEquals(
        "Positional[frequencies=5]",
        new EncodingConfig.Positional(5).toString(),
        "cache keys unchanged");
  }

  private static float[] encode(NDManager m, int frequencies, double lowest, float[] xyt) {
    PositionalEncoding pe = new PositionalEncoding(3, frequencies, lowest);
    return pe.forward(
            new ParameterStore(m, false), new NDList(m.create(xyt, new Shape(2, 3))), false)
        .singletonOrThrow()
        .toFloatArray();
  }

  /** Euclidean distance between the two encoded rows of {@code codes}. */
  private static double distance(float[] codes) {
    int d = codes.length / 2;
    double s = 0;
    for (int i = 0; i < d; i++) {
      double v = codes[i] - codes[d + i];
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
