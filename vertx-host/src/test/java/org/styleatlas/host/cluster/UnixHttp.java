package org.styleatlas.host.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A minimal HTTP/1.1 client on a host's Unix socket (GET only, one request per connection). */
final class UnixHttp {
  private UnixHttp() {}

  /** The body of {@code GET path}. */
  static String get(Path socket, String path) throws IOException {
    StringBuilder body = new StringBuilder();
    stream(socket, path, line -> body.append(line).append('\n'));
    return body.toString();
  }

  /**
   * Sends {@code GET path} and hands every line of the body to {@code lines} until the server ends
   * the response (chunk-size lines of a chunked body included; callers look for their own).
   */
  static void stream(Path socket, String path, Consumer<String> lines) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      String req = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      String line;
      boolean body = false;
      while ((line = in.readLine()) != null) {
        if (body) {
          lines.accept(line);
        } else if (line.isEmpty()) {
          body = true;
        }
      }
    }
  }
}
