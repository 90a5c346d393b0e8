package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class AtlasMorphTest {
  private static AtlasTexture flat(float v) {
    float[] rgb = new float[2 * 2 * 3];
    java.util.Arrays.fill(rgb, v);
    return new AtlasTexture(2, 2, rgb);
  }

  @Test
  void morphBlendsTheStylizedAtlasesTexelByTexelAndKeepsTheOriginal() {
    AtlasTexture original = flat(0.5f);
    AtlasTexture background = flat(0.1f);
    AtlasSet a = new AtlasSet(original, flat(0.2f), background);
    AtlasSet b = new AtlasSet(original, flat(0.8f), flat(0.9f));
    AtlasSet quarter = a.morphTo(b, 0.25f);
    assertArrayEquals(flat(0.35f).rgb(), quarter.stylizedForeground().rgb(), 1e-6f);
    assertArrayEquals(
        flat(0.3f).rgb(), quarter.background().rgb(), 1e-6f, "a stylized background morphs too");
    assertSame(
        original, quarter.foreground(), "strength still blends towards the original colours");
    assertSame(a, a.morphTo(b, 0));
    assertSame(b, a.morphTo(b, 1));
    AtlasSet sameBackground = a.morphTo(new AtlasSet(original, flat(0.8f), background), 0.5f);
    assertSame(background, sameBackground.background());
  }
}
