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

  /** The verified entry for {@code key}, marked as used now; empty when absent or corrupt. */
  public Optional<CacheEntry> find(CacheKey key) {
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
          delete(dir);
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
      delete(dir);
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
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try (FileChannel ch =
            FileChannel.open(
                root.resolve(LOCKS).resolve(key.kind() + "-" + key.hash()),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      hit = find(key);
      if (hit.isPresent()) {
        return hit.get();
      }
      CacheEntry entry = write(key, writer);
      evictToFit(key);
      return entry;
    } finally {
      lock.unlock();
    }
  }

  /** Removes an entry, if present. */
  public void remove(CacheKey key) {
    delete(entryDir(key));
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

  private CacheEntry write(CacheKey key, EntryWriter writer) throws IOException {
    Path tmp = root.resolve(TMP).resolve(UUID.randomUUID().toString());
    Files.createDirectories(tmp);
    try {
      try {
        writer.write(tmp);
        Manifest.of(tmp).write(tmp);
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
      delete(e.dir());
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
