package org.styleatlas.engine.stylize.scene;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.render.AtlasExtent;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameResampler;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.atlas.TextureEditingAtlas;
import org.styleatlas.engine.synthetic.ObjectPose;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The exact decomposition of a generated clip, from its ground truth: the object's texture
 * coordinates are the foreground atlas coordinates, the panned world position is the background
 * atlas coordinate, and the opacity is the object's pixel coverage. The atlases are read back from
 * the frames where each point is fully visible. Tests, benchmarks and the demo use it to exercise
 * stylization and rendering on a decomposition with no learning error; only fast mode ({@link
 * TextureEditingAtlas}) is available, since there is no atlas network.
 */
public final class SyntheticScene implements EditableScene, LayerMapSource {
  private static final int COVERAGE_SAMPLES = 4;

  private final SyntheticClip clip;
  private final int width;
  private final int height;
  private final double worldWidth;
  private final AtlasSet atlases;
  private final float[][] background;

  /**
   * @param clip the generated clip with its ground truth
   * @param atlasSize side of the square foreground atlas texture in texels
   */
  public SyntheticScene(SyntheticClip clip, int atlasSize) {
    this.clip = clip;
    this.width = clip.clip().width();
    this.height = clip.clip().height();
    double maxOffset =
        clip.backgroundOffsets().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    this.worldWidth = width + maxOffset;
    AtlasTexture fg = foregroundAtlas(atlasSize);
    AtlasTexture bg = backgroundAtlas((int) Math.ceil(worldWidth), height);
    this.atlases = AtlasSet.original(fg, bg);
    this.background = new float[clip.clip().frameCount()][];
  }

  @Override
  public LayerMapSource maps() {
    return this;
  }

