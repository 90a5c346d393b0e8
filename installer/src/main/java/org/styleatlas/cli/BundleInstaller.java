package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the OpenFX bundle into a plug-in folder, points its engine launcher at a runtime and
 * records exactly what it wrote ({@link InstallManifest}); removes exactly that again. It refuses
 * (an {@link IOException} whose message says what to do, nothing changed) a folder it cannot write
 * and a bundle it did not install.
 */
final class BundleInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(BundleInstaller.class);

  /**
   * What an uninstall did.
   *
   * @param removed the files and folders removed
   * @param kept the folders kept because they hold files the install did not write
   */
  record Removal(List<Path> removed, List<Path> kept) {}

  /**
   * Installs {@code source} as {@code pluginDir/StyleAtlas.ofx.bundle}, its launcher starting
   * {@code runtime}. A bundle this command installed there before is replaced (removed by its
   * manifest first).
   */
  InstallManifest install(Path source, Path pluginDir, Path runtime) throws IOException {
    if (!Files.isRegularFile(source.resolve(BundleFiles.BINARY))
        || !Files.isRegularFile(source.resolve(BundleFiles.LAUNCHER))) {
      throw new IOException(
          "no OpenFX bundle at "
              + source
              + " (this runtime was built without it: run 'mvn -B -DskipTests package' in the checkout)");
    }
    Path dir = pluginDir.toAbsolutePath().normalize();
    Path target = dir.resolve(OfxPluginDirs.BUNDLE);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isSymbolicLink(target) || InstallManifest.read(target).isEmpty()) {
        throw new IOException(
            target
                + " already exists and was not installed by 'styleatlas install' (no manifest);"
                + " nothing was changed: remove or move it yourself, or install elsewhere (--prefix DIR)");
      }
      LOG.info("replacing the bundle installed before at {}", target);
      uninstall(dir);
    }
    requireWritable(dir);
    List<Path> files = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    try {
      createParents(dir, dirs);
      copyTree(source, target, files, dirs);
      BundleFiles.pointLauncherAt(target, runtime);
      Path manifestFile = target.resolve(BundleFiles.MANIFEST);
      files.add(manifestFile);
      InstallManifest manifest =
          new InstallManifest(
              InstallManifest.VERSION,
              runtime.toAbsolutePath().normalize().toString(),
              target.toString(),
              files.stream().map(Path::toString).toList(),
              dirs.stream().map(Path::toString).toList());
      manifest.write(manifestFile);
      return manifest;
    } catch (AccessDeniedException e) {
      remove(files, dirs);
      throw new IOException(refusal(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      remove(files, dirs);
      throw e;
    }
  }

  /** Removes what the manifest of {@code pluginDir/StyleAtlas.ofx.bundle} lists, nothing else. */
  Removal uninstall(Path pluginDir) throws IOException {
    Path target = pluginDir.toAbsolutePath().normalize().resolve(OfxPluginDirs.BUNDLE);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("nothing to uninstall: no " + target);
    }
    InstallManifest manifest =
        Files.isSymbolicLink(target) ? null : InstallManifest.read(target).orElse(null);
    if (manifest == null) {
      throw new IOException(
          target + " was not installed by 'styleatlas install' (no manifest); nothing was removed");
    }
    requireWritable(target);
    List<Path> dirs = manifest.directories().stream().map(Path::of).toList();
    List<Path> files = new ArrayList<>();
    for (String f : manifest.files()) {
      Path file = Path.of(f);
      // Only inside what the install created: a hand-edited manifest cannot reach other files.
      if (dirs.stream().anyMatch(d -> file.getParent() != null && file.getParent().equals(d))) {
        files.add(file);
      } else {
        LOG.warn("{}: not inside a folder the install created; left alone", file);
      }
    }
    return remove(files, dirs);
  }

  private static Removal remove(List<Path> files, List<Path> dirs) throws IOException {
    List<Path> removed = new ArrayList<>();
    List<Path> kept = new ArrayList<>();
    for (Path f : files) {
      if (Files.deleteIfExists(f)) {
        removed.add(f);
      }
    }
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path d = dirs.get(i);
      try {
        if (Files.deleteIfExists(d)) {
          removed.add(d);
        }
      } catch (DirectoryNotEmptyException e) {
        kept.add(d);
      }
    }
    return new Removal(removed, kept);
  }

  private static void createParents(Path dir, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
      missing.add(0, d);
    }
    for (Path d : missing) {
      Files.createDirectory(d);
      created.add(d);
    }
  }

  private static void copyTree(Path source, Path target, List<Path> files, List<Path> dirs)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(source)) {
      entries = walk.sorted().toList();
    }
    for (Path from : entries) {
      Path to = target.resolve(source.relativize(from).toString());
      if (Files.isDirectory(from)) {
        // A folder of the bundle replaced on reinstall may still hold a file the user put there.
        if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(to);
        }
        dirs.add(to);
      } else {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        files.add(to);
      }
    }
  }

  /** Refuses before anything is written when the nearest existing folder is not writable. */
  private static void requireWritable(Path dir) throws IOException {
    Path d = dir;
    while (d != null && !Files.exists(d)) {
      d = d.getParent();
    }
    if (d == null || !Files.isWritable(d)) {
      throw new IOException(refusal(String.valueOf(d)));
    }
  }

  private static String refusal(String what) {
    return "cannot write to "
        + what
        + " (permission denied); nothing was changed: run 'sudo styleatlas install --system',"
        + " or install per user (--user) or in a folder of yours (--prefix DIR)";
  }
}
