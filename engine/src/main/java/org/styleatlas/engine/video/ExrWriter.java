package org.styleatlas.engine.video;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Writes one frame as a float32 EXR file (ZIP compressed, values kept exactly, including above 1),
 * through FFmpeg's EXR encoder fed planar {@code GBR(A)PF32LE} from a direct buffer (its scaler
 * rejects packed float RGBA). The file appears only when complete.
 */
final class ExrWriter {

  private ExrWriter() {}

  static void write(Frame frame, Path file) throws IOException {
    FfmpegLog.install();
    int pixelFormat = FloatPlanes.pixelFormatOf(frame);
    AtomicFiles.replace(
        file,
        tmp -> {
          try (FFmpegFrameRecorder recorder =
              new FFmpegFrameRecorder(tmp.toFile(), frame.width(), frame.height())) {
            recorder.setFormat("image2");
            recorder.setOption("update", "1");
            recorder.setVideoCodecName("exr");
            recorder.setPixelFormat(pixelFormat);
            recorder.setVideoOption("compression", "zip16");
            recorder.setVideoOption("format", "float");
            recorder.start();
            FloatBuffer planes = FloatPlanes.toPlanes(frame);
            recorder.recordImage(
                frame.width(),
                frame.height(),
                org.bytedeco.javacv.Frame.DEPTH_FLOAT,
                1,
                frame.width(),
                pixelFormat,
                planes);
            recorder.stop();
            Reference.reachabilityFence(planes); // FFmpeg reads the direct buffer until stop()
          } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": FFmpeg cannot encode EXR: " + e.getMessage(), e);
          }
        });
  }
}
