package org.styleatlas.engine.cache;

import java.io.IOException;
import java.util.List;

/**
 * Other engines' caches, as a render farm whose hosts keep their own cache folders connects them
 * ({@link ContentCache#connect}): who holds an entry, reading a piece of one of its files, and
 * telling the farm which entries this cache holds.
 */
public interface EntryPeers {

  /** The peers that hold {@code key}, best first (never this engine); empty when none does. */
  List<String> holders(CacheKey key);

  /**
   * Up to {@code max} bytes of file {@code name} of {@code key}'s entry on {@code peer}, from byte
   * {@code offset}; fewer only at the end of the file.
   *
   * @param name a file of the entry as its manifest names it, or {@code manifest.json}
   * @throws IOException when the peer does not answer or no longer holds the entry
   */
  byte[] read(String peer, CacheKey key, String name, long offset, int max) throws IOException;

  /** This cache now holds {@code key} (written here or fetched). */
  void held(CacheKey key);

  /** This cache no longer holds {@code key} (evicted, removed or found corrupt). */
  void dropped(CacheKey key);
}
