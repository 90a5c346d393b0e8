package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

class FrameRendererTest {
  private static SyntheticClip clip;
  private static SyntheticScene scene;

  @BeforeAll
  static void makeScene() {
    clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(96, 54, 6));
    scene = new SyntheticScene(clip, 96);
  }

  @Test
  void reconstructionOfTheExactDecompositionMatchesTheClip() {
    try (FrameRenderer r = new FrameRenderer(2)) {
      for (int t : new int[] {0, 5}) {
        FrameLayerMaps m = scene.maps(t, 96, 54);
        Frame recon =
            r.render(
                m,
                null,
                scene.atlases().foreground(),
                scene.atlases().background(),
                OutputMode.RECONSTRUCTION);
        Frame composite =
            r.render(
                m, clip.clip().frame(t), scene.atlases().foreground(), null, OutputMode.COMPOSITE);
        assertTrue(ImageMetrics.psnr(recon, clip.clip().frame(t)) > 30, "reconstruction PSNR");
        assertTrue(ImageMetrics.psnr(composite, clip.clip().frame(t)) > 33, "composite PSNR");
        float[] a = m.alpha();
        assertEquals(
            Double.POSITIVE_INFINITY,
            ImageMetrics.psnr(composite, clip.clip().frame(t), p -> a[p] == 0),
            "background pixels are copied");
      }
    }
  }

  @Test
  void foregroundLayerIsPremultipliedAndMatteIsAlpha() {
    AtlasTexture red = solid(8, 8, 1, 0, 0);
    FrameLayerMaps m = scene.maps(2, 96, 54);
    try (FrameRenderer r = new FrameRenderer(1)) {
      Frame layer = r.render(m, null, red, null, OutputMode.FOREGROUND_LAYER);
      Frame matte = r.render(m, null, red, null, OutputMode.MATTE);
      assertEquals(4, layer.channels());
      for (int p = 0; p < m.pixels(); p++) {
        float a = m.alpha()[p];
        assertEquals(a, layer.pixels()[p * 4], 1e-6);
        assertEquals(0, layer.pixels()[p * 4 + 1], 1e-6);
        assertEquals(a, layer.pixels()[p * 4 + 3], 0);
        assertEquals(a, matte.pixels()[p * 3 + 2], 0);
      }
    }
  }

  @Test
  void strengthBlendsStylizedAndOriginalColour() {
    AtlasSet set = scene.atlases().withStylizedForeground(solid(96, 96, 1, 0, 0));
    AtlasTexture half = set.foregroundAt(0.5f);
    AtlasTexture none = set.foregroundAt(0f);
    assertArrayEquals(scene.atlases().foreground().rgb(), none.rgb(), 1e-6f);
    float[] out = new float[3];
    float[] orig = new float[3];
    half.sample(0.1f, -0.2f, out, 0);
    scene.atlases().foreground().sample(0.1f, -0.2f, orig, 0);
    assertEquals(0.5 + 0.5 * orig[0], out[0], 1e-5);
    assertEquals(0.5 * orig[1], out[1], 1e-5);
  }

  @Test
  void rendersAtAnyResolutionAndThreadCountGivesTheSameFrame() throws Exception {
    ClipRenderer renderer = new ClipRenderer(scene, scene.atlases());
    List<Frame> one = new ArrayList<>();
    List<Frame> four = new ArrayList<>();
    RenderSettings s = RenderSettings.composite(211, 117);
    renderer.render(
        t -> clip.clip().frame(t),
        new RenderSettings(OutputMode.COMPOSITE, 1, 211, 117, 1),
        ProgressSink.NONE,
        (t, f) -> one.add(f));
    renderer.render(
        t -> clip.clip().frame(t),
        new RenderSettings(OutputMode.COMPOSITE, 1, 211, 117, 4),
        ProgressSink.NONE,
        (t, f) -> four.add(f));
    assertEquals(clip.clip().frameCount(), one.size());
    assertEquals(211, one.get(0).width());
    assertEquals(117, one.get(0).height());
    for (int t = 0; t < one.size(); t++) {
      assertTrue(Arrays.equals(one.get(t).pixels(), four.get(t).pixels()), "frame " + t);
    }
    Frame upscaled = FrameResampler.resize(clip.clip().frame(3), 211, 117);
    assertTrue(
        ImageMetrics.psnr(one.get(3), upscaled) > 28,
        "high-resolution composite follows the source");
    assertEquals(s.width(), 211);
  }

  @Test
  void atlasExportImportRoundTripsAndRejectsOtherSizes(@TempDir Path dir) throws Exception {
    AtlasTexture fg = scene.atlases().foreground();
    Path file = dir.resolve("fg.png");
    AtlasFiles.write(fg, file);
    AtlasTexture back = AtlasFiles.read(file, fg.width(), fg.height());
    for (int i = 0; i < fg.rgb().length; i++) {
      assertEquals(Math.max(0, Math.min(1, fg.rgb()[i])), back.rgb()[i], 0.5 / 255 + 1e-6);
    }
    InputException e = assertThrows(InputException.class, () -> AtlasFiles.read(file, 64, 64));
    assertTrue(
        e.getMessage().contains("fg.png") && e.getMessage().contains("96x96"), e.getMessage());
    assertThrows(InputException.class, () -> AtlasFiles.read(dir.resolve("missing.png"), 0, 0));
  }

  @Test
  void outputModeNamesParse() {
    assertEquals(OutputMode.FOREGROUND_LAYER, OutputMode.parse("foreground-layer"));
    InputException e = assertThrows(InputException.class, () -> OutputMode.parse("sepia"));
    assertTrue(e.getMessage().contains("composite"), e.getMessage());
  }

  static AtlasTexture solid(int w, int h, float r, float g, float b) {
    float[] rgb = new float[w * h * 3];
    for (int p = 0; p < w * h; p++) {
      rgb[p * 3] = r;
      rgb[p * 3 + 1] = g;
      rgb[p * 3 + 2] = b;
    }
    return new AtlasTexture(w, h, rgb);
  }
}
