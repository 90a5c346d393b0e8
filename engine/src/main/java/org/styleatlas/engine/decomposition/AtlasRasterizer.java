package org.styleatlas.engine.decomposition;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.styleatlas.engine.atlas.field.AtlasField;
import org.styleatlas.engine.decomposition.loss.Layer;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;

/**
 * Discretises an atlas into a PNG cropped to the region the video uses (as NLA does): the bounding
 * box of the layer's UVs over pixels where the layer is visible (α &gt; ½ for the foreground, α
 * &lt; ½ for the background; all pixels if none), padded by two texels. Texels are 2/resolution
 * atlas units wide.
 */
final class AtlasRasterizer {
  private static final int CHUNK = 1 << 15;
  private static final int PAD = 2;

  private AtlasRasterizer() {}

  static AtlasImageLayout rasterize(
      AtlasField atlas,
      Layer layer,
      ClipLayerMaps maps,
      int resolution,
      NDManager manager,
      Path dir)
      throws IOException {
    double[] box =
        bounds(
            layer == Layer.FOREGROUND ? maps.uvForeground() : maps.uvBackground(),
            maps.alpha(),
            layer == Layer.FOREGROUND);
    double texel = 2.0 / resolution;
    double u0 = Math.max(-1, box[0] - PAD * texel);
    double v0 = Math.max(-1, box[1] - PAD * texel);
    double u1 = Math.min(1, box[2] + PAD * texel);
    double v1 = Math.min(1, box[3] + PAD * texel);
    int w = Math.max(1, (int) Math.ceil((u1 - u0) / texel));
    int h = Math.max(1, (int) Math.ceil((v1 - v0) / texel));
    AtlasImageLayout tex =
        new AtlasImageLayout(layer, "atlas-" + layer.label() + ".png", u0, v0, u1, v1, w, h);
    float[] rgb = new float[w * h * 3];
    ParameterStore ps = new ParameterStore(manager, false);
    for (int start = 0; start < w * h; start += CHUNK) {
      int n = Math.min(CHUNK, w * h - start);
      float[] uv = new float[n * 2];
      for (int k = 0; k < n; k++) {
        double[] c = tex.pixelToUv((start + k) % w, (start + k) / w);
        uv[k * 2] = (float) c[0];
        uv[k * 2 + 1] = (float) c[1];
      }
      try (NDManager chunk = manager.newSubManager()) {
        float[] out = atlas.apply(ps, chunk.create(uv, new Shape(n, 2)), false).toFloatArray();
        System.arraycopy(out, 0, rgb, start * 3, out.length);
      }
    }
    ClipWriter.writePng(new Frame(w, h, 3, rgb), dir.resolve(tex.file()));
    return tex;
  }

  /** {u_min, v_min, u_max, v_max} over visible pixels. */
  private static double[] bounds(List<float[]> uvs, List<float[]> alphas, boolean foreground) {
    double[] box = scan(uvs, alphas, foreground, true);
    return box[0] <= box[2] ? box : scan(uvs, alphas, foreground, false);
  }

  private static double[] scan(
      List<float[]> uvs, List<float[]> alphas, boolean foreground, boolean visibleOnly) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int t = 0; t < uvs.size(); t++) {
      float[] uv = uvs.get(t);
      float[] a = alphas.get(t);
      for (int p = 0; p < a.length; p++) {
        if (visibleOnly && (a[p] > 0.5f) != foreground) {
          continue;
        }
        box[0] = Math.min(box[0], uv[p * 2]);
        box[1] = Math.min(box[1], uv[p * 2 + 1]);
        box[2] = Math.max(box[2], uv[p * 2]);
        box[3] = Math.max(box[3], uv[p * 2 + 1]);
      }
    }
    return box;
  }
}
