package org.styleatlas.engine.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes "faststart" H.264 MP4s (the index, {@code moov}, before the pictures, as web and camera
 * exports are), and cuts them short: a truncated faststart file still opens and lists every frame
 * in its index, while most of the pictures are missing (#19.8). For tests, also of other modules.
 */
public final class FaststartMp4 {
  private FaststartMp4() {}

  /** A faststart MP4 of {@code frames} 64x48 frames of changing grey at 24 fps. */
  public static Path write(Path out, int frames) throws IOException {
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), 64, 48)) {
      r.setFormat("mp4");
      r.setVideoCodecName("libopenh264");
      r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      r.setFrameRate(24);
      r.setVideoBitrate(400_000);
      r.setOption("movflags", "+faststart");
      r.start();
      try (Java2DFrameConverter conv = new Java2DFrameConverter()) {
        for (int t = 0; t < frames; t++) {
          java.awt.image.BufferedImage img =
              new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
          byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
          for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 7 + t * 40) & 0xff);
          }
          r.record(conv.convert(img));
        }
      }
      r.stop();
    }
    return out;
  }

  /** A copy of {@code mp4} with only its first {@code fraction} of bytes. */
  public static Path truncate(Path mp4, double fraction, Path out) throws IOException {
    byte[] whole = Files.readAllBytes(mp4);
    return Files.write(out, Arrays.copyOf(whole, (int) (whole.length * fraction)));
  }
}
