package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FrameResizerTest {

  @Test
  void longEdgeKeepsTheAspectRatio() {
    assertEquals(
        new FrameSize(768, 432),
        new FrameSize(854, 480).fitLongEdge(ClipRequest.DEFAULT_LONG_EDGE));
    assertEquals(new FrameSize(432, 768), new FrameSize(480, 854).fitLongEdge(768));
    assertEquals(new FrameSize(512, 288), new FrameSize(256, 144).fitLongEdge(512));
    assertEquals(new FrameSize(854, 480), new FrameSize(854, 480).fitLongEdge(0));
    assertEquals(new FrameSize(100, 1), new FrameSize(1000, 2).fitLongEdge(100));
  }

  @Test
  void halvingAveragesEachTwoByTwoBlock() {
    // A 4x2 RGB frame whose red channel is 0, 1, 2, ... and whose green is above 1 (float input).
    float[] px = new float[4 * 2 * 3];
    for (int p = 0; p < 8; p++) {
      px[p * 3] = p;
      px[p * 3 + 1] = 5f;
    }
    Frame half = FrameResizer.resize(new Frame(4, 2, 3, px), new FrameSize(2, 1));
    assertEquals((0 + 1 + 4 + 5) / 4f, half.get(0, 0, 0), 1e-5);
    assertEquals((2 + 3 + 6 + 7) / 4f, half.get(1, 0, 0), 1e-5);
    assertEquals(5f, half.get(1, 0, 1), 1e-5);
  }

  @Test
  void mattesResizeByArea() {
    Matte m = new Matte(4, 4, new float[] {1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
    Matte small = FrameResizer.fitLongEdge(m, 2);
    assertEquals(new FrameSize(2, 2), small.size());
    assertEquals(1f, small.get(0, 0), 1e-6);
    assertEquals(0.25f, small.get(0, 1), 1e-6);
    assertEquals(0f, small.get(1, 1), 1e-6);
  }

  @Test
  void sameSizeReturnsTheInput() {
    Frame f = Frame.blank(8, 6, 4);
    assertSame(f, FrameResizer.resize(f, new FrameSize(8, 6)));
  }
}
