package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

/**
 * The composite's detail k (Text2LIVE-style edit layer over the source): 0 is the composite as
 * before, bit for bit; 1 with an unedited atlas gives the source back; 1 with a stylized atlas is
 * the source plus α times the stylization's change.
 */
class DetailCompositeTest {
  private static final int W = 96;
  private static final int H = 54;
  private static SyntheticClip clip;
  private static SyntheticScene scene;

  @BeforeAll
  static void makeScene() {
    clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, 4));
    scene = new SyntheticScene(clip, W);
  }

  @Test
  void noDetailIsTheCompositeAsBefore() {
    AtlasSet set = scene.atlases().withStylizedForeground(solid(1, 0, 0));
    FrameLayerMaps m = scene.maps(1, W, H);
    Frame source = clip.clip().frame(1);
    try (FrameRenderer r = new FrameRenderer(2)) {
      Frame before = r.render(m, source, set.foregroundAt(1), null, OutputMode.COMPOSITE);
      Frame none =
          r.render(m, source, set.foregroundWithDetail(1, 0), null, OutputMode.COMPOSITE, 0f);
      assertArrayEquals(before.pixels(), none.pixels(), 0f);
    }
  }

  /**
   * The exact synthetic decomposition still differs from its clip at the object's edge (the atlas
   * colour is sampled at the pixel centre, the clip mixes 16 subsamples); with k = 1 and the
   * original atlas the source comes back, within float rounding.
   */
  @Test
  void fullDetailWithAnUneditedAtlasIsTheSource() {
    AtlasSet set = scene.atlases();
    try (FrameRenderer r = new FrameRenderer(1)) {
      for (int t = 0; t < 4; t++) {
        FrameLayerMaps m = scene.maps(t, W, H);
        Frame source = clip.clip().frame(t);
        Frame atlasOnly = r.render(m, source, set.foregroundAt(1), null, OutputMode.COMPOSITE);
        Frame detail =
            r.render(m, source, set.foregroundWithDetail(1, 1), null, OutputMode.COMPOSITE, 1f);
        assertArrayEquals(source.pixels(), detail.pixels(), 1e-6f, "frame " + t);
        assertTrue(ImageMetrics.psnr(atlasOnly, source) < 60, "the atlas alone is not exact");
      }
    }
  }

  @Test
  void detailCarriesTheSourceUnderTheStylizedColour() {
    AtlasTexture red = solid(1, 0, 0);
    AtlasSet set = scene.atlases().withStylizedForeground(red);
    FrameLayerMaps m = scene.maps(2, W, H);
    Frame source = clip.clip().frame(2);
    float k = 0.6f;
    try (FrameRenderer r = new FrameRenderer(2)) {
      Frame out =
          r.render(m, source, set.foregroundWithDetail(1, k), null, OutputMode.COMPOSITE, k);
      float[] co = new float[3];
      int checked = 0;
      for (int p = 0; p < m.pixels(); p++) {
        float a = m.alpha()[p];
        if (a < FrameRenderer.INVISIBLE_ALPHA) {
          continue;
        }
        set.foreground().sample(m.foregroundUv()[2 * p], m.foregroundUv()[2 * p + 1], co, 0);
        float[] cs = {1, 0, 0};
        for (int c = 0; c < 3; c++) {
          float src = source.pixels()[3 * p + c];
          double expected = (1 - a) * src + a * (cs[c] + k * (src - co[c]));
          assertEquals(expected, out.pixels()[3 * p + c], 1e-5, "pixel " + p + " channel " + c);
        }
        checked++;
      }
      assertTrue(checked > 100, "object pixels checked: " + checked);
    }
  }

  @Test
  void detailOutsideZeroToOneIsRefused() {
    assertThrows(
        InputException.class, () -> new RenderSettings(OutputMode.COMPOSITE, 1, W, H, 1, 1.5f));
    try (FrameRenderer r = new FrameRenderer(1)) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              r.render(
                  scene.maps(0, W, H),
                  clip.clip().frame(0),
                  scene.atlases().foreground(),
                  null,
                  OutputMode.COMPOSITE,
                  -0.1f));
    }
  }

  private static AtlasTexture solid(float r, float g, float b) {
    AtlasTexture like = scene.atlases().foreground();
    float[] rgb = new float[like.rgb().length];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = r;
      rgb[i + 1] = g;
      rgb[i + 2] = b;
    }
    return new AtlasTexture(like.width(), like.height(), rgb, like.extent());
  }
}
