package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.testing.SharedData;

/**
 * Every kind of bad input fails with an {@link InputException} that names the file and the problem.
 */
class BadInputTest {

  @TempDir Path dir;

  private static void assertRejected(ClipRequest request, Path named, String problem) {
    InputException e = assertThrows(InputException.class, () -> ClipReader.read(request));
    assertTrue(e.getMessage().contains(named.toString()), "names " + named + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(problem), "says '" + problem + "': " + e.getMessage());
  }

  private Path pngFolder(String name, List<Frame> frames) throws Exception {
    Path folder = dir.resolve(name);
    ClipWriter.write(frames, Clip.DEFAULT_FPS, folder, OutputFormat.PNG_SEQUENCE);
    return folder;
  }

  @Test
  void missingSource() {
    Path missing = dir.resolve("nothing.mp4");
    assertRejected(ClipRequest.nativeSize(missing, Optional.empty()), missing, "no such file");
  }

  @Test
  void missingMatte() throws Exception {
    Path frames = pngFolder("frames", TestFrames.ramps(2, 3, 1f));
    Path missing = dir.resolve("masks");
    assertRejected(ClipRequest.nativeSize(frames, Optional.of(missing)), missing, "no such file");
  }

  @Test
  void unreadableVideo() throws Exception {
    Path video = dir.resolve("broken.mp4");
    Files.writeString(video, "this is not a video");
    assertRejected(ClipRequest.nativeSize(video, Optional.empty()), video, "not a readable video");
  }

  @Test
  void zeroFrameVideo() throws Exception {
    Path video = dir.resolve("empty.mov");
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), 64, 48)) {
      recorder.setFormat("mov");
      recorder.setVideoCodecName("prores_ks");
      recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE);
      recorder.start();
      recorder.stop();
    }
    assertRejected(ClipRequest.nativeSize(video, Optional.empty()), video, "no video frames");
  }

  @Test
  void matteWithTooFewFrames() throws Exception {
    Path frames = pngFolder("frames", TestFrames.ramps(3, 3, 1f));
    Path masks = pngFolder("masks", TestFrames.ramps(2, 3, 1f));
    assertRejected(
        ClipRequest.nativeSize(frames, Optional.of(masks)),
        masks,
        "matte has 2 frames but the clip " + frames + " has 3");
  }

  @Test
  void matteOfAnotherSize() throws Exception {
    Path frames = pngFolder("frames", TestFrames.ramps(2, 3, 1f));
    Path masks = pngFolder("masks", List.of(Frame.blank(32, 24, 3), Frame.blank(32, 24, 3)));
    assertRejected(
        new ClipRequest(frames, Optional.of(masks), 16),
        masks,
        "matte is 32x24 but the clip " + frames + " is 64x48");
  }

  @Test
  void framesOfDifferentSizes() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    ClipWriter.writePng(Frame.blank(64, 48, 3), frames.resolve("00000.png"));
    ClipWriter.writePng(Frame.blank(32, 24, 3), frames.resolve("00001.png"));
    assertRejected(
        ClipRequest.nativeSize(frames, Optional.empty()),
        frames,
        "frames of different sizes: 00001.png is 32x24 but 00000.png is 64x48");
  }

  @Test
  void truncatedJpeg() throws Exception {
    byte[] whole = Files.readAllBytes(SharedData.frames("blackswan").resolve("00000.jpg"));
    Path folder = Files.createDirectories(dir.resolve("jpegs"));
    Files.write(folder.resolve("00000.jpg"), whole);
    Path cut = folder.resolve("00001.jpg");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    assertRejected(ClipRequest.nativeSize(folder, Optional.empty()), cut, "truncated JPEG");
  }

  @Test
  void nanInFloatInput() throws Exception {
    Frame frame = TestFrames.ramps(1, 3, 1f).get(0);
    frame.pixels()[(2 * frame.width() + 3) * 3 + 1] = Float.NaN;
    Path folder = dir.resolve("frames-exr");
    ClipWriter.write(List.of(frame), Clip.DEFAULT_FPS, folder, OutputFormat.EXR_SEQUENCE);
    assertRejected(
        ClipRequest.nativeSize(folder, Optional.empty()),
        folder.resolve("00000.exr"),
        "pixel (3, 2) channel 1 is NaN");
  }

  @Test
  void infinityInFloatInput() throws Exception {
    Frame frame = TestFrames.ramps(1, 4, 1f).get(0);
    frame.pixels()[3] = Float.POSITIVE_INFINITY;
    Path folder = dir.resolve("frames-exr");
    ClipWriter.write(List.of(frame), Clip.DEFAULT_FPS, folder, OutputFormat.EXR_SEQUENCE);
    assertRejected(
        ClipRequest.nativeSize(folder, Optional.empty()),
        folder.resolve("00000.exr"),
        "pixel (0, 0) channel 3 is Infinity");
  }

  @Test
  void h264RejectsOddSizes() {
    Path out = dir.resolve("odd.mp4");
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                ClipWriter.write(List.of(Frame.blank(63, 48, 3)), 24, out, OutputFormat.H264_MP4));
    assertTrue(
        e.getMessage().startsWith(out + ": H.264 needs an even width and height"), e.getMessage());
  }
}
