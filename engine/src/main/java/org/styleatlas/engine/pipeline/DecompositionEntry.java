package org.styleatlas.engine.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The layout of a decomposition artifact ({@code decomposition/<ArtifactRecipe key>}), one entry,
 * self-sufficient for the stylize runner, the CLI and the frame renderer:
 *
 * <ul>
 *   <li>every file {@link org.styleatlas.engine.decomposition.DecompositionJob} writes ({@link
 *       DecompositionFiles}: weights, UV and α maps, atlas textures, report, config fingerprint);
 *   <li>{@value #FRAMES}: the source frames at the working resolution, {@code [T][H·W·3]} float32
 *       RGB ({@link Float32Files}), which stylization reads (its views) and the CLI's renders show
 *       outside the object;
 *   <li>{@value #CLIP}: the clip's name and frame rate;
 *   <li>{@value #MATTES}: the object matte the decomposition was trained with, at the working
 *       resolution, {@code [T][H·W]} float32 in [0, 1] ({@link Float32Files}): the given matte, the
 *       source's alpha, or the matte segmented from the box ({@code MatteResolver}), so what the
 *       engine made of a box can be checked afterwards.
 * </ul>
 *
 * The job writes its own files and these ({@link #writeExtras}) into the same entry ({@code
 * DecompositionJob.Builder#optEntry}).
 */
public final class DecompositionEntry {
  public static final String FRAMES = "frames.f32";
  static final String CLIP = "clip.json";
  public static final String MATTES = "matte.f32";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@value #CLIP} holds. */
  record ClipInfo(String name, double fps) {}

  private DecompositionEntry() {}

  /**
   * Writes the working-resolution frames, their mattes (when the clip has them) and the clip's name
   * and rate of {@code clip} into {@code dir}.
   */
  public static void writeExtras(Path dir, Clip clip) throws IOException {
    List<float[]> frames = new ArrayList<>(clip.frameCount());
    clip.frames().forEach(f -> frames.add(f.rgb().pixels()));
    Float32Files.write(dir.resolve(FRAMES), frames);
    if (clip.mattes().isPresent()) {
      Float32Files.write(
          dir.resolve(MATTES), clip.mattes().get().stream().map(Matte::values).toList());
    }
    JSON.writeValue(dir.resolve(CLIP).toFile(), new ClipInfo(clip.name(), clip.fps()));
  }

  /**
   * Opens the entry as a scene (the decomposition's networks loaded, frozen).
   *
   * @param config the decomposition settings of this engine; they must be the ones the entry was
   *     made with
   */
  public static DecompositionScene open(
      CacheEntry entry, DecompositionConfig config, ProgressSink progress) throws IOException {
    return open(entry, config, progress, Optional.empty());
  }

  /**
   * {@link #open(CacheEntry, DecompositionConfig, ProgressSink)} with its maps at output sizes from
   * {@code store} (shared by the host's scenes) instead of a store of its own.
   */
  static DecompositionScene open(
      CacheEntry entry, DecompositionConfig config, ProgressSink progress, Optional<MapStore> store)
      throws IOException {
    String made =
        Files.readString(entry.file(DecompositionFiles.CONFIG), StandardCharsets.UTF_8).trim();
    // The opacity is the entry's own (OpacityChoice chose it from the clip's matte source, and the
    // report records it); every other setting must be this engine's.
    DecompositionConfig asMade =
        Arrays.stream(OpacitySource.values())
            .map(config::withOpacity)
            .filter(c -> made.equals(c.fingerprint()))
            .findFirst()
            .orElse(null);
    if (asMade == null) {
      throw new InputException(
          "decomposition "
              + entry.key()
              + " was made with other decomposition settings"
              + " than this engine's (styleatlas.pipeline.*); restore them, or delete "
              + entry.dir()
              + " to decompose again");
    }
    ClipInfo info = JSON.readValue(entry.file(CLIP).toFile(), ClipInfo.class);
    Decomposition d = Decomposition.open(entry, asMade);
    try {
      int w = d.report().width();
      int h = d.report().height();
      List<Frame> frames =
          Float32Files.read(entry.file(FRAMES)).stream().map(px -> new Frame(w, h, 3, px)).toList();
      Clip clip = Clip.of(info.name(), info.fps(), frames);
      return store.isPresent()
          ? new DecompositionScene(d, clip, progress, store.get())
          : new DecompositionScene(d, clip, progress);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }
}
