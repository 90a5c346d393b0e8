package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P10LE;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Encodes frames into a movie file with FFmpeg:
 *
 * <ul>
 *   <li>H.264 in MP4 (openh264, 8-bit 4:2:0, about 0.5 bit per pixel); alpha is dropped;
 *   <li>ProRes 4444 in QuickTime (prores_ks, 10-bit 4:4:4), with a 16-bit alpha plane when the frames have
 *       alpha.
 * </ul>
 *
 * The file appears only when complete: it is encoded under a temporary name beside it, then renamed.
 */
final class VideoFileWriter {
  /** Bits per pixel per frame for H.264: high enough that a round trip stays within a few levels. */
  private static final double H264_BITS_PER_PIXEL = 0.5;

  private VideoFileWriter() {}

  static void writeH264(List<Frame> frames, double fps, Path out) throws IOException {
    FrameSize size = frames.get(0).size();
    if (size.width() % 2 != 0 || size.height() % 2 != 0) {
      throw InputException.of(out, "H.264 needs an even width and height, the frames are " + size);
    }
    AtomicFiles.replace(out, tmp -> {
      try (FFmpegFrameRecorder recorder = recorder(tmp, size, fps, "mp4", "libopenh264")) {
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
            size.width() * (double) size.height() * fps * H264_BITS_PER_PIXEL));
        recorder.setVideoOption("allow_skip_frames", "0");
        PackedPixels packed = new PackedPixels(size, 3);
        record(recorder, out, frames, frame -> recorder.recordImage(size.width(), size.height(),
            org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, packed.byteStride(), AV_PIX_FMT_RGB24,
            packed.bytes(frame)));
        Reference.reachabilityFence(packed);
      }
    });
  }

  static void writeProRes4444(List<Frame> frames, double fps, Path out) throws IOException {
    FrameSize size = frames.get(0).size();
    int channels = frames.get(0).channels();
    AtomicFiles.replace(out, tmp -> {
      try (FFmpegFrameRecorder recorder = recorder(tmp, size, fps, "mov", "prores_ks")) {
        recorder.setPixelFormat(channels == 4 ? AV_PIX_FMT_YUVA444P10LE : AV_PIX_FMT_YUV444P10LE);
        recorder.setVideoOption("profile", "4444");
        recorder.setVideoOption("vendor", "apl0");
        PackedPixels packed = new PackedPixels(size, channels);
        record(recorder, out, frames, frame -> recorder.recordImage(size.width(), size.height(),
            org.bytedeco.javacv.Frame.DEPTH_USHORT, channels, packed.shortStride(),
            channels == 4 ? AV_PIX_FMT_RGBA64LE : AV_PIX_FMT_RGB48LE, packed.shorts(frame)));
        Reference.reachabilityFence(packed);
      }
    });
  }

  private static FFmpegFrameRecorder recorder(Path file, FrameSize size, double fps, String container,
      String codec) {
    FfmpegLog.install();
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), size.width(), size.height());
    recorder.setFormat(container);
    recorder.setVideoCodecName(codec);
    recorder.setFrameRate(fps);
    // JavaCV converts RGB to YUV with BT.601 coefficients; say so in the stream, so readers decode alike.
    recorder.setVideoOption("colorspace", "smpte170m");
    recorder.setVideoOption("color_range", "tv");
    return recorder;
  }

  /** One frame handed to the encoder. */
  @FunctionalInterface
  private interface FrameEncoder {
    void encode(Frame frame) throws FrameRecorder.Exception;
  }

  private static void record(FFmpegFrameRecorder recorder, Path out, List<Frame> frames,
      FrameEncoder encoder) throws IOException {
    try {
      recorder.start();
      for (Frame frame : frames) {
        encoder.encode(frame);
      }
      recorder.stop();
    } catch (FrameRecorder.Exception e) {
      throw new IOException(out + ": FFmpeg cannot encode: " + e.getMessage(), e);
    }
  }
}
