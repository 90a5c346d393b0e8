package org.styleatlas.engine.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import org.styleatlas.engine.render.AtlasTexture;

/**
 * Fast mode's editing atlas: the discretized foreground atlas itself as the trainable weights, sampled
 * bilinearly with gathers (DJL has no grid_sample). Every texel is a free parameter, so it changes faster
 * than an MLP and costs almost nothing per point, but it has no MLP's smoothness prior: use it with the
 * paper's augmentations, and prefer the MLP ({@link BlockEditingAtlas}) for the faithful method.
 */
public final class TextureEditingAtlas implements EditingAtlas {
  private static final String ID = "texture";

  private final NDManager manager;
  private final int width;
  private final int height;
  private final NDArray texels;

  /**
   * @param parent manager under which the weights live (a sub-manager is created and closed with this atlas)
   * @param initial the starting atlas, usually the decomposition's discretized foreground atlas
   */
  public TextureEditingAtlas(NDManager parent, AtlasTexture initial) {
    this.manager = parent.newSubManager();
    this.width = initial.width();
    this.height = initial.height();
    this.texels = manager.create(initial.rgb(), new Shape((long) width * height, 3));
    texels.setRequiresGradient(true);
  }

  @Override
  public NDArray colours(NDArray uv) {
    NDArray u = uv.get(":, 0");
    NDArray v = uv.get(":, 1");
    NDArray x = u.add(1).mul(0.5f * width).sub(0.5f).clip(0, width - 1);
    NDArray y = v.add(1).mul(0.5f * height).sub(0.5f).clip(0, height - 1);
    NDArray x0 = x.floor().clip(0, width - 2);
    NDArray y0 = y.floor().clip(0, height - 2);
    NDArray fx = x.sub(x0).expandDims(1);
    NDArray fy = y.sub(y0).expandDims(1);
    NDArray i00 = y0.mul(width).add(x0).toType(DataType.INT64, false);
    long n = uv.getShape().get(0);
    NDArray c00 = rows(i00, n);
    NDArray c01 = rows(i00.add(1), n);
    NDArray c10 = rows(i00.add(width), n);
    NDArray c11 = rows(i00.add(width + 1), n);
    NDArray top = c00.mul(fx.neg().add(1)).add(c01.mul(fx));
    NDArray bottom = c10.mul(fx.neg().add(1)).add(c11.mul(fx));
    return top.mul(fy.neg().add(1)).add(bottom.mul(fy));
  }

  private NDArray rows(NDArray index, long n) {
    return texels.gather(index.reshape(n, 1).broadcast(new Shape(n, 3)), 0);
  }

  @Override
  public PairList<String, NDArray> trainable() {
    PairList<String, NDArray> out = new PairList<>();
    out.add(ID, texels);
    return out;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  /** Exact at the atlas's own size: the texels themselves; otherwise bilinear samples. */
  @Override
  public AtlasTexture discretize(int w, int h) {
    if (w == width && h == height) {
      return new AtlasTexture(width, height, texels.toFloatArray());
    }
    return EditingAtlas.super.discretize(w, h);
  }

  @Override
  public void close() {
    manager.close();
  }
}
