package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache connected to a peer's cache fetches the entries it lacks, each file checked against the
 * SHA-256 the holder recorded; a transfer whose bytes or manifest are damaged is rejected with a
 * clear error and nothing of it is stored.
 */
class PeerFetchTest {
  @TempDir Path dir;

  /** The holder's cache behind {@link EntryPeers}, with an optional damage to what it sends. */
  private static final class Peer implements EntryPeers {
    final ContentCache holder;
    final Set<CacheKey> heard = ConcurrentHashMap.newKeySet();
    volatile UnaryOperator<byte[]> damage = UnaryOperator.identity();
    volatile String damagedFile = "";

    Peer(ContentCache holder) {
      this.holder = holder;
    }

    @Override
    public List<String> holders(CacheKey key) {
      return holder.findHere(key).isPresent() ? List.of("holder") : List.of();
    }

    @Override
    public byte[] read(String peer, CacheKey key, String name, long offset, int max)
        throws IOException {
      byte[] b =
          holder
              .readHere(key, name, offset, max)
              .orElseThrow(() -> new IOException("holder does not hold " + key));
      return name.equals(damagedFile) ? damage.apply(b) : b;
    }

    @Override
    public void held(CacheKey key) {
      heard.add(key);
    }

    @Override
    public void dropped(CacheKey key) {
      heard.remove(key);
    }
  }

  private static CacheKey key(String s) {
    return new ContentHasher().putString(s).key("decomposition");
  }

  private static byte[] payload(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void aMissingEntryIsFetchedVerifiedAndStoredHere() throws IOException {
    ContentCache holder = new ContentCache(dir.resolve("b"), 1 << 30);
    byte[] big = payload(PeerTransfer.CHUNK * 2 + 12345); // three pieces
    holder.getOrCreate(
        key("x"),
        d -> {
          Files.write(d.resolve("atlas.f32"), big);
          Files.createDirectories(d.resolve("maps"));
          Files.writeString(d.resolve("maps/64x36.json"), "{}");
        });
    ContentCache here = new ContentCache(dir.resolve("a"), 1 << 30);
    Peer peer = new Peer(holder);
    here.connect(peer);
    CacheEntry e = here.find(key("x")).orElseThrow();
    assertTrue(e.dir().startsWith(dir.resolve("a")), "stored in this host's own folder");
    assertArrayEquals(big, Files.readAllBytes(e.file("atlas.f32")));
    assertEquals("{}", Files.readString(e.file("maps/64x36.json")));
    assertTrue(peer.heard.contains(key("x")), "the farm heard that this host holds it now");
    assertTrue(here.findHere(key("x")).isPresent());
    assertFalse(here.find(key("absent")).isPresent(), "no holder: absent");
  }

  @Test
  void aDamagedTransferIsRejectedAndNothingIsStored() throws IOException {
    ContentCache holder = new ContentCache(dir.resolve("b"), 1 << 30);
    holder.getOrCreate(key("y"), d -> Files.write(d.resolve("atlas.f32"), payload(100_000)));
    ContentCache here = new ContentCache(dir.resolve("a"), 1 << 30);
    Peer peer = new Peer(holder);
    here.connect(peer);
    peer.damagedFile = "atlas.f32";
    peer.damage =
        b -> {
          byte[] c = b.clone();
          c[c.length / 2] ^= 0x10; // one bit flipped on the way
          return c;
        };
    CorruptTransferException e =
        assertThrows(CorruptTransferException.class, () -> here.fetch(key("y")));
    assertTrue(
        e.getMessage().contains("is corrupt: atlas.f32 has SHA-256")
            && e.getMessage().contains("its holder recorded")
            && e.getMessage().endsWith("not stored"),
        e.getMessage());
    assertFalse(here.findHere(key("y")).isPresent(), "not stored");
    assertFalse(Files.exists(dir.resolve("a/decomposition")), "no entry folder");
    try (Stream<Path> tmp = Files.list(dir.resolve("a/.tmp"))) {
      assertEquals(0, tmp.count(), "no partial transfer left");
    }
    assertFalse(here.find(key("y")).isPresent(), "find reports it absent (and logs why)");
    assertFalse(peer.heard.contains(key("y")));

    peer.damage = b -> java.util.Arrays.copyOf(b, b.length - 1); // cut short
    IOException cut = assertThrows(CorruptTransferException.class, () -> here.fetch(key("y")));
    assertTrue(cut.getMessage().contains("ended at 99999 of 100000 bytes"), cut.getMessage());

    peer.damagedFile = Manifest.FILE_NAME;
    peer.damage =
        b ->
            new String(b, StandardCharsets.UTF_8)
                .replace("atlas.f32", "../../etc/x")
                .getBytes(StandardCharsets.UTF_8);
    IOException escape = assertThrows(CorruptTransferException.class, () -> here.fetch(key("y")));
    assertTrue(escape.getMessage().contains("names a bad file '../../etc/x'"), escape.getMessage());
    assertFalse(Files.exists(dir.resolve("etc")));

    peer.damage = UnaryOperator.identity();
    assertTrue(here.fetch(key("y")).isPresent(), "an intact transfer then succeeds");
  }
}
