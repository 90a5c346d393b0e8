package org.styleatlas.host;

import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that start one host per test on a private temporary folder; the host is closed afterwards.
 */
@ExtendWith(VertxExtension.class)
abstract class HostTestBase {
  @TempDir Path dir;
  EngineHost host;

  @AfterEach
  void stopHost() {
    if (host != null) {
      host.close();
    }
  }
}
