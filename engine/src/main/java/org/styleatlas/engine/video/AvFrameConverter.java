package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Turns decoded FFmpeg pictures of any pixel format into {@link Frame}s.
 *
 * <p>Float planar pictures (EXR) are copied plane by plane ({@link FloatPlanes}); everything else
 * goes through FFmpeg's scaler to packed RGB(A): 8-bit for 8-bit sources, 16-bit for deeper ones
 * (10/12-bit ProRes, 16-bit PNG), with the picture's YUV matrix and range. The result has alpha
 * exactly when the source format has alpha. One converter serves one stream; it reuses its scaler
 * and buffer from frame to frame.
 */
final class AvFrameConverter implements AutoCloseable {
  /** Untagged video of at least this many lines is taken as HD, hence BT.709. */
  private static final int HD_LINES = 720;

  /**
   * Full-resolution chroma interpolation. Not SWS_ACCURATE_RND: measured 10x slower at 1080p (its C
   * path skips the SIMD code) for at most one level of rounding difference.
   */
  private static final int SCALER_FLAGS = SWS_BILINEAR | SWS_FULL_CHR_H_INT;

  /** 8-bit sample to [0, 1]. */
  private static final float[] UNIT_OF_BYTE = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      UNIT_OF_BYTE[v] = v / 255f;
    }
  }

  private SwsContext scaler;
  private BytePointer buffer;

  /** Java-side copies of {@link #buffer}, reused from frame to frame. */
  private byte[] bytes = new byte[0];

  private short[] shorts = new short[0];

  /** The picture as a frame in the engine's pixel convention. */
  Frame convert(AVFrame picture) {
    int format = picture.format();
    if (FloatPlanes.isFloatPlanar(format)) {
      return FloatPlanes.toFrame(picture);
    }
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(format);
    boolean alpha = (desc.flags() & AV_PIX_FMT_FLAG_ALPHA) != 0;
    boolean deep = desc.comp(0).depth() > 8;
    int channels = alpha ? 4 : 3;
    int bytesPerSample = deep ? 2 : 1;
    int target =
        deep
            ? (alpha ? AV_PIX_FMT_RGBA64LE : AV_PIX_FMT_RGB48LE)
            : (alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24);
    int w = picture.width();
    int h = picture.height();
    int lineBytes = w * channels * bytesPerSample;
    int stride = NativeLayout.stride(lineBytes);
    ensureBuffer(NativeLayout.bufferSize(stride, h));
    buffer.position(0);
    scaler =
        sws_getCachedContext(
            scaler, w, h, format, w, h, target, SCALER_FLAGS, null, null, (DoublePointer) null);
    if (scaler == null) {
      throw new IllegalStateException(
          "FFmpeg cannot convert " + desc.name().getString() + " to RGB");
    }
    if ((desc.flags() & AV_PIX_FMT_FLAG_RGB) == 0) {
      applyYuvMatrix(picture);
    }
    try (PointerPointer<BytePointer> dst = new PointerPointer<>(buffer, null, null, null);
        IntPointer dstLines = new IntPointer(stride, 0, 0, 0)) {
      sws_scale(scaler, picture.data(), picture.linesize(), 0, h, dst, dstLines);
    }
    int lineSamples = w * channels;
    float[] px = new float[lineSamples * h];
    if (deep) {
      if (shorts.length < px.length) {
        shorts = new short[px.length];
      }
      ShortPointer samples =
          new ShortPointer(buffer); // a view, not an owner: closing it would free buffer
      for (int y = 0; y < h; y++) {
        samples.position((long) y * stride / Short.BYTES).get(shorts, y * lineSamples, lineSamples);
      }
      for (int i = 0; i < px.length; i++) {
        px[i] = (shorts[i] & 0xffff) / 65535f; // a division, as the OpenFX shim converts
      }
    } else {
      if (bytes.length < px.length) {
        bytes = new byte[px.length];
      }
      for (int y = 0; y < h; y++) {
        buffer.position((long) y * stride).get(bytes, y * lineSamples, lineSamples);
      }
      for (int i = 0; i < px.length; i++) {
        px[i] = UNIT_OF_BYTE[bytes[i] & 0xff];
      }
    }
    return new Frame(w, h, channels, px);
  }

  /**
   * Uses the picture's own YUV matrix and range: its tag when it has one, else BT.709 from 720
   * lines up and BT.601 below (the usual convention of untagged video).
   */
  private void applyYuvMatrix(AVFrame picture) {
    int space = picture.colorspace();
    if (space == AVCOL_SPC_UNSPECIFIED) {
      space = picture.height() >= HD_LINES ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    }
    int fullRange = picture.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
    sws_setColorspaceDetails(
        scaler,
        sws_getCoefficients(space),
        fullRange,
        sws_getCoefficients(SWS_CS_DEFAULT),
        1,
        0,
        1 << 16,
        1 << 16);
  }

  private void ensureBuffer(long size) {
    if (buffer == null || buffer.capacity() < size) {
      if (buffer != null) {
        buffer.close();
      }
      buffer = new BytePointer(size);
    }
  }

  @Override
  public void close() {
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
    if (buffer != null) {
      buffer.close();
      buffer = null;
    }
  }
}
