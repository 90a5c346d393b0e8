package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.testing.SmallFileSystem;

/**
 * #19.1: a full disk never replaces a good output with a truncated one. Each writer fills a
 * temporary file, checks it (the encoder's output read back), and only then renames it; on failure
 * the old file stays, the error names the file, and no temporary is left behind. Temporaries of
 * killed writers are cleaned.
 */
class FullDiskWriteTest {
  private static final double FPS = 24;
  @TempDir Path dir;

  /** Frames of noise, which no encoder can squeeze into a few kilobytes. */
  private static List<Frame> frames(int count, float scale) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(count);
    List<Frame> out = new java.util.ArrayList<>();
    for (int t = 0; t < count; t++) {
      float[] px = new float[256 * 192 * 3];
      for (int i = 0; i < px.length; i++) {
        px[i] = scale * (float) rnd.nextDouble();
      }
      out.add(new Frame(256, 192, 3, px));
    }
    return out;
  }

  private static void assertOnlyOutputsAndFiller(Path root, String... names) throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      List<String> left = files.map(p -> p.getFileName().toString()).sorted().toList();
      List<String> expected =
          Stream.concat(Stream.of("filler"), Stream.of(names)).sorted().toList();
      assertEquals(expected, left, "no temporary left behind");
    }
  }

  @Test
  void aFullDiskKeepsTheOldVideosAndSaysWhichFile() throws Exception {
    try (SmallFileSystem fs = SmallFileSystem.mount(dir, 8)) {
      for (OutputFormat format : List.of(OutputFormat.H264_MP4, OutputFormat.PRORES_4444_MOV)) {
        Path out = fs.root().resolve(format == OutputFormat.H264_MP4 ? "out.mp4" : "out.mov");
        Files.deleteIfExists(fs.root().resolve("filler"));
        ClipWriter.write(frames(4, 1f), FPS, out, format);
        byte[] good = Files.readAllBytes(out);
        fs.fill(16 * 1024);
        IOException e =
            assertThrows(
                IOException.class,
                () -> ClipWriter.write(frames(24, 0.5f), FPS, out, format),
                format + " on a full disk must fail");
        assertTrue(
            e.getMessage().contains(out.toString()) && e.getMessage().contains("unchanged"),
            e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(out), format + ": the old file is unchanged");
        assertTrue(Files.readAllBytes(out).length > 0);
      }
      assertOnlyOutputsAndFiller(fs.root(), "out.mov", "out.mp4");
    }
  }

  @Test
  void aFullDiskKeepsTheOldReportAndImages() throws Exception {
    try (SmallFileSystem fs = SmallFileSystem.mount(dir, 1)) {
      Path report = fs.root().resolve("report.json");
      AtomicFiles.write(report, out -> out.write("{\"good\":true}".getBytes()));
      Path png = fs.root().resolve("atlas.png");
      ClipWriter.writePng(frames(1, 1f).get(0), png);
      byte[] goodPng = Files.readAllBytes(png);
      fs.fill(4 * 1024);
      IOException e =
          assertThrows(
              IOException.class,
              () -> AtomicFiles.write(report, out -> out.write(new byte[64 * 1024])));
      assertTrue(e.getMessage().contains(report.toString()), e.getMessage());
      assertEquals("{\"good\":true}", Files.readString(report));
      assertThrows(IOException.class, () -> ClipWriter.writePng(frames(2, 0.3f).get(1), png));
      assertArrayEquals(goodPng, Files.readAllBytes(png));
      assertOnlyOutputsAndFiller(fs.root(), "atlas.png", "report.json");
    }
  }

  @Test
  void temporariesOfAKilledWriterAreRemovedByTheNextWrite() throws IOException {
    Path out = dir.resolve("out.mp4");
    long deadPid = ProcessHandle.current().pid() + 1_000_000_000L;
    Path stale = dir.resolve(".out.mp4." + deadPid + "-1.tmp");
    Path live = dir.resolve(".out.mp4." + ProcessHandle.current().pid() + "-999999.tmp");
    Path other = dir.resolve(".other.mp4." + deadPid + "-1.tmp");
    for (Path p : List.of(stale, live, other)) {
      Files.write(p, new byte[10]);
    }
    ClipWriter.write(frames(2, 1f), FPS, out, OutputFormat.H264_MP4);
    assertTrue(Files.notExists(stale), "a dead writer's temporary is removed");
    assertTrue(Files.exists(live), "a running writer's temporary is kept");
    assertTrue(Files.exists(other), "another target's temporary is not ours to remove");
  }
}
