package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatteOpacityTest {
  /** 4x2, frame 0: left half object; frame 1: a horizontal ramp 0, 1/3, 2/3, 1 on both rows. */
  private static final MatteOpacity OPACITY =
      new MatteOpacity(
          4,
          2,
          List.of(
              new float[] {1, 1, 0, 0, 1, 1, 0, 0},
              new float[] {0, 1 / 3f, 2 / 3f, 1, 0, 1 / 3f, 2 / 3f, 1}));

  @Test
  void isTheMatteAtTheWorkingSize() {
    assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, OPACITY.frame(0, 4, 2));
  }

  @Test
  void resamplesBilinearlyWithPixelCentresAligned() {
    // 8 wide: output x reads working x' = (x + 0.5)/2 − 0.5: −0.25 (clamped to 0), 0.25, 0.75, …
    float[] wide = OPACITY.frame(1, 8, 2);
    float[] expected = {0, 1 / 12f, 3 / 12f, 5 / 12f, 7 / 12f, 9 / 12f, 11 / 12f, 1};
    for (int x = 0; x < 8; x++) {
      assertEquals(expected[x], wide[x], 1e-6, "x " + x);
      assertEquals(expected[x], wide[8 + x], 1e-6, "second row, x " + x);
    }
    // the object's edge between working columns 1 and 2 stays at the same place, values in [0, 1]
    float[] edge = OPACITY.frame(0, 8, 4);
    for (float v : edge) {
      assertTrue(v >= 0 && v <= 1, "opacity " + v);
    }
    assertEquals(1f, edge[2], 1e-6);
    assertEquals(0.75f, edge[3], 1e-6);
    assertEquals(0.25f, edge[4], 1e-6);
    assertEquals(0f, edge[5], 1e-6);
  }

  @Test
  void somePixelsAreTheSameAsTheWholeFrame() {
    float[] whole = OPACITY.frame(1, 5, 3);
    int[] pixels = {0, 4, 7, 14};
    float[] some = OPACITY.pixels(1, 5, 3, pixels);
    for (int i = 0; i < pixels.length; i++) {
      assertEquals(whole[pixels[i]], some[i], 0f);
    }
  }

  @Test
  void refusesAMatteOfAnotherSize() {
    assertThrows(
        IllegalArgumentException.class, () -> new MatteOpacity(4, 2, List.of(new float[7])));
  }
}
