package org.styleatlas.engine.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Copies one entry from a peer into an empty folder: first the holder's manifest (every file's size
 * and the SHA-256 the holder computed when it wrote the entry), then each file in pieces of {@link
 * #CHUNK} bytes, hashed as it arrives. A file whose size or SHA-256 differs from the manifest, or a
 * manifest that names a file outside the entry, fails the transfer with {@link
 * CorruptTransferException}; the caller's folder is then discarded, so nothing of it is stored.
 */
final class PeerTransfer {
  /** Bytes asked for per read (one event-bus message on a farm). */
  static final int CHUNK = 4 << 20;

  /** The largest manifest accepted (a few hundred bytes per file). */
  private static final int MAX_MANIFEST = 4 << 20;

  /** A relative file name inside an entry: '/'-separated plain segments, no "." or "..". */
  private static final Pattern NAME =
      Pattern.compile(
          "(?!\\.{1,2}(/|$))[A-Za-z0-9._-]{1,128}(/(?!\\.{1,2}(/|$))[A-Za-z0-9._-]{1,128}){0,7}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerTransfer() {}

  /**
   * What one transfer moved.
   *
   * @param manifest the holder's manifest, every file of it received and matched
   */
  record Moved(long bytes, int files, Manifest manifest) {}

  /**
   * Fills {@code into} with {@code key}'s entry as {@code peer} holds it, each file verified.
   *
   * @param maxBytes the largest entry accepted (the cache's cap)
   */
  static Moved fetch(EntryPeers peers, String peer, CacheKey key, Path into, long maxBytes)
      throws IOException {
    Manifest manifest = manifest(peers, peer, key, maxBytes);
    long total = 0;
    for (Map.Entry<String, Manifest.FileSum> f : manifest.files().entrySet()) {
      Path target = into.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      String sum;
      try (DigestOutputStream out =
          new DigestOutputStream(Files.newOutputStream(target), sha256())) {
        copy(peers, peer, key, f.getKey(), f.getValue().bytes(), out);
        sum = HexFormat.of().formatHex(out.getMessageDigest().digest());
      }
      if (!sum.equals(f.getValue().sha256())) {
        throw new CorruptTransferException(
            key
                + " from peer "
                + peer
                + " is corrupt: "
                + f.getKey()
                + " has SHA-256 "
                + sum
                + ", its holder recorded "
                + f.getValue().sha256()
                + "; not stored");
      }
      total += f.getValue().bytes();
    }
    return new Moved(total, manifest.files().size(), manifest);
  }

  private static Manifest manifest(EntryPeers peers, String peer, CacheKey key, long maxBytes)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    copy(peers, peer, key, Manifest.FILE_NAME, -1, bytes);
    if (bytes.size() > MAX_MANIFEST) {
      throw new CorruptTransferException(key + " from peer " + peer + ": its manifest is too big");
    }
    Manifest m;
    try {
      m = JSON.readValue(bytes.toByteArray(), Manifest.class);
    } catch (IOException e) {
      throw new CorruptTransferException(
          key + " from peer " + peer + ": unreadable manifest (" + e.getMessage() + ")");
    }
    if (m.files() == null) {
      throw new CorruptTransferException(key + " from peer " + peer + ": manifest lists no files");
    }
    for (Map.Entry<String, Manifest.FileSum> f : m.files().entrySet()) {
      if (!NAME.matcher(f.getKey()).matches()
          || f.getKey().equals(Manifest.FILE_NAME)
          || f.getValue() == null
          || f.getValue().bytes() < 0
          || f.getValue().sha256() == null) {
        throw new CorruptTransferException(
            key + " from peer " + peer + ": its manifest names a bad file '" + f.getKey() + "'");
      }
    }
    if (m.totalBytes() > maxBytes) {
      throw new IOException(
          key + " from peer " + peer + " holds " + m.totalBytes() + " bytes, over the cache's cap");
    }
    return m;
  }

  /**
   * Copies file {@code name} from the peer: exactly {@code size} bytes, or, with {@code size} -1,
   * until a short piece.
   */
  private static void copy(
      EntryPeers peers, String peer, CacheKey key, String name, long size, OutputStream out)
      throws IOException {
    long offset = 0;
    while (size < 0 || offset < size) {
      int ask = size < 0 ? CHUNK : (int) Math.min(CHUNK, size - offset);
      byte[] piece = peers.read(peer, key, name, offset, ask);
      if (piece.length > ask) {
        throw new CorruptTransferException(
            key + " from peer " + peer + ": " + name + " came longer than asked; not stored");
      }
      out.write(piece);
      offset += piece.length;
      if (piece.length < ask) {
        if (size >= 0) {
          throw new CorruptTransferException(
              key
                  + " from peer "
                  + peer
                  + ": "
                  + name
                  + " ended at "
                  + offset
                  + " of "
                  + size
                  + " bytes; not stored");
        }
        return;
      }
      if (size < 0 && offset > MAX_MANIFEST) {
        return;
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
