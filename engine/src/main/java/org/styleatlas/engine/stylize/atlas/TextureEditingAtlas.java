package org.styleatlas.engine.stylize.atlas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.render.AtlasExtent;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.runtime.Scalars;

/**
 * Fast mode's editing atlas: the decomposition's discretized foreground atlas, frozen, plus a
 * trainable multi-resolution colour offset, sampled bilinearly with gathers (DJL has no
 * grid_sample).
 *
 * <p>{@code A(uv) = T(uv) + Σ_l 2^-l · D_l(uv)}, where T is the original atlas and D_l are
 * zero-initialised grids from 4x4 texels (l = 0) doubling up to the atlas's own size. This is a
 * dense, hash-free version of a multi-resolution grid atlas: coarse levels carry the large, smooth
 * colour changes and the down-weighted fine levels the detail, so Adam's per-parameter steps do not
 * turn into texel noise (which a single free texture does, and which shows up as flicker under
 * motion). Far cheaper per point than an MLP; for the paper's method use {@link BlockEditingAtlas}.
 * Colours are clipped to [0, 1], as an atlas network's output layer bounds them, so the CLIP losses
 * cannot push them out of gamut.
 */
public final class TextureEditingAtlas implements EditingAtlas {
  private static final int COARSEST = 4;

  private final NDManager manager;
  private final Grid base;
  private final List<Grid> levels = new ArrayList<>();

  /** One bilinearly sampled grid {@code [height·width, 3]}, with the weight of its contribution. */
  private record Grid(int width, int height, NDArray texels, float weight, AtlasExtent extent) {

    NDArray sample(NDArray u, NDArray v, long n) {
      float sx = (float) (width / (extent.u1() - extent.u0()));
      float sy = (float) (height / (extent.v1() - extent.v0()));
      NDArray x = u.sub((float) extent.u0()).mul(sx).sub(0.5f).clip(0, width - 1);
      NDArray y = v.sub((float) extent.v0()).mul(sy).sub(0.5f).clip(0, height - 1);
      NDArray x0 = x.floor().clip(0, width - 2);
      NDArray y0 = y.floor().clip(0, height - 2);
      NDArray fx = x.sub(x0).expandDims(1);
      NDArray fy = y.sub(y0).expandDims(1);
      NDArray i00 = y0.mul(width).add(x0).toType(DataType.INT64, false);
      NDArray top = rows(i00, n).mul(fx.neg().add(1)).add(rows(i00.add(1), n).mul(fx));
      NDArray bottom =
          rows(i00.add(width), n).mul(fx.neg().add(1)).add(rows(i00.add(width + 1), n).mul(fx));
      NDArray out = top.mul(fy.neg().add(1)).add(bottom.mul(fy));
      return weight == 1 ? out : Scalars.mul(out, weight);
    }

    private NDArray rows(NDArray index, long n) {
      // gather's result belongs to the texels' long-lived manager: hand it to the caller's
      // (per-step)
      // manager, or every iteration's rows and autograd graph would stay alive until the atlas
      // closes.
      NDArray gathered = texels.gather(index.reshape(n, 1).broadcast(new Shape(n, 3)), 0);
      gathered.attach(index.getManager());
      return gathered;
    }
  }

  /**
   * @param parent manager under which the weights live (a sub-manager is created and closed with
   *     this atlas)
   * @param initial the starting atlas, usually the decomposition's discretized foreground atlas
   */
  public TextureEditingAtlas(NDManager parent, AtlasTexture initial) {
    this.manager = parent.newSubManager();
    int w = initial.width();
    int h = initial.height();
    this.base =
        new Grid(
            w, h, manager.create(initial.rgb(), new Shape((long) w * h, 3)), 1, initial.extent());
    List<int[]> sizes = new ArrayList<>();
    for (int lw = (w + 3) / 4, lh = (h + 3) / 4; ; lw = (lw + 1) / 2, lh = (lh + 1) / 2) {
      sizes.add(0, new int[] {Math.max(2, lw), Math.max(2, lh)});
      if (lw <= COARSEST || lh <= COARSEST) {
        break;
      }
    }
    for (int l = 0; l < sizes.size(); l++) {
      int[] s = sizes.get(l);
      NDArray texels = manager.zeros(new Shape((long) s[0] * s[1], 3));
      texels.setRequiresGradient(true);
      levels.add(new Grid(s[0], s[1], texels, (float) Math.pow(0.5, l), initial.extent()));
    }
  }

  @Override
  public NDArray colours(NDArray uv) {
    long n = uv.getShape().get(0);
    NDArray u = uv.get(":, 0");
    NDArray v = uv.get(":, 1");
    NDArray out = base.sample(u, v, n);
    for (Grid g : levels) {
      out = out.add(g.sample(u, v, n));
    }
    return out.clip(0f, 1f);
  }

  /**
   * Bilinear gathers keep a few hundred bytes per point for backward: a whole batch fits one graph.
   */
  @Override
  public int pointsPerGraph() {
    return 1 << 21;
  }

  @Override
  public PairList<String, NDArray> trainable() {
    PairList<String, NDArray> out = new PairList<>();
    for (int l = 0; l < levels.size(); l++) {
      out.add("offset-level-" + l, levels.get(l).texels());
    }
    return out;
  }

  @Override
  public NDManager manager() {
    return manager;
  }
}
