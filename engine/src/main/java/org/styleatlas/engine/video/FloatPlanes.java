package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAYF32LE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Float planar pictures, the form FFmpeg's EXR codec reads and writes: planes G, B, R, A (in that
 * order in {@code AVFrame.data}), float32 little-endian, each with its own line size.
 *
 * <p>Measured pitfall: JavaCV's packed-float conversion corrupts rows of EXR pictures and FFmpeg's
 * scaler rejects packed float RGBA, so the planes are copied here directly.
 */
final class FloatPlanes {
  /** Plane index in AVFrame.data of R, G, B, A for the GBR(A) float formats. */
  private static final int[] PLANE_OF_RGBA = {2, 0, 1, 3};

  private FloatPlanes() {}

  static boolean isFloatPlanar(int pixelFormat) {
    return pixelFormat == AV_PIX_FMT_GBRPF32LE
        || pixelFormat == AV_PIX_FMT_GBRAPF32LE
        || pixelFormat == AV_PIX_FMT_GRAYF32LE;
  }

  /**
   * Copies a float planar picture into a frame; grey pictures become RGB with three equal channels.
   */
  static Frame toFrame(AVFrame picture) {
    int format = picture.format();
    int w = picture.width();
    int h = picture.height();
    int channels = format == AV_PIX_FMT_GBRAPF32LE ? 4 : 3;
    float[] px = new float[w * h * channels];
    float[] row = new float[w];
    for (int c = 0; c < channels; c++) {
      int plane = format == AV_PIX_FMT_GRAYF32LE ? 0 : PLANE_OF_RGBA[c];
      long floatsPerLine = picture.linesize(plane) / Float.BYTES;
      FloatPointer data = new FloatPointer(picture.data(plane)); // a view of the decoder's picture
      for (int y = 0; y < h; y++) {
        data.position(y * floatsPerLine).get(row);
        for (int x = 0; x < w; x++) {
          px[(y * w + x) * channels + c] = row[x];
        }
      }
    }
    return new Frame(w, h, channels, px);
  }

  /**
   * The frame as one direct buffer of consecutive planes G, B, R and, when the frame has alpha, A;
   * each plane {@code [height, width]} float32 in native (little-endian) order, ready for {@code
   * AV_PIX_FMT_GBR(A)PF32LE} (FFmpeg's EXR encoder takes this format as is, without the scaler; the
   * buffer still ends with {@link NativeLayout#PADDING} spare bytes).
   */
  static FloatBuffer toPlanes(Frame frame) {
    int n = frame.width() * frame.height();
    int channels = frame.channels();
    FloatBuffer planes =
        ByteBuffer.allocateDirect(n * channels * Float.BYTES + NativeLayout.PADDING)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    float[] px = frame.pixels();
    for (int c = 0; c < channels; c++) {
      int offset = PLANE_OF_RGBA[c] * n;
      for (int p = 0; p < n; p++) {
        planes.put(offset + p, px[p * channels + c]);
      }
    }
    return planes;
  }

  /** The FFmpeg pixel format of {@link #toPlanes} for this frame. */
  static int pixelFormatOf(Frame frame) {
    return frame.hasAlpha() ? AV_PIX_FMT_GBRAPF32LE : AV_PIX_FMT_GBRPF32LE;
  }
}
