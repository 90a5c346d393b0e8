package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle built here is the bundle users install (issue #23 item 8): it carries its engine
 * launcher, and the launcher finds the runtime beside a distribution, in a source checkout, or says
 * what is missing.
 */
class BundleLayoutTest {
  private static final String LAUNCHER = "Contents/Resources/styleatlas-engine";

  @TempDir Path dir;

  /** Runs a launcher with PATH limited to the system folders; returns its exit code and output. */
  private static String[] run(Path launcher, Path socket) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", "/usr/bin:/bin");
    env.put("STYLEATLAS_ENGINE_SOCKET", socket.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher finished");
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  private static Path copyLauncher(Path bundleRoot) throws Exception {
    Path target = bundleRoot.resolve(LAUNCHER);
    Files.createDirectories(target.getParent());
    Files.copy(Fixture.bundle().resolve(LAUNCHER), target, StandardCopyOption.COPY_ATTRIBUTES);
    return target;
  }

  @Test
  void theBuiltBundleCarriesAnExecutableEngineLauncher() {
    Path launcher = Fixture.bundle().resolve(LAUNCHER);
    assertTrue(Files.isRegularFile(launcher), "missing " + launcher);
    assertTrue(Files.isExecutable(launcher), "not executable: " + launcher);
  }

  @Test
  void theLauncherStartsServeFromTheDistributionItSitsIn() throws Exception {
    Path runtime = dir.resolve("styleatlas");
    Path launcher = copyLauncher(runtime.resolve("OFX/StyleAtlas.ofx.bundle"));
    Path cli = runtime.resolve("bin/styleatlas");
    Files.createDirectories(cli.getParent());
    Files.writeString(
        cli, "#!/bin/sh\necho \"serve args: $* socket: $STYLEATLAS_ENGINE_SOCKET\"\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
    String[] r = run(launcher, dir.resolve("engine.sock"));
    assertEquals("0", r[0], r[1]);
    assertEquals("serve args: serve socket: " + dir.resolve("engine.sock"), r[1].trim());
  }

  @Test
  void withoutARuntimeTheLauncherSaysWhatIsMissing() throws Exception {
    Path launcher = copyLauncher(dir.resolve("a/b/c/StyleAtlas.ofx.bundle"));
    String[] r = run(launcher, dir.resolve("engine.sock"));
    assertEquals("127", r[0], r[1]);
    assertTrue(r[1].startsWith("styleatlas-engine: no StyleAtlas runtime found"), r[1]);
  }
}