  @Override
  public int frameCount() {
    return clip.clip().frameCount();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public FrameLayerMaps maps(int t, int w, int h) {
    ObjectPose pose = clip.poses().get(t);
    double offset = clip.backgroundOffsets().get(t);
    double sx = width / (double) w;
    double sy = height / (double) h;
    float[] uvf = new float[w * h * 2];
    float[] uvb = new float[w * h * 2];
    float[] alpha = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        double px = (x + 0.5) * sx;
        double py = (y + 0.5) * sy;
        double[] uv = pose.toObject(px, py);
        uvf[2 * p] = (float) uv[0];
        uvf[2 * p + 1] = (float) uv[1];
        uvb[2 * p] = (float) (-1 + 2 * (px + offset) / worldWidth);
        uvb[2 * p + 1] = (float) (-1 + 2 * py / height);
        alpha[p] = coverage(pose, x * sx, y * sy, sx, sy);
      }
    }
    return new FrameLayerMaps(w, h, uvf, uvb, alpha);
  }

  @Override
  public double fps() {
    return clip.clip().fps();
  }

  @Override
  public Frame frame(int t) {
    return clip.clip().frame(t);
  }

  @Override
  public synchronized float[] backgroundColours(int t) {
    if (background[t] == null) {
      FrameLayerMaps m = maps(t, width, height);
      float[] out = new float[width * height * 3];
      float[] uv = m.backgroundUv();
      for (int p = 0; p < width * height; p++) {
        atlases.background().sample(uv[2 * p], uv[2 * p + 1], out, 3 * p);
      }
      background[t] = out;
    }
    return background[t];
  }

  @Override
  public AtlasSet atlases() {
    return atlases;
  }

  @Override
  public EditingAtlas editingAtlas(NDManager manager, AtlasMode mode) {
    requireFast(mode);
    return new TextureEditingAtlas(manager, atlases.foreground());
  }

  @Override
  public EditingAtlas backgroundAtlas(NDManager manager, AtlasMode mode) {
    requireFast(mode);
    return new TextureEditingAtlas(manager, atlases.background());
  }

  @Override
  public boolean supports(AtlasMode mode) {
    return mode == AtlasMode.FAST;
  }

  private static void requireFast(AtlasMode mode) {
    if (mode != AtlasMode.FAST) {
      throw new InputException(
          "--atlas-mode "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + ": the exact decomposition of the generated clip has no atlas network; use fast");
    }
  }

  @Override
  public String identity() {
    return "synthetic:" + clip.spec() + ":atlas" + atlases.foreground().width();
  }

  /** Fraction of the pixel footprint [x0, x0+sx) × [y0, y0+sy) inside the object's ellipse. */
  private static float coverage(ObjectPose pose, double x0, double y0, double sx, double sy) {
    int inside = 0;
    for (int j = 0; j < COVERAGE_SAMPLES; j++) {
      for (int i = 0; i < COVERAGE_SAMPLES; i++) {
        double[] uv =
            pose.toObject(
                x0 + (i + 0.5) * sx / COVERAGE_SAMPLES, y0 + (j + 0.5) * sy / COVERAGE_SAMPLES);
        inside += uv[0] * uv[0] + uv[1] * uv[1] <= 1 ? 1 : 0;
      }
    }
    return inside / (float) (COVERAGE_SAMPLES * COVERAGE_SAMPLES);
  }

  /** Each texel from the first frame that shows its object point fully covered. */
  private AtlasTexture foregroundAtlas(int size) {
    float[] rgb = new float[size * size * 3];
    List<Frame> frames = clip.clip().frames();
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        double u = AtlasExtent.FULL.u(i, size);
        double v = AtlasExtent.FULL.v(j, size);
        // texels outside the object copy its nearest boundary point, so bilinear edges stay
        // object-coloured
        double r = Math.hypot(u, v);
        double k = r > 0.97 ? 0.97 / r : 1;
        int t =
            firstFrame(
                f -> {
                  double[] xy = clip.poses().get(f).toPixel(u * k, v * k);
                  return inside(xy) && matteRange(f, xy)[0] > 0.999f;
                });
        double[] xy = clip.poses().get(t).toPixel(u * k, v * k);
        Frame fr = frames.get(t);
        FrameResampler.sample(
            fr.pixels(),
            width,
            height,
            fr.channels(),
            (float) xy[0],
            (float) xy[1],
            rgb,
            (j * size + i) * 3);
      }
    }
    return new AtlasTexture(size, size, rgb);
  }

  /**
   * Each texel from the first frame where its world point is visible and not covered by the object.
   */
  private AtlasTexture backgroundAtlas(int w, int h) {
    float[] rgb = new float[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double wx = (x + 0.5) * worldWidth / w;
        double wy = (y + 0.5) * height / (double) h;
        int t =
            firstFrame(
                f -> {
                  double[] xy = {wx - clip.backgroundOffsets().get(f), wy};
                  return inside(xy) && matteRange(f, xy)[1] < 0.001f;
                });
        double px = Math.max(0.5, Math.min(width - 0.5, wx - clip.backgroundOffsets().get(t)));
        Frame fr = clip.clip().frame(t);
        FrameResampler.sample(
            fr.pixels(),
            width,
            height,
            fr.channels(),
            (float) px,
            (float) wy,
            rgb,
            (y * w + x) * 3);
      }
    }
    return new AtlasTexture(w, h, rgb);
  }

  private int firstFrame(java.util.function.IntPredicate ok) {
    int n = clip.clip().frameCount();
    for (int t = 0; t < n; t++) {
      if (ok.test(t)) {
        return t;
      }
    }
    return 0;
  }

  private boolean inside(double[] xy) {
    return xy[0] >= 0.5 && xy[0] <= width - 0.5 && xy[1] >= 0.5 && xy[1] <= height - 0.5;
  }

  /**
   * The {min, max} matte over the 3x3 pixels around xy: a point counts as fully object (background)
   * only when its whole neighbourhood is, so bilinear reads stay on one layer.
   */
  private float[] matteRange(int t, double[] xy) {
    Matte m = clip.clip().matte(t);
    int x = (int) Math.floor(xy[0]);
    int y = (int) Math.floor(xy[1]);
    float min = 1;
    float max = 0;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        float a =
            m.get(
                Math.max(0, Math.min(width - 1, x + dx)),
                Math.max(0, Math.min(height - 1, y + dy)));
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    }
    return new float[] {min, max};
  }
}
