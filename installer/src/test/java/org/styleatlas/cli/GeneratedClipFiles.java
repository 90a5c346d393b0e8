package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/** The generated clip written as files, as a user would hand them to the command line. */
final class GeneratedClipFiles {
  private GeneratedClipFiles() {}

  /**
   * Writes the embedded default clip at {@code width}x{@code height}, {@code frames} frames, as PNG
   * folders {@code dir/frames} and {@code dir/masks} (grey masks, the exact matte).
   */
  static void write(Path dir, int width, int height, int frames) throws IOException {
    SyntheticClip s =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(width, height, frames));
    ClipWriter.write(
        s.clip().frames(), s.clip().fps(), dir.resolve("frames"), OutputFormat.PNG_SEQUENCE);
    List<Frame> masks = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      masks.add(grey(s.clip().matte(t).values(), width, height));
    }
    ClipWriter.write(masks, s.clip().fps(), dir.resolve("masks"), OutputFormat.PNG_SEQUENCE);
  }

  private static Frame grey(float[] v, int w, int h) {
    float[] px = new float[v.length * 3];
    for (int p = 0; p < v.length; p++) {
      px[p * 3] = v[p];
      px[p * 3 + 1] = v[p];
      px[p * 3 + 2] = v[p];
    }
    return new Frame(w, h, 3, px);
  }
}
