package org.styleatlas.engine.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

class SyntheticClipGeneratorTest {

  @Test
  void sameSeedGivesTheSameClip() {
    SyntheticClipSpec spec = SyntheticClipSpec.embeddedDefault().resized(64, 36, 6);
    SyntheticClip a = SyntheticClipGenerator.generate(spec);
    SyntheticClip b = SyntheticClipGenerator.generate(spec);
    assertEquals(a.clip().frames(), b.clip().frames());
    assertEquals(a.clip().mattes(), b.clip().mattes());
    assertEquals(a.poses(), b.poses());
  }

  @Test
  void otherSeedGivesAnotherClip() {
    SyntheticClipSpec spec = SyntheticClipSpec.embeddedDefault().resized(64, 36, 4);
    SyntheticClipSpec other =
        new SyntheticClipSpec(64, 36, 4, spec.seed() + 1, spec.deformation(), spec.fps());
    assertNotEquals(
        SyntheticClipGenerator.generate(spec).clip().frames(),
        SyntheticClipGenerator.generate(other).clip().frames());
  }

  @Test
  void embeddedDefaultHasItsDocumentedShapeAndAMatte() {
    Clip clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()).clip();
    assertEquals(48, clip.frameCount());
    assertEquals(256, clip.width());
    assertEquals(144, clip.height());
    assertTrue(clip.hasMatte());
    for (Matte m : clip.mattes().orElseThrow()) {
      assertTrue(
          m.coverage() > 0.03 && m.coverage() < 0.5, "object visible but not filling the frame");
    }
  }

  @Test
  void matteAndPoseAgree() {
    SyntheticClip s =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(128, 72, 5));
    for (int t = 0; t < 5; t++) {
      ObjectPose pose = s.poses().get(t);
      double[] centre = pose.toPixel(0, 0);
      assertEquals(1f, s.clip().matte(t).get((int) centre[0], (int) centre[1]), 1e-6);
      double[] outside = pose.toPixel(1.6, 0);
      int x = (int) Math.max(0, Math.min(127, outside[0]));
      int y = (int) Math.max(0, Math.min(71, outside[1]));
      assertEquals(0f, s.clip().matte(t).get(x, y), 1e-6);
      double[] uv = pose.toObject(centre[0] + 3, centre[1] - 2);
      double[] back = pose.toPixel(uv[0], uv[1]);
      assertEquals(centre[0] + 3, back[0], 1e-9);
      assertEquals(centre[1] - 2, back[1], 1e-9);
    }
  }

  @Test
  void objectMovesAndBackgroundPans() {
    SyntheticClip s =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(96, 54, 8));
    assertTrue(
        s.poses().get(7).cx() - s.poses().get(0).cx() > 10, "object travels across the frame");
    assertTrue(s.backgroundOffsets().get(7) > s.backgroundOffsets().get(0), "background pans");
    Frame f = s.clip().frame(0);
    assertEquals(-1, f.firstNonFinite());
  }

  @Test
  void rigidVariantKeepsTheObjectShape() {
    SyntheticClip s =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().rigid().resized(96, 54, 8));
    ObjectPose p0 = s.poses().get(0);
    for (ObjectPose p : s.poses()) {
      assertEquals(
          p0.a() * p0.d() - p0.b() * p0.c(), p.a() * p.d() - p.b() * p.c(), 1e-6, "area preserved");
    }
  }
}
