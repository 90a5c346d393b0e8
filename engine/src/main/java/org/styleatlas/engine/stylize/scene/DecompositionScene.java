package org.styleatlas.engine.stylize.scene;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.styleatlas.engine.atlas.field.AtlasField;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.maps.MapNetworks;
import org.styleatlas.engine.maps.MapResampler;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.render.AtlasExtent;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.LayerMapFrames;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.BlockEditingAtlas;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.atlas.TextureEditingAtlas;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/**
 * A learned decomposition ({@link Decomposition}) as the stylization and the renderer see it: its
 * cached working-resolution maps, its maps on any other pixel grid (from a {@link MapStore}:
 * resampled, with the frozen networks evaluated only near the opacity's edges), the frozen
 * background colours A_b(uv_b), its discretized atlases, and copies of its atlas networks as
 * editing atlases. The decomposition itself is never modified.
 */
public final class DecompositionScene implements EditableScene, LayerMapSource {
  private static final int CHUNK = 1 << 15;

  /** Memory bound of resampled frames for a scene that was given no store. */
  private static final long OWN_STORE_BYTES = 512L << 20;

  private final Decomposition decomposition;
  private final Clip clip;
  private final AtlasSet atlases;
  private volatile LayerMapFrames working;
  private final float[][] background;
  private final ProgressSink progress;
  private final MapStore store;
  private final MapNetworks networks = new Networks();

  /**
   * A scene whose maps at other resolutions are kept in memory only (its own {@link MapStore}).
   *
   * @param decomposition the decomposition of {@code clip} (its working resolution is the clip's)
   * @param clip the decomposed clip, at the working resolution
   */
  public DecompositionScene(Decomposition decomposition, Clip clip, ProgressSink progress) {
    this(decomposition, clip, progress, new MapStore(Optional.empty(), OWN_STORE_BYTES));
  }

  /**
   * @param decomposition the decomposition of {@code clip} (its working resolution is the clip's)
   * @param clip the decomposed clip, at the working resolution
   * @param store where maps at other resolutions come from (shared by the scenes of a process)
   */
  public DecompositionScene(
      Decomposition decomposition, Clip clip, ProgressSink progress, MapStore store) {
    this.decomposition = decomposition;
    this.clip = clip;
    this.progress = progress;
    this.store = store;
    this.atlases =
        AtlasSet.original(
            texture(decomposition.foregroundTexture()), texture(decomposition.backgroundTexture()));
    this.background = new float[clip.frameCount()][];
  }

  private AtlasTexture texture(org.styleatlas.engine.decomposition.AtlasImageLayout t) {
    AtlasTexture pixels = AtlasFiles.read(decomposition.texturePath(t), t.width(), t.height());
    return new AtlasTexture(
        t.width(), t.height(), pixels.rgb(), new AtlasExtent(t.u0(), t.v0(), t.u1(), t.v1()));
  }

  /**
   * This scene with its maps at other sizes from {@code other} (same decomposition and clip;
   * closing either closes the decomposition, so close only one).
   */
  public DecompositionScene withStore(MapStore other) {
    return new DecompositionScene(decomposition, clip, progress, other);
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
    return store.frame(networks, t, w, h);
  }

  /** The working-size maps, read from the decomposition entry on first use. */
  private LayerMapFrames working() {
    LayerMapFrames w = working;
    if (w == null) {
      synchronized (this) {
        if (working == null) {
          try {
            org.styleatlas.engine.decomposition.ClipLayerMaps m = decomposition.maps();
            working =
                new LayerMapFrames(
                    m.width(), m.height(), m.uvForeground(), m.uvBackground(), m.alpha());
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot read the cached maps of " + clip.name() + ": " + e.getMessage(), e);
          }
        }
        w = working;
      }
    }
    return w;
  }

  /** The decomposition as the map store sees it. */
  private final class Networks implements MapNetworks {
    @Override
    public CacheKey key() {
      return decomposition.entry().key();
    }

    @Override
    public int frameCount() {
      return DecompositionScene.this.frameCount();
    }

    @Override
    public int width() {
      return DecompositionScene.this.width();
    }

    @Override
    public int height() {
      return DecompositionScene.this.height();
    }

    @Override
    public FrameLayerMaps working(int t) {
      return DecompositionScene.this.working().frame(t);
    }

    @Override
    public float[] evaluate(int t, int width, int height, MapResampler.Exact exact) {
      return decomposition.evaluatePixels(width, height, t, exact.all(), exact.alpha());
    }
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
    return "decomposition:"
        + decomposition.entry().key().kind()
        + "/"
        + decomposition.entry().key().hash();
  }
}
