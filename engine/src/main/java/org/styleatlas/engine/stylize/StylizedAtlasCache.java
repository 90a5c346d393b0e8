package org.styleatlas.engine.stylize;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.video.VideoHashing;

/**
 * Stylized atlases in the content cache, one entry per (decomposition, encoder, target, settings):
 * a new prompt on a decomposed clip fine-tunes once and never decomposes again, and the same prompt
 * with the same settings is a cache hit. An entry holds the atlases as exact float32 files ({@link
 * Float32Files}, one {@code [H, W, 3]} array each) and the loss history.
 */
public final class StylizedAtlasCache {
  /** Cache kind of stylized atlases. */
  public static final String KIND = "stylized-atlas";

  private static final Logger LOG = LoggerFactory.getLogger(StylizedAtlasCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOREGROUND = "foreground.f32";
  private static final String BACKGROUND = "background.f32";
  private static final String HISTORY = "history.json";

  /** What the history file holds. */
  record Stored(List<LossValues> history, double seconds) {}

  private final ContentCache cache;

  public StylizedAtlasCache(ContentCache cache) {
    this.cache = cache;
  }

  /**
   * The address of a stylization.
   *
   * @param sceneIdentity {@link EditableScene#identity()}
   * @param encoderIdentity which CLIP model (its file name and size, or a test encoder's name)
   */
  public static CacheKey key(
      String sceneIdentity, String encoderIdentity, StyleTarget target, StylizeConfig config) {
    ContentHasher h =
        new ContentHasher()
            .putString(sceneIdentity)
            .putString(encoderIdentity)
            .putString(target.globalText())
            .putString(target.localText())
            .putString(config.toString());
    h.putLong(target.styleImage().isPresent() ? 1 : 0);
    target.styleImage().ifPresent(f -> VideoHashing.putFrame(h, f));
    return h.key(KIND);
  }

  /** The cached result, or a new one from {@code run} (then stored). */
  public StylizationResult getOrRun(
      CacheKey key, EditableScene scene, java.util.function.Supplier<StylizationResult> run)
      throws IOException {
    StylizationResult[] fresh = new StylizationResult[1];
    CacheEntry entry =
        cache.getOrCreate(
            key,
            dir -> {
              fresh[0] = run.get();
              write(dir, fresh[0]);
            });
    if (fresh[0] != null) {
      return fresh[0];
    }
    LOG.info("stylized atlas {} found in the cache; no fine-tuning needed", key);
    return read(entry, scene);
  }

  private static void write(Path dir, StylizationResult r) throws IOException {
    writeFloats(dir.resolve(FOREGROUND), r.foreground().rgb());
    if (r.background().isPresent()) {
      writeFloats(dir.resolve(BACKGROUND), r.background().get().rgb());
    }
    JSON.writeValue(dir.resolve(HISTORY).toFile(), new Stored(r.history(), r.seconds()));
  }

  /**
   * Reads a stylization entry written by {@link #getOrRun}.
   *
   * @param scene the decomposed scene it was made on (its atlases give the sizes and uv extents)
   */
  public static StylizationResult read(CacheEntry entry, EditableScene scene) throws IOException {
    Stored s = JSON.readValue(entry.file(HISTORY).toFile(), Stored.class);
    AtlasTexture fg = scene.atlases().foreground().withRgb(readFloats(entry.file(FOREGROUND)));
    Optional<AtlasTexture> bg =
        Files.exists(entry.file(BACKGROUND))
            ? Optional.of(scene.atlases().background().withRgb(readFloats(entry.file(BACKGROUND))))
            : Optional.empty();
    return new StylizationResult(fg, bg, s.history(), s.seconds());
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    Float32Files.write(file, List.of(values));
  }

  /**
   * Reads an atlas file: one {@link Float32Files} array, or the earlier big-endian stream (int32 n,
   * n floats).
   */
  private static float[] readFloats(Path file) {
    try {
      if (Files.size(file) >= 16 && !isLegacy(file)) {
        List<float[]> arrays = Float32Files.read(file);
        if (arrays.size() != 1) {
          throw new IOException("holds " + arrays.size() + " arrays, expected one atlas");
        }
        return arrays.get(0);
      }
      try (DataInputStream in =
          new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
        float[] out = new float[in.readInt()];
        for (int i = 0; i < out.length; i++) {
          out[i] = in.readFloat();
        }
        return out;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cached atlas " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code file} is the earlier big-endian stream: its length is 4 + 4 × its leading
   * big-endian int32.
   */
  private static boolean isLegacy(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return Files.size(file) == 4 + 4L * in.readInt();
    }
  }
}
