package org.styleatlas.engine.clipmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import org.styleatlas.engine.runtime.ProgressSink;

/** Downloads one file over HTTP(S), following redirects, hashing it on the way. */
public final class ModelDownloader {
  private static final int BUFFER = 1 << 16;
  private final HttpClient client;

  public ModelDownloader() {
    this(
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build());
  }

  ModelDownloader(HttpClient client) {
    this.client = client;
  }

  /**
   * Writes {@code url} to {@code target}, reporting task "download" in bytes (total from
   * Content-Length, or the bytes so far when it is unknown).
   *
   * @return the lower-case hex SHA-256 of what was written
   * @throws IOException on a network failure or a status other than 200
   */
  public String download(URI url, Path target, ProgressSink progress) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("download of " + url + " interrupted", e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(url + " answered HTTP " + response.statusCode());
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      MessageDigest digest = Sha256.newDigest();
      long done = 0;
      byte[] buffer = new byte[BUFFER];
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          digest.update(buffer, 0, n);
          done += n;
          progress.update("download", done, total > 0 ? total : Math.max(done, 1), url.getHost());
        }
      }
      return Sha256.hex(digest);
    }
  }
}
