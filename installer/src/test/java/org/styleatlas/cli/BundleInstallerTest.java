package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BundleInstaller} on a bundle shaped like ofx-bridge's: the launcher is pointed at the
 * runtime, the manifest lists exactly what was written, a reinstall replaces only its own files,
 * and uninstall never touches what it did not write (not even through a hand-edited manifest).
 */
class BundleInstallerTest {
  @TempDir Path dir;

  private final BundleInstaller installer = new BundleInstaller();

  private Path source() throws IOException {
    Path b = dir.resolve("runtime/OFX/StyleAtlas.ofx.bundle");
    Files.createDirectories(b.resolve("Contents/Linux-x86-64"));
    Files.createDirectories(b.resolve("Contents/Resources"));
    Files.writeString(b.resolve("Contents/Info.plist"), "<plist/>");
    Files.writeString(b.resolve(BundleFiles.BINARY), "ELF");
    Path launcher = b.resolve(BundleFiles.LAUNCHER);
    Files.writeString(launcher, "#!/usr/bin/env bash\nset -e\nRUNTIME=\"\"\nexec true\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return b;
  }

  private static Set<String> tree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void installsPointsTheLauncherAndListsExactlyWhatItWrote() throws Exception {
    Path plugins = dir.resolve("prefix/OFX/Plugins");
    Path runtime = dir.resolve("runtime");
    InstallManifest m = installer.install(source(), plugins, runtime);
    Path bundle = plugins.resolve(OfxPluginDirs.BUNDLE);
    assertEquals(bundle.toString(), m.bundle());
    assertEquals(
        "RUNTIME=\"" + runtime.toAbsolutePath() + "\"",
        Files.readAllLines(bundle.resolve(BundleFiles.LAUNCHER)).get(2));
    assertTrue(Files.isExecutable(bundle.resolve(BundleFiles.LAUNCHER)), "mode kept");
    assertEquals(runtime.toAbsolutePath(), BundleFiles.launcherRuntime(bundle).orElseThrow());
    Set<String> listed = new TreeSet<>(m.files());
    listed.addAll(m.directories());
    assertEquals(tree(dir.resolve("prefix")), listed);
    assertEquals(m, InstallManifest.read(bundle).orElseThrow(), "the manifest round-trips");
  }

  @Test
  void reinstallReplacesItsOwnBundleAndUninstallKeepsForeignFiles() throws Exception {
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Path theirs = Files.writeString(plugins.resolve("Other.ofx.bundle"), "another plug-in");
    installer.install(source(), plugins, dir.resolve("runtime"));
    Path bundle = plugins.resolve(OfxPluginDirs.BUNDLE);
    Path note = Files.writeString(bundle.resolve("Contents/notes.txt"), "the user's");
    installer.install(source(), plugins, dir.resolve("runtime2"));
    assertEquals(
        dir.resolve("runtime2").toAbsolutePath(), BundleFiles.launcherRuntime(bundle).get());

    BundleInstaller.Removal r = installer.uninstall(plugins);
    assertEquals(
        List.of(note.getParent(), bundle),
        r.kept(),
        "Contents holds a file install did not write, and so the bundle folder");
    assertEquals("the user's", Files.readString(note));
    assertEquals("another plug-in", Files.readString(theirs));
    assertTrue(Files.isDirectory(plugins), "a folder install did not create stays");
    assertFalse(Files.exists(bundle.resolve(BundleFiles.BINARY)));
    assertFalse(Files.exists(bundle.resolve(BundleFiles.MANIFEST)));
  }

  @Test
  void aHandEditedManifestCannotReachOtherFiles() throws Exception {
    Path plugins = dir.resolve("plugins");
    Path precious =
        Files.writeString(Files.createDirectories(dir.resolve("home")).resolve("x"), "x");
    InstallManifest m = installer.install(source(), plugins, dir.resolve("runtime"));
    List<String> files = new ArrayList<>(m.files());
    files.add(precious.toString());
    new InstallManifest(m.version(), m.runtime(), m.bundle(), files, m.directories())
        .write(Path.of(m.bundle()).resolve(BundleFiles.MANIFEST));
    installer.uninstall(plugins);
    assertTrue(Files.exists(precious));
    assertFalse(Files.exists(plugins), "everything install wrote is gone");
  }

  @Test
  void aForeignBundleOrALinkIsNeitherReplacedNorRemoved() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path link = Files.createSymbolicLink(plugins.resolve(OfxPluginDirs.BUNDLE), source());
    IOException e =
        assertThrows(IOException.class, () -> installer.install(source(), plugins, dir));
    assertTrue(
        e.getMessage().contains("was not installed by 'styleatlas install'"), e.getMessage());
    assertThrows(IOException.class, () -> installer.uninstall(plugins));
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.exists(source().resolve(BundleFiles.BINARY)));
  }

  @Test
  void anUnwritableFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      IOException e =
          assertThrows(
              IOException.class,
              () -> installer.install(source(), locked.resolve("OFX/Plugins"), dir));
      assertTrue(e.getMessage().startsWith("cannot write to " + locked), e.getMessage());
      assertEquals(Set.of(locked.toString()), tree(locked));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
