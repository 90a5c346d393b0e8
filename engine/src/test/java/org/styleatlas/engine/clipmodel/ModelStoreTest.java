package org.styleatlas.engine.clipmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;

/** The models directory: import, verification, listing, and fetch from a loopback HTTP server. */
class ModelStoreTest {
  @TempDir Path dir;

  private final Path fixture = ClipFixtures.path(ClipFixtures.OPENAI);

  @Test
  void unknownFileNeedsAName() {
    ModelStore store = new ModelStore(dir);
    InputException e =
        assertThrows(
            InputException.class,
            () -> store.importFile(fixture, Optional.empty(), ProgressSink.NONE));
    assertTrue(e.getMessage().contains("is none of the known CLIP models"), e.getMessage());
    assertTrue(e.getMessage().contains("--as NAME"), e.getMessage());
    assertTrue(store.list().isEmpty());
  }

  @Test
  void importsListsAndVerifies() throws IOException {
    ModelStore store = new ModelStore(dir);
    Path stored = store.importFile(fixture, Optional.of("tiny"), ProgressSink.NONE);
    assertEquals(dir.resolve("tiny.pt"), stored);
    assertEquals(Files.mismatch(fixture, stored), -1L);
    List<StoredModel> listed = store.list();
    assertEquals(1, listed.size());
    assertEquals("tiny", listed.get(0).name());
    assertEquals(Sha256.of(fixture, ProgressSink.NONE), listed.get(0).sha256().orElseThrow());
    assertTrue(listed.get(0).known().isEmpty());
    assertEquals(Optional.of(stored), store.findVerified("tiny", ProgressSink.NONE));
    assertEquals(Optional.empty(), store.findVerified("ViT-B-32", ProgressSink.NONE));
  }

  @Test
  void truncatedStoredFileNamesTheFix() throws IOException {
    ModelStore store = new ModelStore(dir);
    Path stored = store.importFile(fixture, Optional.of("tiny"), ProgressSink.NONE);
    byte[] bytes = Files.readAllBytes(stored);
    Files.write(stored, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
    InputException e =
        assertThrows(InputException.class, () -> store.findVerified("tiny", ProgressSink.NONE));
    assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("styleatlas models import FILE --as tiny"), e.getMessage());
  }

  @Test
  void catalogNameCannotBeClaimedByAnotherFile() {
    ModelStore store = new ModelStore(dir);
    InputException e =
        assertThrows(
            InputException.class,
            () -> store.importFile(fixture, Optional.of("vit-b/32"), ProgressSink.NONE));
    assertTrue(e.getMessage().contains("is not ViT-B-32"), e.getMessage());
  }

  @Test
  void fetchVerifiesTheDownload() throws IOException {
    byte[] body = Files.readAllBytes(fixture);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/m.pt",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m.pt");
      String sha = Sha256.of(fixture, ProgressSink.NONE);
      ModelStore store = new ModelStore(dir);
      AtomicLong reported = new AtomicLong();
      Path stored =
          store.fetch(
              new KnownClipModel("tiny", "tiny.pt", url, sha, "test"),
              new ModelDownloader(),
              (task, done, total, detail) -> reported.set(done));
      assertEquals(-1L, Files.mismatch(fixture, stored));
      assertEquals(body.length, reported.get());

      String wrong = "0".repeat(64);
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  new ModelStore(dir.resolve("other"))
                      .fetch(
                          new KnownClipModel("tiny", "tiny.pt", url, wrong, "test"),
                          new ModelDownloader(),
                          ProgressSink.NONE));
      assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
      assertFalse(Files.exists(dir.resolve("other").resolve("tiny.pt")));
    } finally {
      server.stop(0);
    }
  }
}
