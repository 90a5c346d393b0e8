package org.styleatlas.engine.decomposition;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.EvenPadding;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/**
 * Writes a decomposition's user-facing outputs into a folder: the reconstruction, a side-by-side
 * (original | reconstruction | alpha), the atlas PNGs, the JSON report and a loss-curve plot.
 */
public final class DecompositionExport {
  private static final Logger LOG = LoggerFactory.getLogger(DecompositionExport.class);

  /** Reconstruction frames: {@code reconstruction.mp4} (H.264), or a PNG folder of that name. */
  public static final String RECONSTRUCTION = "reconstruction";

  /**
   * Side-by-side frames (original | reconstruction | α), three frames wide: a video or a PNG
   * folder.
   */
  public static final String SIDE_BY_SIDE = "side-by-side";

  /** The report. */
  public static final String REPORT = "report.json";

  /** The loss curve plot. */
  public static final String LOSS_PLOT = "loss-curve.png";

  private DecompositionExport() {}

  /** Writes everything for {@code d} of {@code clip} (working resolution) into {@code out}. */
  public static void write(
      Decomposition d, Clip clip, Path out, OutputFormat format, ProgressSink progress)
      throws IOException {
    Files.createDirectories(out);
    ClipLayerMaps maps = d.evaluate(clip.width(), clip.height(), true, progress);
    List<Frame> recon = new ArrayList<>();
    List<Frame> side = new ArrayList<>();
    for (int t = 0; t < maps.frames(); t++) {
      Frame r = new Frame(maps.width(), maps.height(), 3, maps.rgb().get(t));
      recon.add(r);
      side.add(sideBySide(clip.frame(t).rgb(), r, maps.alpha().get(t)));
    }
    writeVideo(recon, clip.fps(), out.resolve(name(RECONSTRUCTION, format)), format);
    writeVideo(side, clip.fps(), out.resolve(name(SIDE_BY_SIDE, format)), format);
    for (AtlasImageLayout tex : List.of(d.foregroundTexture(), d.backgroundTexture())) {
      Files.copy(d.texturePath(tex), out.resolve(tex.file()), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(
        d.entry().file(DecompositionFiles.REPORT),
        out.resolve(REPORT),
        StandardCopyOption.REPLACE_EXISTING);
    plotLoss(d.report().lossCurve(), out.resolve(LOSS_PLOT));
  }

  /**
   * Writes {@code frames}; for H.264 odd sizes are padded to even ones first (and a line logged).
   */
  private static void writeVideo(List<Frame> frames, double fps, Path file, OutputFormat format)
      throws IOException {
    List<Frame> written = frames;
    Frame first = frames.get(0);
    if (format == OutputFormat.H264_MP4 && EvenPadding.needed(first)) {
      written = frames.stream().map(EvenPadding::pad).toList();
      LOG.info(
          "{}: H.264 needs even sizes; {}x{} padded to {}x{} by repeating the last column/row",
          file,
          first.width(),
          first.height(),
          written.get(0).width(),
          written.get(0).height());
    }
    ClipWriter.write(written, fps, file, format);
  }

  private static String name(String base, OutputFormat format) {
    return switch (format) {
      case H264_MP4 -> base + ".mp4";
      case PRORES_4444_MOV -> base + ".mov";
      default -> base;
    };
  }

  private static Frame sideBySide(Frame original, Frame recon, float[] alpha) {
    int w = original.width();
    int h = original.height();
    float[] px = new float[w * 3 * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        for (int c = 0; c < 3; c++) {
          px[(y * 3 * w + x) * 3 + c] = original.pixels()[p * 3 + c];
          px[(y * 3 * w + w + x) * 3 + c] = recon.pixels()[p * 3 + c];
          px[(y * 3 * w + 2 * w + x) * 3 + c] = alpha[p];
        }
      }
    }
    return new Frame(w * 3, h, 3, px);
  }

  /** A log-scale plot of the total loss against iteration. */
  static void plotLoss(List<DecompositionReport.CurvePoint> curve, Path file) throws IOException {
    int w = 640;
    int h = 360;
    int m = 40;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.GRAY);
    g.drawRect(m, m / 2, w - m - m / 2, h - m - m / 2);
    g.drawString("iteration", w / 2 - 25, h - 10);
    g.drawString("log10 loss", 4, m / 2 - 6);
    if (curve.size() >= 2) {
      double minX = curve.get(0).iteration();
      double maxX = curve.get(curve.size() - 1).iteration();
      double minY =
          curve.stream().mapToDouble(p -> Math.log10(Math.max(p.total(), 1e-12))).min().orElse(0);
      double maxY =
          curve.stream().mapToDouble(p -> Math.log10(Math.max(p.total(), 1e-12))).max().orElse(1);
      double spanY = Math.max(maxY - minY, 1e-6);
      g.drawString(String.format("%.2f", maxY), 2, m / 2 + 10);
      g.drawString(String.format("%.2f", minY), 2, h - m);
      g.setColor(new Color(0x1f77b4));
      g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (DecompositionReport.CurvePoint p : curve) {
        int x = (int) (m + (p.iteration() - minX) / Math.max(maxX - minX, 1) * (w - m - m / 2));
        int y =
            (int)
                (m / 2 + (maxY - Math.log10(Math.max(p.total(), 1e-12))) / spanY * (h - m - m / 2));
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
    }
    g.dispose();
    AtomicFiles.write(file, s -> ImageIO.write(img, "png", s));
  }
}
