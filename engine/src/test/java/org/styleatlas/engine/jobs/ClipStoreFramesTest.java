package org.styleatlas.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.cache.FrameFingerprint;

/**
 * {@link ClipStore}'s frames: stored as {@link Float32Files}, read back, and confirmed against a
 * request's planes.
 */
class ClipStoreFramesTest {
  private static final int W = 4;
  private static final int H = 3;

  @TempDir Path dir;

  private static ByteBuffer plane(int floats, float offset) {
    ByteBuffer b = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
    for (int i = 0; i < floats; i++) {
      b.putFloat(4 * i, offset + i / 100f);
    }
    return b;
  }

  @Test
  void aStoredFrameReadsBackAndIsConfirmedOnlyByTheSamePlanes() throws Exception {
    ClipStore store = new ClipStore(new ContentCache(dir, 1L << 30));
    ByteBuffer rgba = plane(W * H * 4, 0);
    ByteBuffer matte = plane(W * H, 0.5f);
    String id = FrameFingerprint.of(W, H, rgba, matte, "input-alpha");
    store.putFrame(id, W, H, rgba, matte);
    assertTrue(
        store.sameFrame(id, plane(W * H * 4, 0), plane(W * H, 0.5f)),
        "the same planes are confirmed");
    assertFalse(
        store.sameFrame(id, plane(W * H * 4, 1e-3f), matte),
        "other pixels under the same id are not");
    assertFalse(store.sameFrame(id, rgba, null), "nor the same pixels without the matte");
    assertFalse(
        store.sameFrame(FrameFingerprint.of(W, H, rgba, null, "x"), rgba, null),
        "nor an unknown id");

    ClipRecord clip =
        new ClipRecord(
            ClipStore.clipId(List.of(id)),
            W,
            H,
            new DecomposeSettings("alpha", DecomposeSettings.FULL_FRAME),
            List.of(id));
    float[] expected = new float[W * H * 4];
    rgba.asFloatBuffer().get(expected);
    assertArrayEquals(expected, store.frame(clip, 0).pixels(), "the frame reads back as stored");
  }
}
