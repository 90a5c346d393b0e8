package org.styleatlas.engine.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/**
 * The layout of a decompose job's output entry ({@code decomposition/<job key>}), self-sufficient for the
 * stylize runner and the frame renderer:
 * <ul>
 *   <li>every file of the {@link org.styleatlas.engine.decomposition.DecompositionJob}'s own entry
 *       ({@link DecompositionFiles}: weights, UV and α maps, atlas textures, report, config fingerprint),
 *       hard-linked (copied where the file system cannot link), so the job's entry may be evicted;
 *   <li>{@value #FRAMES}: the source frames at the working resolution, {@code [T][H·W·3]} float32 RGB
 *       ({@link Float32Files}), which the composite output shows outside the object;
 *   <li>{@value #CLIP}: the clip's name, frame rate and the address of the job's own entry.
 * </ul>
 */
final class DecompositionEntry {
  static final String FRAMES = "frames.f32";
  static final String CLIP = "clip.json";
  /** Written by the cache into every entry; not part of the decomposition. */
  private static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(DecompositionEntry.class);

  /** What {@value #CLIP} holds. */
  record ClipInfo(String name, double fps, String decomposition) {}

  private DecompositionEntry() {}

  /** Writes the entry of {@code decomposition} of {@code clip} into the empty folder {@code dir}. */
  static void write(Path dir, Decomposition decomposition, Clip clip) throws IOException {
    Path source = decomposition.entry().dir();
    boolean copied = false;
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        if (!name.equals(MANIFEST)) {
          copied |= linkOrCopy(f, dir.resolve(name));
        }
      }
    }
    if (copied) {
      LOG.info("the file system cannot hard-link cache files; copied the decomposition of {}", clip.name());
    }
    List<float[]> frames = new ArrayList<>(clip.frameCount());
    clip.frames().forEach(f -> frames.add(f.rgb().pixels()));
    Float32Files.write(dir.resolve(FRAMES), frames);
    JSON.writeValue(dir.resolve(CLIP).toFile(),
        new ClipInfo(clip.name(), clip.fps(), decomposition.entry().key().toString()));
  }

  /** @return whether it had to copy */
  private static boolean linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
      return false;
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(from, to);
      return true;
    }
  }

  /**
   * Opens the entry as a scene (the decomposition's networks loaded, frozen).
   *
   * @param config the decomposition settings of this engine; they must be the ones the entry was made with
   */
  static DecompositionScene open(CacheEntry entry, DecompositionConfig config, ProgressSink progress)
      throws IOException {
    String made = Files.readString(entry.file(DecompositionFiles.CONFIG), StandardCharsets.UTF_8).trim();
    if (!made.equals(config.fingerprint())) {
      throw new InputException("decomposition " + entry.key() + " was made with other decomposition settings"
          + " than this engine's (styleatlas.pipeline.*); restore them, or delete " + entry.dir()
          + " to decompose again");
    }
    ClipInfo info = JSON.readValue(entry.file(CLIP).toFile(), ClipInfo.class);
    Decomposition d = Decomposition.open(entry, config);
    try {
      int w = d.report().width();
      int h = d.report().height();
      List<Frame> frames = Float32Files.read(entry.file(FRAMES)).stream().map(px -> new Frame(w, h, 3, px)).toList();
      return new DecompositionScene(d, Clip.of(info.name(), info.fps(), frames), progress);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }
}
