package org.styleatlas.engine.stylize;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;

/**
 * Draws the loss terms over the iterations as a PNG line chart, one colour per term, each scaled to
 * its own maximum.
 */
public final class LossPlot {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 40;
  private static final Color[] COLOURS = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd)
  };

  private LossPlot() {}

  /** Writes the chart of every term (and the total, in black) atomically to {@code file}. */
  public static void write(List<LossValues> history, Path file) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.GRAY);
    g.drawRect(MARGIN, MARGIN / 2, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
    StylizeLossTerm[] terms = StylizeLossTerm.values();
    for (int k = 0; k <= terms.length; k++) {
      StylizeLossTerm term = k < terms.length ? terms[k] : null;
      double max = 0;
      for (LossValues v : history) {
        max = Math.max(max, term == null ? v.total() : v.term(term));
      }
      if (max <= 0) {
        continue;
      }
      g.setColor(term == null ? Color.BLACK : COLOURS[k]);
      g.setStroke(new BasicStroke(term == null ? 2f : 1.2f));
      int px = -1;
      int py = -1;
      for (int i = 0; i < history.size(); i++) {
        double value = term == null ? history.get(i).total() : history.get(i).term(term);
        int x =
            MARGIN + (int) Math.round((WIDTH - 2.0 * MARGIN) * i / Math.max(1, history.size() - 1));
        int y = HEIGHT - 3 * MARGIN / 2 - (int) Math.round((HEIGHT - 2.0 * MARGIN) * value / max);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.drawString(
          (term == null ? "total" : term.cliName()) + String.format(" (max %.3g)", max),
          MARGIN + 10 + 150 * (k % 5),
          HEIGHT - 8 - 14 * (k / 5));
    }
    g.dispose();
    AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
  }
}
