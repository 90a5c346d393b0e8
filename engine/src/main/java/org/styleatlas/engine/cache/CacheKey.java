package org.styleatlas.engine.cache;

import java.util.regex.Pattern;

/**
 * The address of one cache entry: what kind of artifact it is and the content hash it derives from.
 *
 * @param kind artifact kind, lower-case letters, digits and dashes, e.g. "decomposition",
 *     "stylized-atlas"
 * @param hash lower-case hex SHA-256 of everything the artifact depends on (see {@link
 *     ContentHasher})
 */
public record CacheKey(String kind, String hash) {
  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public CacheKey {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("cache kind must match " + KIND + ", got '" + kind + "'");
    }
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "cache hash must be 64 lower-case hex digits, got '" + hash + "'");
    }
  }

  @Override
  public String toString() {
    return kind + "/" + hash.substring(0, 12);
  }
}
