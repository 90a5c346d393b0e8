package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.pipeline.DecompositionBudget;
import org.styleatlas.engine.pipeline.PipelineSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.OutputFormat;

/**
 * #19.6: a decomposition's memory is estimated before any frame is read and refused in one line
 * when it cannot fit; the limits are injected (no gigabytes are allocated).
 */
class DecompositionBudgetTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final Path SOURCE = Path.of("/clips/long.mp4");

  @TempDir Path dir;

  @Test
  void theEstimateCountsEveryPixelOfEveryFrameAndTheBatch() {
    DecompositionBudget.Estimate e =
        DecompositionBudget.estimate(48, new FrameSize(2048, 1152), 10_000);
    assertEquals(48L * 2048 * 1152 * DecompositionBudget.HEAP_BYTES_PER_PIXEL_FRAME, e.heapBytes());
    assertEquals(
        512 * MIB + 10_000L * DecompositionBudget.NATIVE_BYTES_PER_BATCH_PIXEL, e.nativeBytes());
    DecompositionBudget.Estimate twice =
        DecompositionBudget.estimate(96, new FrameSize(2048, 1152), 10_000);
    assertEquals(2 * e.heapBytes(), twice.heapBytes(), "linear in frames");
  }

  @Test
  void aClipTooLargeForTheHeapIsRefusedWithTheSizeAndTheNumbers() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                new DecompositionBudget(8 * GIB, 0)
                    .require(SOURCE, 48, new FrameSize(2048, 1152), 10_000));
    String m = e.getMessage();
    assertTrue(m.contains(SOURCE.toString()), m);
    assertTrue(m.contains("48 frames at 2048x1152"), m);
    assertTrue(m.contains("14.8 GiB of Java heap") && m.contains("Java may use 6.4 GiB"), m);
    assertTrue(m.contains("--size") && m.contains("-Xmx"), m);
    assertFalse(m.contains("\n"), "one line");
  }

  @Test
  void aClipTooLargeForTheMachineIsRefusedEvenWithAHugeHeap() {
    String m =
        assertThrows(
                InputException.class,
                () ->
                    new DecompositionBudget(64 * GIB, 2 * GIB)
                        .require(SOURCE, 48, new FrameSize(1024, 576), 10_000))
            .getMessage();
    assertTrue(m.contains("the machine has 2.0 GiB available"), m);
    assertFalse(m.contains("-Xmx"), "more heap would not help: " + m);
  }

  @Test
  void aSmallClipFits() {
    assertDoesNotThrow(
        () ->
            new DecompositionBudget(GIB, 4 * GIB)
                .require(SOURCE, 48, new FrameSize(384, 216), 2048));
  }

  @Test
  void prepareRefusesBeforeReadingAnyFrame() throws IOException {
    List<Frame> frames = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      frames.add(new Frame(64, 36, 4, new float[64 * 36 * 4]));
    }
    Path source = dir.resolve("frames");
    ClipWriter.write(frames, 24, source, OutputFormat.PNG_SEQUENCE);
    ContentCache cache = new ContentCache(dir.resolve("cache"), 1L << 30);
    ClipStore clips = new ClipStore(cache);
    // 3 frames of 64x36 hold about 0.9 MB: a 512 KiB "heap" cannot take them
    FileClips files =
        new FileClips(
            cache,
            clips,
            PipelineSettings.fromEnvironment(),
            null,
            new DecompositionBudget(512 * 1024, 0));
    ClipFiles clip =
        ClipFiles.of(
            source, Optional.empty(), Optional.of(64), Optional.of("fast"), Optional.empty());
    InputException e =
        assertThrows(
            InputException.class,
            () -> files.prepare(clip, ProgressSink.NONE, Cancellation.none()));
    assertTrue(e.getMessage().contains("3 frames at 64x36"), e.getMessage());
    assertEquals(List.of(), cache.list(), "nothing was read, hashed or recorded");
  }
}
