package org.styleatlas.engine.flow.matte;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.flow.DisFlowEstimator;
import org.styleatlas.engine.flow.FlowConfig;
import org.styleatlas.engine.flow.OpticalFlow;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

public class MotionDebugMain {
  public static void main(String[] args) throws Exception {
    Path root = Path.of("/work/shared/data");
    String name = args[0];
    int t = Integer.parseInt(args[1]);
    Clip clip =
        ClipReader.read(
            new ClipRequest(
                root.resolve(name).resolve("frames"),
                Optional.of(root.resolve(name).resolve("masks")),
                384));
    Clip two = Clip.of(name, 24, clip.frames().subList(t - 1, t + 1));
    OpticalFlow f = DisFlowEstimator.estimate(two, FlowConfig.defaults(), ProgressSink.NONE);
    Mask gt = Mask.of(clip.matte(t));
    Mask ex = gt.dilated(8);
    float[] r = BackgroundMotion.residual(f.backward().get(0), ex).orElseThrow();
    float med = BackgroundMotion.backgroundMedian(r, ex);
    double[] inObj = new double[5], inBg = new double[5];
    float[] th = {0.5f, 1, 2, 3, 5};
    int no = 0, nb = 0;
    for (int i = 0; i < r.length; i++) {
      if (gt.bits()[i] != 0) {
        no++;
        for (int k = 0; k < 5; k++) if (r[i] > med + th[k]) inObj[k]++;
      } else if (ex.bits()[i] == 0) {
        nb++;
        for (int k = 0; k < 5; k++) if (r[i] > med + th[k]) inBg[k]++;
      }
    }
    System.out.println("median " + med);
    for (int k = 0; k < 5; k++)
      System.out.printf(
          "thr %.1f: object moving %.2f, background moving %.2f%n",
          th[k], inObj[k] / no, inBg[k] / nb);
    java.awt.image.BufferedImage im =
        new java.awt.image.BufferedImage(
            clip.width(), clip.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < clip.height(); y++)
      for (int x = 0; x < clip.width(); x++) {
        int v = (int) Math.min(255, r[y * clip.width() + x] * 40);
        im.setRGB(x, y, (v << 16) | (gt.get(x, y) ? 0x8000 : 0) | v);
      }
    javax.imageio.ImageIO.write(
        im, "png", new java.io.File("/tmp/motion-" + name + "-" + t + ".png"));
  }
}
