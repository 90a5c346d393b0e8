package org.styleatlas.engine.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.ClipLayerMaps;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.DecompositionSchedule;
import org.styleatlas.engine.render.LayerMapFrames;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * {@link ResolutionMapCache} fed frame by frame by a learned decomposition (a short fast-mode run on the
 * generated clip): the streamed entry holds the bytes the whole-clip write gave, reads back as a direct
 * evaluation, and an evaluation that fails half-way leaves neither an entry nor a temporary file.
 */
class ResolutionMapCacheStreamTest {
  private static final int W = 40;
  private static final int H = 23;

  @TempDir static Path decompositionCache;
  static Decomposition decomposition;

  @TempDir Path dir;

  @BeforeAll
  static void decompose() throws IOException {
    DecompositionConfig fast = DecompositionConfig.fast();
    DecompositionConfig config = fast.withSchedule(new DecompositionSchedule(10, 10, 256, 1, 50)).withAtlasResolution(32);
    decomposition = DecompositionJob.builder()
        .setClip(SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(32, 18, 4)).clip())
        .setConfig(config).optCache(new ContentCache(decompositionCache, 1L << 30)).build().run();
  }

  @AfterAll
  static void close() {
    if (decomposition != null) {
      decomposition.close();
    }
  }

  private static CacheKey key() {
    return decomposition.entry().key();
  }

  private static int frames() {
    return decomposition.geometry().frames();
  }

  @Test
  void streamedFilesAreTheWholeClipWritesBytesAndReadBackAsADirectEvaluation() throws IOException {
    List<Long> progress = new ArrayList<>();
    ContentCache cache = new ContentCache(dir.resolve("cache"), 1L << 30);
    ResolutionMapCache maps = new ResolutionMapCache(cache);
    LayerMapFrames streamed = maps.get(key(), W, H, frames(), sink -> decomposition.evaluate(W, H, 0, frames(), false,
        (task, done, total, detail) -> progress.add(done * 100 + total), sink));
    assertEquals(1, maps.evaluations());
    List<Long> expected = new ArrayList<>();
    for (long done = 1; done <= frames(); done++) {
      expected.add(done * 100 + frames());
    }
    assertEquals(expected, progress, "progress after each frame, as done of total");

    ClipLayerMaps direct = decomposition.evaluate(W, H, false, ProgressSink.NONE);
    Path whole = dir.resolve("whole");
    Files.createDirectories(whole);
    Float32Files.write(whole.resolve(DecompositionFiles.UV_FOREGROUND), direct.uvForeground());
    Float32Files.write(whole.resolve(DecompositionFiles.UV_BACKGROUND), direct.uvBackground());
    Float32Files.write(whole.resolve(DecompositionFiles.ALPHA), direct.alpha());
    Path entry = cache.find(ResolutionMapCache.key(key(), W, H)).orElseThrow().dir();
    for (String file : List.of(DecompositionFiles.UV_FOREGROUND, DecompositionFiles.UV_BACKGROUND,
        DecompositionFiles.ALPHA)) {
      assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(entry.resolve(file)), file);
    }
    for (int t = 0; t < frames(); t++) {
      org.styleatlas.engine.render.FrameLayerMaps frame = streamed.frame(t);
      assertArrayEquals(direct.uvForeground().get(t), frame.foregroundUv(), "frame " + t);
      assertArrayEquals(direct.uvBackground().get(t), frame.backgroundUv(), "frame " + t);
      assertArrayEquals(direct.alpha().get(t), frame.alpha(), "frame " + t);
    }
  }

  @Test
  void aSinkFailureHalfWayLeavesNoEntryAndNoTemporaryFile() throws IOException {
    List<Integer> written = new ArrayList<>();
    IOException e = assertFailureLeavesNothing(IOException.class,
        sink -> decomposition.evaluate(W, H, 0, frames(), false, ProgressSink.NONE, m -> {
          if (m.frame() == 2) {
            throw new IOException("No space left on device");
          }
          sink.accept(m);
          written.add(m.frame());
        }));
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(List.of(0, 1), written, "two frames were streamed before the failure");
  }

  @Test
  void aCancellationHalfWayLeavesNoEntryAndNoTemporaryFile() throws IOException {
    assertFailureLeavesNothing(CancellationException.class,
        sink -> decomposition.evaluate(W, H, 0, frames(), false, (task, done, total, detail) -> {
          if (done == 2) {
            throw new CancellationException("stopped by the user");
          }
        }, sink));
  }

  @Test
  void anEvaluationThatHandsOverTooFewFramesLeavesNoEntry() throws IOException {
    assertFailureLeavesNothing(IllegalStateException.class,
        sink -> decomposition.evaluate(W, H, 0, frames() - 1, false, ProgressSink.NONE, sink));
  }

  /**
   * {@code failing} fails with {@code type} through a fresh cache, which then holds no entry, no file but its
   * lock, and no count of the evaluation; a later complete evaluation is stored.
   */
  private <T extends Throwable> T assertFailureLeavesNothing(Class<T> type, ResolutionMapCache.Evaluation failing)
      throws IOException {
    ContentCache cache = new ContentCache(dir, 1L << 30);
    ResolutionMapCache maps = new ResolutionMapCache(cache);
    T e = assertThrows(type, () -> maps.get(key(), W, H, frames(), failing));
    assertFalse(cache.find(ResolutionMapCache.key(key(), W, H)).isPresent(), "no entry");
    assertEquals(0, maps.evaluations(), "a failed evaluation is not counted");
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve(".locks")))
          .toList(), "no file but the lock");
    }
    LayerMapFrames again = maps.get(key(), W, H, frames(),
        sink -> decomposition.evaluate(W, H, 0, frames(), false, ProgressSink.NONE, sink));
    assertEquals(1, maps.evaluations(), "a later call evaluates and stores the maps");
    assertEquals(frames(), again.frameCount());
    return e;
  }
}
