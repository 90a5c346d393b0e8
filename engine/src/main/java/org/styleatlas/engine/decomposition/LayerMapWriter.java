package org.styleatlas.engine.decomposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.cache.Float32Files;

/**
 * Writes maps into a folder in a decomposition entry's file layout ({@link
 * DecompositionFiles#UV_FOREGROUND} {@code [T, H, W, 2]}, {@link DecompositionFiles#UV_BACKGROUND}
 * {@code [T, H, W, 2]}, {@link DecompositionFiles#ALPHA} {@code [T, H, W, 1]}, float32, {@link
 * Float32Files}) frame by frame, as they arrive, so that only the frame being written is held. The
 * files appear when {@link #commit()} has seen all {@code T} frames; closing the writer before that
 * removes every partial file. Not thread-safe.
 */
public final class LayerMapWriter implements FrameMapSink, AutoCloseable {
  private final Float32Files.Appender uvForeground;
  private final Float32Files.Appender uvBackground;
  private final Float32Files.Appender alpha;
  private final int declared;
  private int frames;

  private LayerMapWriter(
      int declared,
      Float32Files.Appender uvForeground,
      Float32Files.Appender uvBackground,
      Float32Files.Appender alpha) {
    this.declared = declared;
    this.uvForeground = uvForeground;
    this.uvBackground = uvBackground;
    this.alpha = alpha;
  }

  /**
   * Starts the three files of {@code frames} frames of {@code width x height} maps in {@code dir}.
   */
  public static LayerMapWriter open(Path dir, int frames, int width, int height)
      throws IOException {
    int plane = Math.multiplyExact(width, height);
    Float32Files.Appender f =
        Float32Files.append(dir.resolve(DecompositionFiles.UV_FOREGROUND), frames, plane * 2);
    try {
      Float32Files.Appender b =
          Float32Files.append(dir.resolve(DecompositionFiles.UV_BACKGROUND), frames, plane * 2);
      try {
        return new LayerMapWriter(
            frames,
            f,
            b,
            Float32Files.append(dir.resolve(DecompositionFiles.ALPHA), frames, plane));
      } catch (IOException | RuntimeException e) {
        b.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /**
   * Writes all of {@code maps} into {@code dir} (see the class comment) and puts the files in
   * place.
   */
  public static void write(Path dir, ClipLayerMaps maps) throws IOException {
    try (LayerMapWriter out = open(dir, maps.frames(), maps.width(), maps.height())) {
      maps.forEachFrame(0, out);
      out.commit();
    }
  }

  @Override
  public void accept(FrameMaps maps) throws IOException {
    uvForeground.add(maps.uvForeground());
    uvBackground.add(maps.uvBackground());
    alpha.add(maps.alpha());
    frames++;
  }

  /** How many frames were written so far. */
  public int frames() {
    return frames;
  }

  /**
   * Puts the three files in place; fails (leaving none) unless every declared frame was written.
   */
  public void commit() throws IOException {
    if (frames != declared) {
      throw new IllegalStateException(frames + " of the declared " + declared + " frames written");
    }
    List<Float32Files.Appender> done = new ArrayList<>();
    try {
      for (Float32Files.Appender a : List.of(uvForeground, uvBackground, alpha)) {
        a.commit();
        done.add(a);
      }
    } catch (IOException | RuntimeException e) {
      for (Float32Files.Appender a : done) {
        Files.deleteIfExists(a.file());
      }
      throw e;
    }
  }

  /** Removes the files not committed. */
  @Override
  public void close() throws IOException {
    try {
      alpha.close();
    } finally {
      try {
        uvBackground.close();
      } finally {
        uvForeground.close();
      }
    }
  }
}
