package org.styleatlas.engine.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.styleatlas.engine.cache.ContentHasher;

/**
 * What identifies a job's clip in artifact keys: {@code clip:<id>} for a recognised clip (the
 * SHA-256 of its ordered frame hashes, {@link ClipStore#clipId}), else {@code files:<hash>} of the
 * source and matte paths with every file's name, size and modification time, so an edited clip gets
 * a new address without reading its pixels.
 */
public final class ClipIdentity {
  private ClipIdentity() {}

  /** The identity of the spec's clip. */
  public static String of(JobSpec spec) {
    if (spec.clip() != null) {
      return ofClip(spec.clip());
    }
    ContentHasher h = new ContentHasher().putString("files");
    listing(h, spec.sourcePath());
    h.putLong(spec.matte() == null ? 0 : 1);
    if (spec.matte() != null) {
      listing(h, spec.mattePath());
    }
    return "files:" + h.hex();
  }

  /** The identity of a recognised clip. */
  public static String ofClip(String clipId) {
    return "clip:" + clipId;
  }

  private static void listing(ContentHasher h, Path root) {
    h.putString(root.toString());
    if (!Files.exists(root)) {
      h.putLong(-1);
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        h.putString(root.relativize(p).toString()).putLong(Files.size(p));
        h.putLong(Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }
}
