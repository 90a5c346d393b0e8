package org.styleatlas.engine.cache;

import java.nio.file.Path;

/**
 * A complete, verified cache entry: a read-only folder of files.
 *
 * @param key the entry's address
 * @param dir the folder holding the entry's files
 */
public record CacheEntry(CacheKey key, Path dir) {

  /** A file of this entry by its relative name. */
  public Path file(String name) {
    return dir.resolve(name);
  }
}
