package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;

/**
 * The shim's conversions between the host's samples and the wire's float32 RGBA, pinned exactly at
 * every depth: every 8-bit value and every 16-bit value (with every 8-bit alpha, straight and
 * premultiplied), and float specials (NaN, ±∞, out of range, ties of the 8-bit rounding). The
 * reference below is the conversion as docs/PROTOCOL.md defines it: an integer sample k of depth
 * max M is the float k / M; a wire value v goes back as rint(clamp(v, 0, 1) · M) (round half to
 * even; NaN as 0); premultiplied colour is divided by alpha on the way in (where alpha &gt; 0) and
 * multiplied on the way out.
 */
class WireConversionTest {
  private static final int SIDE = 256;
  private static final float[] FLOAT_SPECIALS = {
    Float.NaN,
    Float.NEGATIVE_INFINITY,
    -1f,
    -0f,
    0f,
    Float.MIN_VALUE,
    1e-8f,
    0.5f / 255,
    1.5f / 255,
    2.5f / 255,
    0.5f,
    127.5f / 255,
    254.5f / 255,
    1f - 1e-7f,
    1f,
    1.0000001f,
    2f,
    Float.POSITIVE_INFINITY
  };
  private static final float[] FLOAT_ALPHAS = {0f, 1e-8f, 0.25f, 0.5f, 1f / 3, 1f, 2f, -0.5f};

  static Stream<Arguments> formats() {
    List<Arguments> all = new ArrayList<>();
    for (Depth d : Depth.values()) {
      all.add(Arguments.of(d, 4, false));
      all.add(Arguments.of(d, 4, true));
      all.add(Arguments.of(d, 3, false));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} components={1} premultiplied={2}")
  @MethodSource("formats")
  void everySampleConvertsExactlyBothWays(Depth depth, int comps, boolean premultiplied)
      throws Exception {
    HostImage src = new HostImage(0, 0, SIDE, SIDE, depth, comps, true);
    if (premultiplied) src.premultiplied();
    fill(src);
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Session.FILTER, t -> src, null);
      Session.Render r = f.session.render(instance, 0);
      assertEquals(Status.OK, r.status(), instance.messages().toString());
      float[] wire = f.engine.lastInput();
      HostImage out = r.output();
      for (int y = 0; y < SIDE; y++) {
        int row = SIDE - 1 - y; // the wire is top row first; OFX rows count from the bottom
        for (int x = 0; x < SIDE; x++) {
          float[] expected = toWire(src, x, y, premultiplied);
          int at = (row * SIDE + x) * 4;
          for (int c = 0; c < 4; c++) {
            assertEquals(expected[c], wire[at + c], 0f, "wire at " + x + "," + y + " channel " + c);
          }
          float[] stylized = {1f - expected[0], 1f - expected[1], 1f - expected[2], expected[3]};
          float scale = premultiplied ? stylized[3] : 1f;
          for (int c = 0; c < comps; c++) {
            float v = c < 3 ? stylized[c] * scale : stylized[3];
            String where = "output at " + x + "," + y + " channel " + c;
            if (depth == Depth.FLOAT) assertEquals(v, out.get(x, y, c), 0f, where);
            else assertEquals(toInteger(v, max(depth)), out.raw(x, y, c), where);
          }
        }
      }
    }
  }

  /**
   * Samples that cover every value of the depth: 8-bit colour k at every alpha (x, y), 16-bit red
   * every value once; floats cycle through the specials against a set of alphas.
   */
  private static void fill(HostImage img) {
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int i = y * SIDE + x;
        for (int c = 0; c < img.components; c++) {
          switch (img.depth) {
            case BYTE -> img.setRaw(x, y, c, c == 3 ? y : (x + 85 * c) & 0xFF);
            case SHORT ->
                img.setRaw(
                    x, y, c, c == 0 ? i : c == 3 ? (i * 7) & 0xFFFF : (i * 40503 + c) & 0xFFFF);
            case FLOAT ->
                img.set(
                    x,
                    y,
                    c,
                    c == 3
                        ? FLOAT_ALPHAS[y % FLOAT_ALPHAS.length]
                        : FLOAT_SPECIALS[(x + 5 * c) % FLOAT_SPECIALS.length]);
          }
        }
      }
    }
  }

  private static int max(Depth d) {
    return d == Depth.BYTE ? 255 : 65535;
  }

  /** The wire's straight RGBA of one host pixel. */
  private static float[] toWire(HostImage img, int x, int y, boolean premultiplied) {
    float a = img.components == 4 ? sample(img, x, y, 3) : 1f;
    float[] px = new float[4];
    for (int c = 0; c < 3; c++) {
      float v = sample(img, x, y, c);
      px[c] = premultiplied && a > 0f ? v / a : v;
    }
    px[3] = a;
    return px;
  }

  private static float sample(HostImage img, int x, int y, int c) {
    return img.depth == Depth.FLOAT ? img.get(x, y, c) : img.raw(x, y, c) / (float) max(img.depth);
  }

  private static int toInteger(float v, int max) {
    float unit = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    return (int) Math.rint(unit * max);
  }
}
