package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;

/**
 * Decodes the video stream of one file with FFmpeg: a movie (mp4, mov: H.264, ProRes, ...) or a
 * single image FFmpeg reads (EXR). Pictures are taken raw from the decoder and converted by {@link
 * AvFrameConverter}; every failure is an {@link InputException} naming the file. One decoder serves
 * one thread.
 */
final class VideoDecoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VideoDecoder.class);

  /** How JavaCV says that a container has no stream it can decode, e.g. a movie without frames. */
  private static final String NO_STREAM = "Did not find a video or audio stream";

  /** JavaCV's advice appended to its messages, which means nothing to our users. */
  private static final List<String> JAVACV_HINTS =
      List.of(" (For more details", " (Has setFormat()");

  /**
   * Demuxers of video containers and image files (image pipes, "*_pipe", are accepted by their
   * suffix).
   */
  private static final Set<String> VIDEO_CONTAINERS =
      Set.of(
          "mov",
          "mp4",
          "m4v",
          "3gp",
          "mj2",
          "matroska",
          "webm",
          "avi",
          "mxf",
          "mxf_d10",
          "mxf_opatom",
          "mpeg",
          "mpegts",
          "mpegvideo",
          "h264",
          "hevc",
          "flv",
          "ogg",
          "asf",
          "nut",
          "dv",
          "ivf",
          "yuv4mpegpipe",
          "image2",
          "gif",
          "apng",
          "webp",
          "rawvideo",
          "obu",
          "av1");

  private final Path file;
  private final FFmpegFrameGrabber grabber;
  private final AvFrameConverter converter = new AvFrameConverter();
  private int decoded;

  private VideoDecoder(Path file, FFmpegFrameGrabber grabber) {
    this.file = file;
    this.grabber = grabber;
  }

  /** Opens the file and its video stream. */
  static VideoDecoder open(Path file) {
    if (!Files.exists(file)) {
      throw InputException.of(file, "no such file or folder");
    }
    if (!Files.isRegularFile(file)) {
      throw InputException.of(file, "is not a file");
    }
    FfmpegLog.install();
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
    grabber.setImageMode(FrameGrabber.ImageMode.RAW);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      String reason = firstLine(e);
      if (reason.startsWith(NO_STREAM)) {
        throw InputException.of(
            file, "holds no video frames (FFmpeg finds no video stream with content)", e);
      }
      throw InputException.of(file, "not a readable video or image (" + reason + ")", e);
    }
    if (!isVideoOrImageContainer(grabber.getFormat())) {
      String format = grabber.getFormat();
      closeQuietly(grabber);
      throw InputException.of(
          file,
          "not a video or image file (FFmpeg reads it as '"
              + format
              + "'; accepted: mp4, mov, mkv/webm, avi, mxf, MPEG, image files)");
    }
    if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      closeQuietly(grabber);
      throw InputException.of(file, "has no video stream");
    }
    return new VideoDecoder(file, grabber);
  }

  /**
   * Whether FFmpeg's demuxer {@code format} (a comma-separated list of names) is a real video
   * container or an image reader. FFmpeg also "decodes" text files (its tty/ANSI, subtitle and
   * bintext demuxers) as pictures of text: those are refused (#19.8).
   */
  static boolean isVideoOrImageContainer(String format) {
    if (format == null) {
      return false;
    }
    for (String name : format.split(",")) {
      if (VIDEO_CONTAINERS.contains(name) || name.endsWith("_pipe")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Frames per second from the container, or {@link Clip#DEFAULT_FPS} when it states none or the
   * file is a still image (whose "rate" is only FFmpeg's default).
   */
  double fps() {
    String format = grabber.getFormat();
    if (format != null && (format.equals("image2") || format.endsWith("_pipe"))) {
      return Clip.DEFAULT_FPS;
    }
    double fps = grabber.getFrameRate();
    return fps > 0 && Double.isFinite(fps) && fps < 1000 ? fps : Clip.DEFAULT_FPS;
  }

  /** Duration in seconds as the container states it, or 0 when it states none. */
  double containerDurationSeconds() {
    long micros = grabber.getLengthInTime();
    return micros > 0 ? micros / 1e6 : 0;
  }

  FrameSize size() {
    return new FrameSize(grabber.getImageWidth(), grabber.getImageHeight());
  }

  /** Whether the stream's pixel format carries alpha. */
  boolean hasAlpha() {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(grabber.getPixelFormat());
    return desc != null && (desc.flags() & AV_PIX_FMT_FLAG_ALPHA) != 0;
  }

  /** The stream's codec name, such as "h264" or "prores". */
  String codecName() {
    return grabber.getVideoCodecName();
  }

  /** The next frame in display order, or null after the last one. */
  Frame next() {
    org.bytedeco.javacv.Frame grabbed = grab();
    return grabbed == null ? null : converter.convert((AVFrame) grabbed.opaque);
  }

  /**
   * Counts the frames that decode, exactly as {@link #next()} returns them but without converting
   * their pixels, so that a probe and a read of the same file agree (#19.8: a truncated file's
   * index lists frames whose pictures are missing). Use on a fresh decoder, instead of {@link
   * #next()}.
   *
   * @throws InputException naming the file when none decodes, see {@link #noFrames()}
   */
  int countFrames() {
    while (grab() != null) {
      // counted in grab()
    }
    return decodedOrFail();
  }

  /**
   * The number of frames decoded so far, after the last one: warns when the container lists more (a
   * truncated or damaged file).
   *
   * @throws InputException naming the file when none decoded, see {@link #noFrames()}
   */
  int decodedOrFail() {
    if (decoded == 0) {
      throw noFrames();
    }
    int listed = listedFrames();
    if (listed > decoded) {
      LOG.warn(
          "{}: the container lists {} frames but only {} decode (the file is truncated or"
              + " damaged); using {}",
          file,
          listed,
          decoded,
          decoded);
    }
    return decoded;
  }

  /** The error for a file none of whose frames decodes; names the file and, if any, the listing. */
  InputException noFrames() {
    int listed = listedFrames();
    return InputException.of(
        file,
        listed > 0
            ? "holds no video frames that decode (the container lists "
                + listed
                + "; the file is truncated or damaged)"
            : "holds no video frames");
  }

  /** Frames the container's index lists (an estimate for some containers), 0 when unknown. */
  int listedFrames() {
    return Math.max(0, grabber.getLengthInVideoFrames());
  }

  /** The next decoded picture, unconverted, or null after the last one. */
  private org.bytedeco.javacv.Frame grab() {
    org.bytedeco.javacv.Frame grabbed;
    try {
      grabbed = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw InputException.of(
          file, "cannot decode frame " + decoded + " (" + firstLine(e) + ")", e);
    }
    if (grabbed != null) {
      decoded++;
    }
    return grabbed;
  }

  @Override
  public void close() {
    converter.close();
    closeQuietly(grabber);
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception e) {
      // Nothing useful to do: the file was only read.
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    for (String hint : JAVACV_HINTS) {
      int at = line.indexOf(hint);
      if (at >= 0) {
        line = line.substring(0, at);
      }
    }
    return line;
  }
}
