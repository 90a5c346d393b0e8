package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code styleatlas install}, {@code doctor} and {@code uninstall} of the assembled CLI in a
 * temporary prefix (issue #18.5): the bundle lands in PREFIX/OFX/Plugins with its launcher pointing
 * at this runtime and a manifest of exactly what was written; doctor finds it on OFX_PLUGIN_PATH,
 * starts the engine from its launcher and gets a stylized frame back (the shipped CLIP fixture);
 * uninstall removes exactly the manifest's files and keeps a file the user put beside them; a
 * foreign bundle is refused and left alone.
 */
class InstallDoctorIT {
  @TempDir Path dir;

  private DistCli.Run run(Map<String, String> env, String... args) throws Exception {
    return new DistCli(dir).run(env, args);
  }

  private static Path cli() {
    return DistCli.cli();
  }

  private static Set<String> tree(Path root) throws Exception {
    return DistCli.tree(root);
  }

  @Test
  void installDoctorUninstallRoundTripInATemporaryPrefix() throws Exception {
    Path prefix = dir.resolve("prefix");
    Path plugins = prefix.resolve("OFX/Plugins");
    Path bundle = plugins.resolve("StyleAtlas.ofx.bundle");

    DistCli.Run install = run(Map.of(), "install", "--prefix", prefix.toString());
    assertEquals(0, install.exit(), install.out());
    assertTrue(install.out().contains("export OFX_PLUGIN_PATH=" + plugins), install.out());
    Path launcher = bundle.resolve("Contents/Resources/styleatlas-engine");
    Path runtime = cli().getParent().getParent().toAbsolutePath().normalize();
    assertTrue(Files.isExecutable(launcher));
    assertTrue(
        Files.readString(launcher).contains("RUNTIME=\"" + runtime + "\""),
        "the launcher starts this installation");
    assertTrue(Files.isRegularFile(bundle.resolve("Contents/Linux-x86-64/StyleAtlas.ofx")));
    InstallManifest manifest = InstallManifest.read(bundle).orElseThrow();
    Set<String> listed = new TreeSet<>(manifest.files());
    listed.addAll(manifest.directories());
    assertEquals(
        tree(prefix), listed, "the manifest lists exactly what install wrote (prefix included)");

    DistCli.Run models =
        run(
            Map.of(),
            "models",
            "import",
            cli().getParent().getParent().resolve(DoctorCommand.FIXTURE).toString(),
            "--as",
            "doctor-fixture");
    assertEquals(0, models.exit(), models.out());
    DistCli.Run doctor = run(Map.of("OFX_PLUGIN_PATH", plugins.toString()), "doctor");
    assertEquals(0, doctor.exit(), doctor.out());
    assertTrue(doctor.out().contains("ok   OpenFX bundle            " + bundle), doctor.out());
    assertTrue(doctor.out().contains("ok   Engine from the launcher " + launcher), doctor.out());
    assertTrue(doctor.out().contains("ok   Render round trip"), doctor.out());

    Path mine = plugins.resolve("another-plugin.txt");
    Files.writeString(mine, "not StyleAtlas's");
    DistCli.Run uninstall = run(Map.of(), "uninstall", "--prefix", prefix.toString());
    assertEquals(0, uninstall.exit(), uninstall.out());
    assertFalse(Files.exists(bundle), uninstall.out());
    assertEquals(
        Set.of(
            prefix.toString(),
            prefix.resolve("OFX").toString(),
            plugins.toString(),
            mine.toString()),
        tree(prefix),
        "only the user's file and its folders are left");

    DistCli.Run after = run(Map.of("OFX_PLUGIN_PATH", plugins.toString()), "doctor", "--quick");
    assertEquals(ExitCodes.FAILED, after.exit(), after.out());
    assertTrue(after.out().contains("FAIL OpenFX bundle"), after.out());
  }

  @Test
  void aForeignBundleIsRefusedAndLeftAlone() throws Exception {
    Path plugins = dir.resolve("plugins");
    Path foreign = plugins.resolve("StyleAtlas.ofx.bundle/Contents/Info.plist");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "someone else's");
    DistCli.Run install = run(Map.of(), "install", "--plugin-dir", plugins.toString());
    assertEquals(ExitCodes.FAILED, install.exit(), install.out());
    assertEquals(1, install.out().strip().lines().count(), "one line: " + install.out());
    assertTrue(install.out().contains("was not installed by 'styleatlas install'"), install.out());
    DistCli.Run uninstall = run(Map.of(), "uninstall", "--plugin-dir", plugins.toString());
    assertEquals(ExitCodes.FAILED, uninstall.exit(), uninstall.out());
    assertTrue(uninstall.out().contains("nothing was removed"), uninstall.out());
    assertEquals("someone else's", Files.readString(foreign));
    assertEquals(
        Set.of(
            plugins.toString(),
            plugins.resolve("StyleAtlas.ofx.bundle").toString(),
            foreign.getParent().toString(),
            foreign.toString()),
        tree(plugins));
  }
}
