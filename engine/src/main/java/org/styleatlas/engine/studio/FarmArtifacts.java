package org.styleatlas.engine.studio;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.EntryPeers;

/**
 * The studio's cache as one of a render farm's caches, for hosts that keep their own cache folders
 * ({@code cluster.artifacts: fetch}): the host connects it to the farm's transport ({@link
 * #connect}), after which an entry missing here is fetched from a host that holds it and checked
 * against the SHA-256 sums its holder recorded; and the host serves this cache's entries to the
 * others ({@link #read}).
 *
 * <p>Entries are named {@code <kind>/<hash>} (their content address, as {@link Artifact} shows it).
 */
public final class FarmArtifacts {

  /** The farm's side: who holds what, and reading from another host. */
  public interface Peers {
    /** The hosts holding {@code entry}, best first, never this one. */
    List<String> holders(String entry);

    /**
     * Up to {@code max} bytes of file {@code file} of {@code entry} on host {@code peer}, from
     * {@code offset}; fewer only at the end of the file.
     *
     * @throws IOException when the host does not answer or does not hold the entry
     */
    byte[] read(String peer, String entry, String file, long offset, int max) throws IOException;

    /** This host now holds {@code entry}. */
    void held(String entry);

    /** This host no longer holds {@code entry}. */
    void dropped(String entry);
  }

  private final ContentCache cache;

  FarmArtifacts(ContentCache cache) {
    this.cache = cache;
  }

  /** Connects the cache to the farm; announces every entry held here. */
  public void connect(Peers farm) {
    cache.connect(
        new EntryPeers() {
          @Override
          public List<String> holders(CacheKey key) {
            return farm.holders(name(key));
          }

          @Override
          public byte[] read(String peer, CacheKey key, String file, long offset, int max)
              throws IOException {
            return farm.read(peer, name(key), file, offset, max);
          }

          @Override
          public void held(CacheKey key) {
            farm.held(name(key));
          }

          @Override
          public void dropped(CacheKey key) {
            farm.dropped(name(key));
          }
        });
  }

  /**
   * What another host asks for: up to {@code max} bytes of file {@code file} of {@code entry}, held
   * here, from {@code offset}; empty when this cache does not hold the entry (or it has no such
   * file, or {@code entry} is not an entry's name).
   */
  public Optional<byte[]> read(String entry, String file, long offset, int max) throws IOException {
    Optional<CacheKey> key = parse(entry);
    return key.isEmpty() ? Optional.empty() : cache.readHere(key.get(), file, offset, max);
  }

  private static String name(CacheKey key) {
    return key.kind() + "/" + key.hash();
  }

  private static Optional<CacheKey> parse(String entry) {
    int slash = entry.indexOf('/');
    try {
      return slash < 0
          ? Optional.empty()
          : Optional.of(new CacheKey(entry.substring(0, slash), entry.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
