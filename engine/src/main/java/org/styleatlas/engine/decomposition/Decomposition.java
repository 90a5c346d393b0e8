package org.styleatlas.engine.decomposition;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.styleatlas.engine.atlas.field.AtlasField;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * A finished decomposition: the trained model (frozen by default use), its cached maps, atlas
 * textures and report. This is the API the stylization and rendering build on; see
 * docs/DECOMPOSITION.md, "API for stylization". Closing it frees the model's native memory; the
 * cache entry stays.
 */
public final class Decomposition implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final CacheEntry entry;
  private final DecompositionConfig config;
  private final DecompositionReport report;
  private final NDManager manager;
  private final LayeredAtlasModel model;

  /** The given matte as the rendered opacity, or null when M_α renders it. */
  private final MatteOpacity opacity;

  Decomposition(
      CacheEntry entry,
      DecompositionConfig config,
      DecompositionReport report,
      NDManager manager,
      LayeredAtlasModel model)
      throws IOException {
    this.entry = entry;
    this.config = config;
    this.report = report;
    this.manager = manager;
    this.model = model;
    this.opacity =
        DecompositionReport.OPACITY_MATTE.equals(report.opacity())
            ? new MatteOpacity(
                report.width(),
                report.height(),
                Float32Files.read(entry.file(DecompositionFiles.ALPHA)))
            : null;
  }

  /**
   * Whether the rendered opacity is the given matte (stored as the working α map and resampled to
   * other sizes) rather than M_α.
   */
  public boolean opacityIsMatte() {
    return opacity != null;
  }

  /**
   * Opens a cached decomposition entry trained with {@code config}: loads its weights, no training.
   */
  public static Decomposition open(CacheEntry entry, DecompositionConfig config)
      throws IOException {
    DecompositionReport report =
        JSON.readValue(entry.file(DecompositionFiles.REPORT).toFile(), DecompositionReport.class);
    Engine engine = DjlRuntime.engine();
    Device device = config.device().resolve(engine);
    NDManager manager = engine.newBaseManager(device);
    try {
      LayeredAtlasModel model = LayeredAtlasModel.create(config.model(), manager);
      try (InputStream raw = Files.newInputStream(entry.file(DecompositionFiles.WEIGHTS));
          DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
        model.load(manager, in);
      }
      return new Decomposition(entry, config, report, manager, model);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The cache entry (its folder holds every file of {@link DecompositionFiles}). */
  public CacheEntry entry() {
    return entry;
  }

  public DecompositionConfig config() {
    return config;
  }

  public DecompositionReport report() {
    return report;
  }

  /** The working geometry the model was trained at (normalised coordinates). */
  public FrameGeometry geometry() {
    return new FrameGeometry(report.width(), report.height(), report.frames());
  }

  /** The trained model (M_f, M_b, M_α and the atlases); its arrays live on {@link #manager()}. */
  public LayeredAtlasModel model() {
    return model;
  }

  /** The manager holding the model; its device is the training device. */
  public NDManager manager() {
    return manager;
  }

  /** UV and alpha maps at the working resolution, read from the cache (no reconstruction). */
  public ClipLayerMaps maps() throws IOException {
    return new ClipLayerMaps(
        report.width(),
        report.height(),
        Float32Files.read(entry.file(DecompositionFiles.UV_FOREGROUND)),
        Float32Files.read(entry.file(DecompositionFiles.UV_BACKGROUND)),
        Float32Files.read(entry.file(DecompositionFiles.ALPHA)),
        java.util.List.of());
  }

  /**
   * Evaluates the frozen mappings and α (and, with {@code withRgb}, the reconstruction) on a {@code
   * width × height} grid covering each frame: any output resolution.
   */
  public ClipLayerMaps evaluate(int width, int height, boolean withRgb, ProgressSink progress) {
    checkSize(width, height);
    return MapEvaluator.evaluate(
        model,
        manager,
        geometry(),
        width,
        height,
        0,
        geometry().frames(),
        withRgb,
        opacity,
        progress);
  }

  /**
   * The maps of frames {@code [from, to)} only (no reconstruction), evaluated at {@code width x
   * height}: what a renderer asked for single frames needs, at a fraction of the whole clip's cost.
   *
   * @return maps whose frame 0 is frame {@code from}
   */
  public ClipLayerMaps evaluate(int width, int height, int from, int to, ProgressSink progress) {
    checkRange(width, height, from, to);
    return MapEvaluator.evaluate(
        model, manager, geometry(), width, height, from, to, false, opacity, progress);
  }

  /**
   * Evaluates the maps of frames {@code [from, to)} at {@code width x height} (and, with {@code
   * withRgb}, the reconstruction) and hands them to {@code sink} frame by frame as they are
   * evaluated, so a whole clip's maps are never held at once (for example to write them into a
   * cache entry, {@link LayerMapWriter}).
   *
   * @throws IOException what {@code sink} throws; no later frame is evaluated
   */
  public void evaluate(
      int width,
      int height,
      int from,
      int to,
      boolean withRgb,
      ProgressSink progress,
      FrameMapSink sink)
      throws IOException {
    checkRange(width, height, from, to);
    MapEvaluator.stream(
        model, manager, geometry(), width, height, from, to, withRgb, opacity, progress, sink);
  }

  /**
   * The frozen mappings and α at some pixel centres of frame {@code t} on a {@code width x height}
   * grid, and α alone at others. Thread-safe: the chunks of one call, and concurrent calls, run in
   * parallel.
   *
   * @param pixels row-major pixel indices {@code y * width + x} for all three networks
   * @param alphaPixels row-major pixel indices for the opacity network only
   * @return float32 {@code [pixels.length, 5]} (u_f, v_f, u_b, v_b, α per pixel) followed by {@code
   *     [alphaPixels.length]} (α)
   */
  public float[] evaluatePixels(int width, int height, int t, int[] pixels, int[] alphaPixels) {
    checkRange(width, height, t, t + 1);
    return MapEvaluator.evaluatePixels(
        model, manager, geometry(), width, height, t, pixels, alphaPixels, opacity);
  }

  /**
   * The frozen mappings and α at some pixel centres of frame {@code t} on a {@code width x height}
   * grid.
   *
   * @param pixels row-major pixel indices {@code y * width + x}
   * @return {@code [n, 5]} float32 per pixel: u_f, v_f, u_b, v_b, α
   */
  public float[] evaluatePixels(int width, int height, int t, int[] pixels) {
    return evaluatePixels(width, height, t, pixels, new int[0]);
  }

  private void checkRange(int width, int height, int from, int to) {
    checkSize(width, height);
    if (from < 0 || to > geometry().frames() || from >= to) {
      throw new IllegalArgumentException(
          "frames [" + from + ", " + to + ") outside the clip's 0 … " + (geometry().frames() - 1));
    }
  }

  private static void checkSize(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "output size must be positive, got " + width + "x" + height);
    }
  }

  /** The foreground atlas, sharing this model's weights: {@code uv [N, 2] → rgb [N, 3]}. */
  public AtlasField foregroundAtlas() {
    return model.foregroundAtlas();
  }

  /** The background atlas, sharing this model's weights. */
  public AtlasField backgroundAtlas() {
    return model.backgroundAtlas();
  }

  /**
   * An independent, trainable copy of the foreground atlas on {@code target}: the editing atlas A.
   */
  public AtlasField copyForegroundAtlas(NDManager target) {
    return model.foregroundAtlas().copy(target);
  }

  /** An independent, frozen copy of the background atlas on {@code target}: A_b. */
  public AtlasField copyBackgroundAtlas(NDManager target) {
    AtlasField copy = model.backgroundAtlas().copy(target);
    copy.freezeParameters(true);
    return copy;
  }

  /** The discretised foreground atlas (file and pixel ↔ uv mapping). */
  public AtlasImageLayout foregroundTexture() {
    return report.foregroundAtlas();
  }

  /** The discretised background atlas. */
  public AtlasImageLayout backgroundTexture() {
    return report.backgroundAtlas();
  }

  /** The PNG of a texture of this decomposition. */
  public Path texturePath(AtlasImageLayout texture) {
    return entry.file(texture.file());
  }

  @Override
  public void close() {
    manager.close();
  }
}
