package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs the assembled runtime into a temporary prefix, runs it, and uninstalls it again. */
class InstallScriptsIT {
  @TempDir Path prefix;

  private static Path dist() {
    return Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"));
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), cmd + " failed:\n" + out);
    return out;
  }

  @Test
  void installRunsAndUninstallRemovesEverything() throws Exception {
    String installed =
        run(List.of(dist().resolve("install.sh").toString(), "--prefix", prefix.toString()));
    assertTrue(installed.contains("StyleAtlas installed in " + prefix), installed);
    assertTrue(installed.contains("PyTorch native library"), "install runs doctor:\n" + installed);
    Path command = prefix.resolve("bin/styleatlas");
    assertTrue(Files.isExecutable(command));

    String probe = run(List.of(command.toString(), "probe"));
    assertTrue(probe.contains("frames:   48"), probe);

    Path launcher =
        prefix.resolve("OFX/Plugins/StyleAtlas.ofx.bundle/Contents/Resources/styleatlas-engine");
    assertTrue(Files.isExecutable(launcher), "the plug-in's engine launcher is installed");
    assertTrue(
        Files.readString(launcher).contains("RUNTIME=\"" + prefix + "\""),
        "and points at the runtime");
    assertTrue(
        Files.isRegularFile(
            prefix.resolve(
                "OFX/Plugins/StyleAtlas.ofx.bundle/Contents/Linux-x86-64/StyleAtlas.ofx")));

    run(List.of(prefix.resolve("uninstall.sh").toString()));
    assertFalse(Files.exists(prefix.resolve("OFX/Plugins/StyleAtlas.ofx.bundle")));
    assertFalse(Files.exists(prefix.resolve("lib")));
    assertFalse(Files.exists(command));
  }
}
