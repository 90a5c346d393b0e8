package org.styleatlas.engine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.VideoHashing;

/**
 * The content hash of style images, as part of stylized-atlas keys: the decoded pixels, so a copy
 * or a re-saved file with the same pixels is the same style. Files are decoded once per (path,
 * size, modification time) and process; a missing file hashes as its path, and the stylize job
 * reports it.
 */
final class StyleImages {
  private record Stamp(Path path, long size, long modified) {}

  private final Map<Stamp, String> hashes = new ConcurrentHashMap<>();

  /** The hash of decoded pixels. */
  static String hash(Frame image) {
    return VideoHashing.putFrame(new ContentHasher(), image).hex();
  }

  /** The hash of the image in {@code file}. */
  String hash(Path file) {
    try {
      Stamp stamp = new Stamp(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
      return hashes.computeIfAbsent(stamp, s -> hash(AtlasFiles.read(file, 0, 0).toFrame()));
    } catch (IOException e) {
      return "missing:" + file;
    } catch (RuntimeException e) {
      return "unreadable:" + file;
    }
  }
}
