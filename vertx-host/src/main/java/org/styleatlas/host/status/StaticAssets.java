package org.styleatlas.host.status;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's files, bundled in the jar under {@code org/styleatlas/host/status/} and held in
 * memory: no file cache on disk, no framework, nothing fetched at run time.
 */
final class StaticAssets {
  /** Served path → (resource name, content type). */
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/status.js", new String[] {"status.js", "text/javascript; charset=utf-8"},
          "/status.css", new String[] {"status.css", "text/css; charset=utf-8"});

  private final Map<String, Buffer> bodies;

  StaticAssets() {
    java.util.HashMap<String, Buffer> b = new java.util.HashMap<>();
    FILES.forEach((path, file) -> b.put(path, read(file[0])));
    bodies = Map.copyOf(b);
  }

  private static Buffer read(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("status page resource missing from the jar: " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read status page resource " + name, e);
    }
  }

  void mount(Router r) {
    FILES.forEach(
        (path, file) ->
            r.get(path)
                .handler(
                    ctx ->
                        ctx.response()
                            .putHeader("Content-Type", file[1])
                            .putHeader("Cache-Control", "no-store")
                            .putHeader(
                                "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' blob:; style-src 'self'")
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .end(bodies.get(path))));
  }
}
