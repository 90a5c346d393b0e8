package org.styleatlas.engine.studio;

import java.util.List;
import org.styleatlas.engine.InputException;

/**
 * The object's box on one frame, as a user gives it ({@code --box}): in pixels of that frame's
 * source, or normalised (0–1, as the plug-in's Box parameters, so the CLI and the plug-in share
 * their cache entries). Top-left origin; x1, y1 exclusive in pixels.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge, &gt; x0
 * @param y1 bottom edge, &gt; y0
 * @param pixels whether the edges are pixels of the source frame (else normalised)
 * @param frame the frame (0-based) the box is drawn on
 */
public record ObjectBox(double x0, double y0, double x1, double y1, boolean pixels, int frame) {

  public ObjectBox {
    if (!(x0 >= 0 && y0 >= 0 && x1 > x0 && y1 > y0) || frame < 0) {
      throw new InputException(
          "--box: needs 0 ≤ x0 < x1, 0 ≤ y0 < y1 and a frame ≥ 0, got "
              + describe(x0, y0, x1, y1)
              + "@"
              + frame);
    }
    if (!pixels && x1 > 1 || !pixels && y1 > 1) {
      throw new InputException(
          "--box: normalised values must lie in [0, 1], got " + describe(x0, y0, x1, y1));
    }
  }

  /**
   * Parses {@code x0,y0,x1,y1} or {@code x0,y0,x1,y1@frame} (frame 0 by default): whole numbers are
   * pixels of the source frame; numbers with a decimal point, all within [0, 1], are normalised
   * coordinates.
   *
   * @param option how the value is named in an error (e.g. {@code --box})
   */
  public static ObjectBox parse(String option, String text) {
    String[] at = text.split("@", -1);
    String[] p = at[0].split(",", -1);
    try {
      if (p.length != 4 || at.length > 2) {
        throw new NumberFormatException();
      }
      boolean normalised = at[0].contains(".");
      double[] v = new double[4];
      for (int i = 0; i < 4; i++) {
        v[i] = normalised ? Double.parseDouble(p[i].trim()) : Integer.parseInt(p[i].trim());
      }
      int frame = at.length == 2 ? Integer.parseInt(at[1].trim()) : 0;
      return new ObjectBox(v[0], v[1], v[2], v[3], !normalised, frame);
    } catch (NumberFormatException e) {
      throw new InputException(
          option
              + ": expected x0,y0,x1,y1 or x0,y0,x1,y1@frame (whole pixels, or 0–1 with a"
              + " decimal point), got '"
              + text
              + "'");
    } catch (InputException e) {
      throw new InputException(e.getMessage().replaceFirst("^--box", option));
    }
  }

  /**
   * The box normalised on source frames of {@code width}x{@code height} (x0, y0, x1, y1).
   *
   * @throws InputException when a pixel box reaches outside the frame
   */
  public List<Double> normalisedOn(int width, int height) {
    if (!pixels) {
      return List.of(x0, y0, x1, y1);
    }
    if (x1 > width || y1 > height) {
      throw new InputException(
          "--box: "
              + describe(x0, y0, x1, y1)
              + " reaches outside the "
              + width
              + "x"
              + height
              + " frames");
    }
    return List.of(x0 / width, y0 / height, x1 / width, y1 / height);
  }

  private static String describe(double x0, double y0, double x1, double y1) {
    return fmt(x0) + "," + fmt(y0) + "," + fmt(x1) + "," + fmt(y1);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
