package org.styleatlas.engine.doctor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
  @TempDir Path cache;

  @Test
  void everyCheckPassesOnABuiltCheckout() {
    List<Check> checks = Diagnostics.run(cache);
    for (Check c : checks) {
      assertTrue(
          c.ok() || c.name().equals("Cache folder") || c.name().equals("CLIP models"),
          c.name() + ": " + c.detail());
      assertTrue(!c.detail().isBlank(), c.name() + " says what it found");
    }
    assertTrue(
        checks.stream()
            .anyMatch(c -> c.name().startsWith("PyTorch") && c.detail().contains("2.5.1")));
    assertTrue(checks.stream().anyMatch(c -> c.detail().contains("FFmpeg 7.1")));
  }

  @Test
  void noClipModelSaysHowToGetOne(@TempDir Path models) {
    Check c = Diagnostics.clipModels(new org.styleatlas.engine.clipmodel.ModelStore(models));
    assertTrue(!c.ok() && c.fix().contains("styleatlas models fetch"), c.fix());
  }

  @Test
  void unwritableCacheFailsWithAFix() {
    Check c = Diagnostics.cache(Path.of("/proc/styleatlas-cannot-exist"));
    assertTrue(!c.ok() && !c.fix().isBlank());
  }
}
