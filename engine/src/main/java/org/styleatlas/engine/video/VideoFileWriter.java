package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P10LE;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Encodes frames into a movie file with FFmpeg, each frame as it arrives (the encoder is opened for
 * the first frame's size and channels):
 *
 * <ul>
 *   <li>H.264 in MP4 (openh264, 8-bit 4:2:0, about 0.5 bit per pixel); alpha is dropped;
 *   <li>ProRes 4444 in QuickTime (prores_ks, 10-bit 4:4:4), with a 16-bit alpha plane when the
 *       frames have alpha.
 * </ul>
 *
 * The file appears only when complete: it is encoded under a temporary name beside it, forced to
 * disk, read back (every frame must be there), then renamed; when producing, encoding or writing a
 * frame fails (a full disk included), the temporary file is removed, an older file is kept and the
 * failure names the file.
 */
final class VideoFileWriter {
  /**
   * Bits per pixel per frame for H.264: high enough that a round trip stays within a few levels.
   */
  private static final double H264_BITS_PER_PIXEL = 0.5;

  private VideoFileWriter() {}

  static void writeH264(FrameStream frames, double fps, Path out) throws IOException {
    record(
        frames,
        out,
        (tmp, size, channels) -> {
          if (size.width() % 2 != 0 || size.height() % 2 != 0) {
            throw InputException.of(
                out, "H.264 needs an even width and height, the frames are " + size);
          }
          FFmpegFrameRecorder recorder = recorder(tmp, size, fps, "mp4", "libopenh264");
          recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
          recorder.setVideoBitrate(
              (int)
                  Math.min(
                      Integer.MAX_VALUE,
                      size.width() * (double) size.height() * fps * H264_BITS_PER_PIXEL));
          recorder.setVideoOption("allow_skip_frames", "0");
          PackedPixels packed = new PackedPixels(size, 3);
          return new Recording(
              recorder,
              packed,
              frame ->
                  recorder.recordImage(
                      size.width(),
                      size.height(),
                      org.bytedeco.javacv.Frame.DEPTH_UBYTE,
                      3,
                      packed.byteStride(),
                      AV_PIX_FMT_RGB24,
                      packed.bytes(frame)));
        });
  }

  static void writeProRes4444(FrameStream frames, double fps, Path out) throws IOException {
    record(
        frames,
        out,
        (tmp, size, channels) -> {
          FFmpegFrameRecorder recorder = recorder(tmp, size, fps, "mov", "prores_ks");
          recorder.setPixelFormat(channels == 4 ? AV_PIX_FMT_YUVA444P10LE : AV_PIX_FMT_YUV444P10LE);
          recorder.setVideoOption("profile", "4444");
          recorder.setVideoOption("vendor", "apl0");
          PackedPixels packed = new PackedPixels(size, channels);
          return new Recording(
              recorder,
              packed,
              frame ->
                  recorder.recordImage(
                      size.width(),
                      size.height(),
                      org.bytedeco.javacv.Frame.DEPTH_USHORT,
                      channels,
                      packed.shortStride(),
                      channels == 4 ? AV_PIX_FMT_RGBA64LE : AV_PIX_FMT_RGB48LE,
                      packed.shorts(frame)));
        });
  }

  private static FFmpegFrameRecorder recorder(
      Path file, FrameSize size, double fps, String container, String codec) {
    FfmpegLog.install();
    FFmpegFrameRecorder recorder =
        new FFmpegFrameRecorder(file.toFile(), size.width(), size.height());
    recorder.setFormat(container);
    recorder.setVideoCodecName(codec);
    recorder.setFrameRate(fps);
    // JavaCV converts RGB to YUV with BT.601 coefficients; say so in the stream, so readers decode
    // alike.
    recorder.setVideoOption("colorspace", "smpte170m");
    recorder.setVideoOption("color_range", "tv");
    return recorder;
  }

  /** One frame handed to the encoder. */
  @FunctionalInterface
  private interface FrameEncoder {
    void encode(Frame frame) throws FrameRecorder.Exception;
  }

  /** Configures a recorder for the stream's first frame. */
  @FunctionalInterface
  private interface RecorderSetup {
    Recording open(Path tmp, FrameSize size, int channels);
  }

  /**
   * An open encoder: the recorder, the packing buffer it reads from (kept reachable while it
   * encodes) and the per-frame call.
   */
  private record Recording(
      FFmpegFrameRecorder recorder, PackedPixels packed, FrameEncoder encoder) {}

  /**
   * Encodes every frame of {@code frames} into a temporary file renamed to {@code out} at the end.
   */
  private static void record(FrameStream frames, Path out, RecorderSetup setup) throws IOException {
    AtomicFiles.replace(
        out,
        tmp -> {
          Recording[] open = {null};
          int[] written = {0};
          try {
            frames.forEach(
                frame -> {
                  try {
                    if (open[0] == null) {
                      open[0] = setup.open(tmp, frame.size(), frame.channels());
                      open[0].recorder().start();
                    }
                    open[0].encoder().encode(frame);
                    written[0]++;
                  } catch (FrameRecorder.Exception e) {
                    throw new IOException(out + ": FFmpeg cannot encode: " + e.getMessage(), e);
                  }
                });
            if (open[0] == null) {
              throw InputException.of(out, "nothing to write: no frames");
            }
            open[0].recorder().stop();
          } catch (FrameRecorder.Exception e) {
            throw new IOException(out + ": FFmpeg cannot encode: " + e.getMessage(), e);
          } finally {
            if (open[0] != null) {
              release(open[0]);
            }
          }
          verify(tmp, written[0]);
        });
  }

  /**
   * Checks the finished temporary file before it replaces anything: forced to disk, then read back
   * as a container with exactly {@code frames} video frames. FFmpeg's muxer does not report a
   * failed write (a full disk leaves an mp4 without its index, "moov atom not found"), so the file
   * itself is the proof.
   */
  private static void verify(Path tmp, int frames) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    int found;
    try (VideoDecoder decoder = VideoDecoder.open(tmp)) {
      found = decoder.countFrames();
    } catch (InputException e) {
      throw new IOException("the encoded file is incomplete (is the disk full?)", e);
    }
    if (found != frames) {
      throw new IOException(
          "the encoded file holds " + found + " of " + frames + " frames (is the disk full?)");
    }
  }

  /** Frees the recorder's native resources (after stop, or after a failure mid-stream). */
  private static void release(Recording r) throws IOException {
    try {
      r.recorder().release();
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot release the FFmpeg encoder: " + e.getMessage(), e);
    } finally {
      Reference.reachabilityFence(r.packed());
    }
  }
}
