package org.styleatlas.engine.studio;

import java.time.Instant;
import org.styleatlas.engine.cache.CacheKey;

/**
 * One artifact in the studio's cache.
 *
 * @param kind what it is: {@code frame}, {@code clip}, {@code decomposition}, {@code
 *     stylized-atlas}, {@code size-maps} (maps at an output size), {@code flow}, …
 * @param hash the 64 hex digits of its address
 * @param bytes its size on disk
 * @param lastUsed when it was last read or written
 */
public record Artifact(String kind, String hash, long bytes, Instant lastUsed) {

  static Artifact of(CacheKey key, long bytes, Instant lastUsed) {
    return new Artifact(key.kind(), key.hash(), bytes, lastUsed);
  }

  /** {@code kind/hash}, the whole address. */
  public String key() {
    return kind + "/" + hash;
  }

  /** {@code kind/} and the hash's first 12 digits, as listings show it (unique in practice). */
  public String shortKey() {
    return kind + "/" + hash.substring(0, SHORT_HASH);
  }

  CacheKey cacheKey() {
    return new CacheKey(kind, hash);
  }

  private static final int SHORT_HASH = 12;
}
