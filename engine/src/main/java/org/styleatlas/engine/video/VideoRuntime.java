package org.styleatlas.engine.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;

/** Loads the FFmpeg and OpenCV natives and reports their versions. */
public final class VideoRuntime {
  private VideoRuntime() {}

  /**
   * Loads the natives and returns e.g. "FFmpeg 7.1.1, OpenCV 4.11.0".
   *
   * @throws UnsatisfiedLinkError when a native library is missing
   */
  public static String describe() {
    Loader.load(avutil.class);
    Loader.load(opencv_core.class);
    return "FFmpeg " + avutil.av_version_info().getString() + ", OpenCV " + opencv_core.CV_VERSION;
  }
}
