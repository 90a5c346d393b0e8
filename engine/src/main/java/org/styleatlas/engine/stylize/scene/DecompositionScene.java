package org.styleatlas.engine.stylize.scene;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.styleatlas.engine.atlas.field.AtlasField;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.render.AtlasExtent;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.LayerMapFrames;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.maps.ResolutionMapCache;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.BlockEditingAtlas;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.atlas.TextureEditingAtlas;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/**
 * A learned decomposition ({@link Decomposition}) as the stylization and the renderer see it: its cached
 * working-resolution maps, its frozen networks evaluated on any other pixel grid (once per resolution, and
 * kept on disk by a {@link ResolutionMapCache} when given one),
 * the frozen background colours A_b(uv_b), its discretized atlases, and copies of its atlas networks as
 * editing atlases. The decomposition itself is never modified.
 */
public final class DecompositionScene implements EditableScene, LayerMapSource {
  private static final int CHUNK = 1 << 15;

  private record Size(int width, int height) {}

  private final Decomposition decomposition;
  private final Clip clip;
  private final AtlasSet atlases;
  private final Map<Size, LayerMapFrames> byResolution = new ConcurrentHashMap<>();
  private final float[][] background;
  private final ProgressSink progress;
  private final Optional<ResolutionMapCache> mapCache;

  /**
   * A scene that evaluates maps at other resolutions once per instance, in memory only.
   *
   * @param decomposition the decomposition of {@code clip} (its working resolution is the clip's)
   * @param clip the decomposed clip, at the working resolution
   */
  public DecompositionScene(Decomposition decomposition, Clip clip, ProgressSink progress) {
    this(decomposition, clip, progress, Optional.empty());
  }

  /**
   * @param decomposition the decomposition of {@code clip} (its working resolution is the clip's)
   * @param clip the decomposed clip, at the working resolution
   * @param mapCache where maps at other resolutions are kept across runs; empty: in memory only
   */
  public DecompositionScene(Decomposition decomposition, Clip clip, ProgressSink progress,
      Optional<ResolutionMapCache> mapCache) {
    this.decomposition = decomposition;
    this.clip = clip;
    this.progress = progress;
    this.mapCache = mapCache;
    this.atlases = AtlasSet.original(texture(decomposition.foregroundTexture()),
        texture(decomposition.backgroundTexture()));
    this.background = new float[clip.frameCount()][];
  }

  private AtlasTexture texture(org.styleatlas.engine.decomposition.AtlasImageLayout t) {
    AtlasTexture pixels = AtlasFiles.read(decomposition.texturePath(t), t.width(), t.height());
    return new AtlasTexture(t.width(), t.height(), pixels.rgb(), new AtlasExtent(t.u0(), t.v0(), t.u1(), t.v1()));
  }

  /** The wrapped decomposition. */
  public Decomposition decomposition() {
    return decomposition;
  }

  @Override
  public LayerMapSource maps() {
    return this;
  }

  @Override
  public int frameCount() {
    return clip.frameCount();
  }

  @Override
  public int width() {
    return clip.width();
  }

  @Override
  public int height() {
    return clip.height();
  }

  @Override
  public FrameLayerMaps maps(int t, int w, int h) {
    LayerMapFrames all = byResolution.computeIfAbsent(new Size(w, h), s -> {
      try {
        return s.width() == width() && s.height() == height() ? frames(w, h, decomposition.maps()) : evaluated(w, h);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the cached maps of " + clip.name() + ": " + e.getMessage(), e);
      }
    });
    return all.frame(t);
  }

  /** The frozen networks' maps on a {@code w x h} grid, through the per-resolution cache when there is one. */
  private LayerMapFrames evaluated(int w, int h) throws IOException {
    return mapCache.isPresent() ? mapCache.get().get(decomposition.entry().key(), w, h, frameCount(),
        sink -> decomposition.evaluate(w, h, 0, frameCount(), false, progress, sink))
        : frames(w, h, decomposition.evaluate(w, h, false, progress));
  }

  private static LayerMapFrames frames(int w, int h, org.styleatlas.engine.decomposition.ClipLayerMaps m) {
    return new LayerMapFrames(w, h, m.uvForeground(), m.uvBackground(), m.alpha());
  }

  @Override
  public double fps() {
    return clip.fps();
  }

  @Override
  public Frame frame(int t) {
    return clip.frame(t).rgb();
  }

  @Override
  public synchronized float[] backgroundColours(int t) {
    if (background[t] == null) {
      float[] uv = maps(t, width(), height()).backgroundUv();
      int n = uv.length / 2;
      float[] out = new float[n * 3];
      AtlasField atlas = decomposition.backgroundAtlas();
      ParameterStore ps = new ParameterStore(decomposition.manager(), false);
      for (int start = 0; start < n; start += CHUNK) {
        int count = Math.min(CHUNK, n - start);
        try (NDManager chunk = decomposition.manager().newSubManager()) {
          float[] part = new float[count * 2];
          System.arraycopy(uv, start * 2, part, 0, count * 2);
          NDArray rgb = atlas.apply(ps, chunk.create(part, new Shape(count, 2)), false);
          System.arraycopy(rgb.toFloatArray(), 0, out, start * 3, count * 3);
        }
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
    if (mode == AtlasMode.FAST) {
      return new TextureEditingAtlas(manager, atlases.foreground());
    }
    NDManager own = manager.newSubManager();
    return new BlockEditingAtlas(own, decomposition.copyForegroundAtlas(own));
  }

  @Override
  public EditingAtlas backgroundAtlas(NDManager manager, AtlasMode mode) {
    if (mode == AtlasMode.FAST) {
      return new TextureEditingAtlas(manager, atlases.background());
    }
    NDManager own = manager.newSubManager();
    return new BlockEditingAtlas(own, decomposition.backgroundAtlas().copy(own));
  }

  @Override
  public void close() {
    decomposition.close();
  }

  @Override
  public String identity() {
    return "decomposition:" + decomposition.entry().key().kind() + "/" + decomposition.entry().key().hash();
  }
}
