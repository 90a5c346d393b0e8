package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video I/O speed, for docs/BENCHMARKS.md. Off by default; run with {@code mvn -B -q -pl engine -am
 * test -Dtest=VideoIoBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dstyleatlas.bench=true}.
 * Each figure is the median of {@link #RUNS} runs.
 */
@EnabledIfSystemProperty(named = "styleatlas.bench", matches = "true")
class VideoIoBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(VideoIoBenchmark.class);
  private static final int RUNS = 5;

  @TempDir Path dir;

  @Test
  void h264DecodeAt480p() throws Exception {
    h264Decode(854, 480, 60);
  }

  @Test
  void h264DecodeAt1080p() throws Exception {
    h264Decode(1920, 1080, 30);
  }

  @Test
  void exrWriteAndReadAt480p() throws Exception {
    List<Frame> frames = TestFrames.ramps(854, 480, 10, 4, 4f);
    double[] writeFps = new double[RUNS];
    double[] readFps = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      Path out = dir.resolve("exr-" + run);
      long t0 = System.nanoTime();
      ClipWriter.write(frames, Clip.DEFAULT_FPS, out, OutputFormat.EXR_SEQUENCE);
      long t1 = System.nanoTime();
      int read = SourceReader.frames(out, 0).count();
      long t2 = System.nanoTime();
      assertEquals(frames.size(), read);
      writeFps[run] = frames.size() / ((t1 - t0) / 1e9);
      readFps[run] = frames.size() / ((t2 - t1) / 1e9);
    }
    LOG.info(
        "EXR 854x480 RGBA float (zip16): write {} frames/s, read {} frames/s",
        median(writeFps),
        median(readFps));
  }

  /** Encodes a test clip once, then times decoding it to frames (decode, YUV to RGB, to float). */
  private void h264Decode(int width, int height, int count) throws Exception {
    List<Frame> frames = new ArrayList<>(TestFrames.ramps(width, height, count, 3, 1f));
    Path video = dir.resolve(width + "x" + height + ".mp4");
    long e0 = System.nanoTime();
    ClipWriter.write(frames, 30, video, OutputFormat.H264_MP4);
    double encodeFps = count / ((System.nanoTime() - e0) / 1e9);
    frames.clear();
    double[] fps = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long t0 = System.nanoTime();
      int decoded = 0;
      try (VideoDecoder decoder = VideoDecoder.open(video)) {
        while (decoder.next() != null) {
          decoded++;
        }
      }
      fps[run] = decoded / ((System.nanoTime() - t0) / 1e9);
      assertEquals(count, decoded);
    }
    LOG.info(
        "H.264 {}x{}: decode to float RGB {} frames/s (runs {}), encode {} frames/s (one run)",
        width,
        height,
        median(fps),
        Arrays.toString(round(fps)),
        Math.round(encodeFps));
  }

  private static long median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return Math.round(sorted[sorted.length / 2]);
  }

  private static long[] round(double[] values) {
    return Arrays.stream(values).mapToLong(Math::round).toArray();
  }
}
