package org.styleatlas.engine.video;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Resizes frames and mattes with area filtering (OpenCV {@code INTER_AREA}: each output pixel is
 * the mean of the source pixels it covers when shrinking; bilinear when enlarging).
 *
 * <p>Works on the float values as they are (no colour conversion), so float values above 1 survive,
 * and alpha is averaged like the other channels (straight alpha, see {@link Frame}).
 */
public final class FrameResizer {

  private FrameResizer() {}

  /** The frame at exactly {@code size}; the frame itself when it already has that size. */
  public static Frame resize(Frame frame, FrameSize size) {
    if (frame.size().equals(size)) {
      return frame;
    }
    float[] out = resize(frame.pixels(), frame.size(), frame.channels(), size);
    return new Frame(size.width(), size.height(), frame.channels(), out);
  }

  /** The matte at exactly {@code size}; the matte itself when it already has that size. */
  public static Matte resize(Matte matte, FrameSize size) {
    if (matte.size().equals(size)) {
      return matte;
    }
    return new Matte(size.width(), size.height(), resize(matte.values(), matte.size(), 1, size));
  }

  /**
   * The frame with its long edge at {@code longEdge} pixels (0 keeps it), see {@link
   * FrameSize#fitLongEdge}.
   */
  public static Frame fitLongEdge(Frame frame, int longEdge) {
    return resize(frame, frame.size().fitLongEdge(longEdge));
  }

  /**
   * The matte with its long edge at {@code longEdge} pixels (0 keeps it), see {@link
   * FrameSize#fitLongEdge}.
   */
  public static Matte fitLongEdge(Matte matte, int longEdge) {
    return resize(matte, matte.size().fitLongEdge(longEdge));
  }

  /** Resizes interleaved float32 {@code [height, width, channels]} data. */
  private static float[] resize(float[] values, FrameSize from, int channels, FrameSize to) {
    float[] out = new float[to.width() * to.height() * channels];
    try (FloatPointer srcData = new FloatPointer(values);
        Mat src = new Mat(from.height(), from.width(), CV_32FC(channels), srcData);
        Mat dst = new Mat(to.height(), to.width(), CV_32FC(channels));
        Size dsize = new Size(to.width(), to.height())) {
      opencv_imgproc.resize(src, dst, dsize, 0, 0, INTER_AREA);
      new FloatPointer(dst.data()).get(out); // a view of dst's pixels, freed with dst
    }
    return out;
  }
}
