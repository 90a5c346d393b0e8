package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.DecomposeSettings;

/**
 * {@link ClipRecords}: the render path reads a clip's record once, however many frames it renders.
 */
class ClipRecordsTest {
  private static final int RENDERS = 50;

  @Test
  void aClipRecordIsReadOnceForManyRendersAndAnUnknownClipIsAskedForAgain(@TempDir Path dir)
      throws Exception {
    ClipStore store = new ClipStore(new ContentCache(dir, 1L << 30));
    List<String> frames = List.of("a".repeat(16), "b".repeat(16), "c".repeat(16));
    ClipRecord clip =
        new ClipRecord(
            ClipStore.clipId(frames),
            64,
            36,
            new DecomposeSettings("alpha", DecomposeSettings.FULL_FRAME),
            frames);
    store.putClip(clip);
    ClipRecords records = new ClipRecords(store);
    for (int i = 0; i < RENDERS; i++) {
      assertEquals(clip, records.get(clip.id()).orElseThrow(), "render " + i);
    }
    assertEquals(1, records.reads(), RENDERS + " renders of one clip read its record once");

    String unknown = ClipStore.clipId(List.of("d".repeat(16)));
    assertTrue(records.get(unknown).isEmpty());
    assertTrue(records.get(unknown).isEmpty());
    assertEquals(3, records.reads(), "a clip missing from the store is not remembered as missing");
  }
}
