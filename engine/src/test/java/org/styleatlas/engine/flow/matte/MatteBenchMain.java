package org.styleatlas.engine.flow.matte;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Matte;

public class MatteBenchMain {
  public static void main(String[] args) throws Exception {
    Path root = Path.of("/work/shared/data");
    int edge = Integer.getInteger("edge", 384);
    int limit = Integer.getInteger("frames", 1000);
    for (String name : args) {
      Clip clip =
          ClipReader.read(
              new ClipRequest(
                  root.resolve(name).resolve("frames"),
                  Optional.of(root.resolve(name).resolve("masks")),
                  edge));
      int n = Math.min(limit, clip.frameCount());
      clip =
          Clip.of(clip.name(), clip.fps(), clip.frames().subList(0, n))
              .withMattes(clip.mattes().orElseThrow().subList(0, n));
      List<Matte> truth = clip.mattes().orElseThrow();
      PixelBox b = Mask.of(truth.get(0)).bounds().orElseThrow();
      BoxSeed seed = new BoxSeed(b.x0(), b.y0(), b.x1(), b.y1(), 0);
      long t0 = System.nanoTime();
      List<Matte> out =
          new GrabCutTracker(TrackerConfig.defaults())
              .segment(Clip.of(clip.name(), clip.fps(), clip.frames()), seed, ProgressSink.NONE);
      double s = (System.nanoTime() - t0) / 1e9;
      double sum = 0;
      StringBuilder sb = new StringBuilder();
      for (int t = 0; t < n; t++) {
        double iou = iou(out.get(t), truth.get(t));
        sum += iou;
        sb.append(String.format("%.2f ", iou));
      }
      System.out.println(name + " " + sb);
      System.out.printf("%s mean IoU %.3f  %.0f ms/frame%n", name, sum / n, 1000 * s / n);
      String dump = System.getProperty("dump");
      if (dump != null) {
        Path d = Path.of(dump, name);
        Files.createDirectories(d);
        for (int t = 0; t < n; t += 5) {
          java.awt.image.BufferedImage im =
              new java.awt.image.BufferedImage(
                  clip.width(), clip.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < clip.height(); y++)
            for (int x = 0; x < clip.width(); x++) {
              int r = (int) (clip.frame(t).get(x, y, 0) * 255 * 0.5),
                  g = (int) (clip.frame(t).get(x, y, 1) * 255 * 0.5),
                  bl = (int) (clip.frame(t).get(x, y, 2) * 255 * 0.5);
              if (out.get(t).get(x, y) > 0.5f) r += 127;
              if (truth.get(t).get(x, y) > 0.5f) g += 127;
              im.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
          javax.imageio.ImageIO.write(im, "png", d.resolve(String.format("%03d.png", t)).toFile());
        }
      }
    }
  }

  static double iou(Matte a, Matte b) {
    int inter = 0, union = 0;
    for (int i = 0; i < a.values().length; i++) {
      boolean x = a.values()[i] > 0.5f, y = b.values()[i] > 0.5f;
      inter += x && y ? 1 : 0;
      union += x || y ? 1 : 0;
    }
    return union == 0 ? 1 : inter / (double) union;
  }
}
