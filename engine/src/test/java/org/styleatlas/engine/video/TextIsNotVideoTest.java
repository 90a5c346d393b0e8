package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;

/**
 * #19.8: FFmpeg reads a text file as pictures of text (tty demuxer); probe and decoding refuse it.
 */
class TextIsNotVideoTest {
  @TempDir Path dir;

  @Test
  void aTextFileIsNotAVideo() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "a line of text\n".repeat(400));
    InputException e = assertThrows(InputException.class, () -> MediaInfo.probe(text));
    assertTrue(
        e.getMessage().contains(text.toString())
            && e.getMessage().contains("not a video or image file"),
        e.getMessage());
  }

  @Test
  void realContainersStillAre() throws IOException {
    Path mp4 = dir.resolve("ok.mp4");
    ClipWriter.write(TestFrames.ramps(64, 48, 3, 3, 1f), 24, mp4, OutputFormat.H264_MP4);
    assertEquals(3, MediaInfo.probe(mp4).frameCount());
    Path mov = dir.resolve("ok.mov");
    ClipWriter.write(TestFrames.ramps(64, 48, 2, 4, 1f), 24, mov, OutputFormat.PRORES_4444_MOV);
    assertEquals(2, MediaInfo.probe(mov).frameCount());
    assertTrue(
        VideoDecoder.isVideoOrImageContainer("png_pipe")
            && !VideoDecoder.isVideoOrImageContainer("tty"));
  }
}
