package org.styleatlas.engine.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bending object: its pose is invertible, not affine, and a bend of 0 is the rigid clip. */
class BendingObjectTest {
  @Test
  void bentPoseMapsBackExactly() {
    ObjectPose p = new ObjectPose(30, 18, 9, -2, 3, 7, 0.4);
    for (double u = -1; u <= 1; u += 0.25) {
      for (double v = -1; v <= 1; v += 0.5) {
        double[] xy = p.toPixel(u, v);
        double[] back = p.toObject(xy[0], xy[1]);
        assertEquals(u, back[0], 1e-9);
        assertEquals(v, back[1], 1e-9);
      }
    }
  }

  /** The midpoint of two object points is not mapped to the midpoint of their pixels. */
  @Test
  void bentPoseIsNotAffine() {
    ObjectPose p = new ObjectPose(30, 18, 9, 0, 0, 7, 0.4);
    double[] a = p.toPixel(0, 0);
    double[] b = p.toPixel(1, 0);
    double[] mid = p.toPixel(0.5, 0); // 0.4·sin(π/2)·7 = 2.8 px off the chord
    assertTrue(Math.abs((a[1] + b[1]) / 2 - mid[1]) > 1, "bend visible in pixels");
  }

  @Test
  void noBendIsTheRigidClipAndTheBendMoves() {
    SyntheticClipSpec small = SyntheticClipSpec.embeddedDefault().resized(48, 27, 4);
    SyntheticClip rigid = SyntheticClipGenerator.generate(small.rigid());
    SyntheticClip none = SyntheticClipGenerator.generate(small.bending(0));
    assertArrayEquals(rigid.clip().frame(1).pixels(), none.clip().frame(1).pixels(), 0f);
    SyntheticClip bent = SyntheticClipGenerator.generate(small.bending(0.5));
    assertTrue(bent.poses().get(0).bend() != bent.poses().get(1).bend(), "the bend changes");
    assertThrows(IllegalArgumentException.class, () -> small.bending(1.5));
  }
}
