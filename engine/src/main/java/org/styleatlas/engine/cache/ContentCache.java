package org.styleatlas.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed, atomic, checksummed artifact storage with a size cap and LRU eviction.
 *
 * <p>Layout: {@code root/<kind>/<hash>/} holds an entry's files plus {@code manifest.json}. An
 * entry is written in {@code root/.tmp/<uuid>/}, its manifest written last, and the folder renamed
 * into place in one step, so a process killed at any point leaves either no entry or a complete one
 * (stale temporary folders are removed on open). Checksums are verified on the first read of an
 * entry in this process; a corrupt entry is removed and reported as absent. Writers of the same key
 * are serialised, within the process by a lock and across processes by a file lock, so concurrent
 * renders compute an artifact once.
 *
 * <p>On a render farm whose hosts keep their own cache folders, the cache is {@link #connect
 * connected} to its peers: an entry missing here is fetched from a peer that holds it ({@link
 * #fetch}: every file checked against the SHA-256 its holder recorded, written in {@code .tmp/} and
 * renamed into place like any entry), and the peers hear which entries this cache holds.
 */
public final class ContentCache {
  private static final Logger LOG = LoggerFactory.getLogger(ContentCache.class);
  private static final String TMP = ".tmp";
  private static final String LOCKS = ".locks";
  private static final Duration STALE_TMP = Duration.ofHours(1);

  /** Writes an entry's files into an empty folder. */
  @FunctionalInterface
  public interface EntryWriter {
    void write(Path dir) throws IOException;
  }

  private final Path root;
  private final long maxBytes;
  private final Map<CacheKey, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<Path, Boolean> verified = new ConcurrentHashMap<>();
  private volatile EntryPeers peers;

  /**
   * @param root the cache folder, created if missing
   * @param maxBytes size cap in bytes; least recently used entries are evicted past it
   */
  public ContentCache(Path root, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("cache size cap must be positive, got " + maxBytes);
    }
    this.root = root.toAbsolutePath();
    this.maxBytes = maxBytes;
    try {
      PrivateFolders.create(this.root);
      Files.createDirectories(this.root.resolve(TMP));
      Files.createDirectories(this.root.resolve(LOCKS));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create cache folder " + this.root + ": " + e.getMessage(), e);
    }
    removeStaleTemporaries();
  }

  /** {@code $XDG_CACHE_HOME/styleatlas}, else {@code ~/.cache/styleatlas}. */
  public static Path defaultRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("styleatlas");
  }

  public Path root() {
    return root;
  }

  /**
   * Connects this cache to a farm's other caches: entries missing here are fetched from them, and
   * they hear of the entries held here (all of them now, and each one written or dropped later).
   */
  public void connect(EntryPeers farm) {
    this.peers = farm;
    list().forEach(l -> farm.held(l.key()));
  }

  /**
   * The verified entry for {@code key}, marked as used now; when it is not here, fetched from a
   * peer that holds it (see {@link #connect}); empty when absent or corrupt.
   */
  public Optional<CacheEntry> find(CacheKey key) {
    Optional<CacheEntry> here = findHere(key);
    if (here.isPresent() || peers == null) {
      return here;
    }
    try {
      return fetch(key);
    } catch (IOException e) {
      LOG.warn("cannot fetch {} from the farm: {}", key, e.getMessage());
      return Optional.empty();
    }
  }

  /** The verified entry for {@code key} in this cache folder only, marked as used now. */
  public Optional<CacheEntry> findHere(CacheKey key) {
    Path dir = entryDir(key);
    if (!Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
      return Optional.empty();
    }
    try {
      if (!verified.containsKey(dir)) {
        String bad = Manifest.read(dir).firstMismatch(dir);
        if (bad != null) {
          LOG.warn(
              "cache entry {} is corrupt ({} does not match its checksum); removing it", key, bad);
          drop(key);
          return Optional.empty();
        }
        verified.put(dir, Boolean.TRUE);
      }
      Files.setLastModifiedTime(dir.resolve(Manifest.FILE_NAME), FileTime.from(Instant.now()));
      return Optional.of(new CacheEntry(key, dir));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("cache entry {} is unreadable ({}); removing it", key, e.getMessage());
      drop(key);
      return Optional.empty();
    }
  }

  /**
   * The entry for {@code key}, written by {@code writer} if it is not cached yet. Concurrent
   * callers with the same key wait for one writer and share its result.
   *
   * @throws IOException when writing fails (for example a full disk); nothing partial is left
   *     behind
   */
  public CacheEntry getOrCreate(CacheKey key, EntryWriter writer) throws IOException {
    Optional<CacheEntry> hit = find(key);
    if (hit.isPresent()) {
      return hit.get();
    }
    return locked(
        key,
        () -> {
          Optional<CacheEntry> now = findHere(key);
          if (now.isPresent()) {
            return now.get();
          }
          CacheEntry entry =
              write(
                  key,
                  dir -> {
                    writer.write(dir);
                    return Manifest.of(dir);
                  });
          evictToFit(key);
          return entry;
        });
  }

  /**
   * Fetches {@code key}'s entry from a peer that holds it (see {@link #connect}), trying each
   * holder in turn, and stores it here; returns the entry already here if there is one.
   *
   * @return empty when no peer holds it (or the cache is not connected)
   * @throws IOException when every holder failed: the last failure, e.g. a {@link
   *     CorruptTransferException} when the bytes did not match their holder's SHA-256 (nothing is
   *     stored then)
   */
  public Optional<CacheEntry> fetch(CacheKey key) throws IOException {
    EntryPeers farm = peers;
    List<String> holders = farm == null ? List.of() : farm.holders(key);
    if (holders.isEmpty()) {
      return findHere(key);
    }
    return Optional.of(
        locked(
            key,
            () -> {
              Optional<CacheEntry> now = findHere(key);
              if (now.isPresent()) {
                return now.get();
              }
              IOException last = null;
              for (String peer : holders) {
                long t0 = System.nanoTime();
                PeerTransfer.Moved[] moved = new PeerTransfer.Moved[1];
                try {
                  CacheEntry entry =
                      write(
                          key,
                          dir -> {
                            moved[0] = PeerTransfer.fetch(farm, peer, key, dir, maxBytes);
                            // Each file was hashed as it arrived and matched: no second pass.
                            return moved[0].manifest();
                          });
                  double s = (System.nanoTime() - t0) / 1e9;
                  LOG.info(
                      "fetched {} from peer {}: {} files, {} bytes in {} s ({} MB/s), checksums verified",
                      key,
                      peer,
                      moved[0].files(),
                      moved[0].bytes(),
                      String.format(java.util.Locale.ROOT, "%.3f", s),
                      String.format(java.util.Locale.ROOT, "%.1f", moved[0].bytes() / 1e6 / s));
                  evictToFit(key);
                  return entry;
                } catch (IOException e) {
                  LOG.warn("fetching {} from peer {} failed: {}", key, peer, e.getMessage());
                  last = e;
                }
              }
              throw last;
            }));
  }

  /**
   * Up to {@code max} bytes of file {@code name} of the entry {@code key} held here, from byte
   * {@code offset} (what a peer's {@link EntryPeers#read} asks for); empty when this cache does not
   * hold the entry or the entry has no such file.
   *
   * @param name a file its manifest lists, or the manifest ({@code manifest.json}) itself
   */
  public Optional<byte[]> readHere(CacheKey key, String name, long offset, int max)
      throws IOException {
    Optional<CacheEntry> e = findHere(key);
    if (e.isEmpty()
        || offset < 0
        || max < 0
        || !(name.equals(Manifest.FILE_NAME)
            || Manifest.read(e.get().dir()).files().containsKey(name))) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(e.get().file(name), StandardOpenOption.READ)) {
      long left = Math.max(0, ch.size() - offset);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(max, left));
      while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
        // reads until full or the end of the file
      }
      return Optional.of(buf.array());
    }
  }

  /** Work on {@code key} with no other thread or process writing or fetching it. */
  private <T> T locked(CacheKey key, IoSupplier<T> action) throws IOException {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try (FileChannel ch =
            FileChannel.open(
                root.resolve(LOCKS).resolve(key.kind() + "-" + key.hash()),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** Removes an entry, if present. */
  public void remove(CacheKey key) {
    drop(key);
  }

  /** Deletes an entry's folder and tells the peers. */
  private void drop(CacheKey key) {
    delete(entryDir(key));
    EntryPeers farm = peers;
    if (farm != null) {
      farm.dropped(key);
    }
  }

  /** One complete entry: its address, size and when it was last used. */
  public record Listing(CacheKey key, long bytes, Instant lastUsed) {}

  /** Every complete entry, least recently used first. */
  public List<Listing> list() {
    List<Listed> all = entries();
    all.sort(Comparator.comparing(Listed::lastUsed));
    return all.stream()
        .map(
            e ->
                new Listing(
                    new CacheKey(
                        e.dir().getParent().getFileName().toString(),
                        e.dir().getFileName().toString()),
                    e.bytes(),
                    e.lastUsed().toInstant()))
        .toList();
  }

  /** Total size in bytes of all complete entries. */
  public long sizeBytes() {
    return entries().stream().mapToLong(Listed::bytes).sum();
  }

  /** Writes an entry's files into an empty folder and returns their manifest. */
  @FunctionalInterface
  private interface ManifestedWriter {
    Manifest write(Path dir) throws IOException;
  }

  private CacheEntry write(CacheKey key, ManifestedWriter writer) throws IOException {
    Path tmp = root.resolve(TMP).resolve(UUID.randomUUID().toString());
    Files.createDirectories(tmp);
    try {
      try {
        writer.write(tmp).write(tmp);
      } catch (CorruptTransferException e) {
        throw e; // names the entry, the peer and the file already
      } catch (IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new IOException(
            m.contains(root.toString())
                ? m
                : "cannot store "
                    + key.kind()
                    + " in the cache "
                    + root
                    + ": "
                    + m
                    + " (the cache is unchanged)",
            e);
      }
      Path dir = entryDir(key);
      Files.createDirectories(dir.getParent());
      try {
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        delete(dir);
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      verified.put(dir, Boolean.TRUE);
      LOG.debug("cached {}", key);
      EntryPeers farm = peers;
      if (farm != null) {
        farm.held(key);
      }
      return new CacheEntry(key, dir);
    } finally {
      if (Files.exists(tmp)) {
        delete(tmp);
      }
    }
  }

  private void evictToFit(CacheKey keep) {
    List<Listed> all = entries();
    long total = all.stream().mapToLong(Listed::bytes).sum();
    all.sort(Comparator.comparing(Listed::lastUsed));
    for (Listed e : all) {
      if (total <= maxBytes) {
        break;
      }
      if (e.dir().equals(entryDir(keep))) {
        continue;
      }
      LOG.info(
          "cache over {} bytes: evicting least recently used {}",
          maxBytes,
          root.relativize(e.dir()));
      drop(
          new CacheKey(
              e.dir().getParent().getFileName().toString(), e.dir().getFileName().toString()));
      total -= e.bytes();
    }
  }

  private record Listed(Path dir, long bytes, FileTime lastUsed) {}

  private List<Listed> entries() {
    List<Listed> out = new ArrayList<>();
    try (Stream<Path> kinds = Files.list(root)) {
      for (Path kind :
          (Iterable<Path>)
              kinds.filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
        try (Stream<Path> hashes = Files.list(kind)) {
          for (Path dir : (Iterable<Path>) hashes::iterator) {
            Path manifest = dir.resolve(Manifest.FILE_NAME);
            if (Files.isRegularFile(manifest)) {
              out.add(
                  new Listed(
                      dir, Manifest.read(dir).totalBytes(), Files.getLastModifiedTime(manifest)));
            }
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list cache {}: {}", root, e.getMessage());
    }
    return out;
  }

  private Path entryDir(CacheKey key) {
    return root.resolve(key.kind()).resolve(key.hash());
  }

  private void removeStaleTemporaries() {
    Instant cutoff = Instant.now().minus(STALE_TMP);
    try (Stream<Path> s = Files.list(root.resolve(TMP))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          delete(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot clean {}: {}", root.resolve(TMP), e.getMessage());
    }
  }

  private static void delete(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", p, e.getMessage());
    }
  }
}
