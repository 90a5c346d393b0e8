package org.styleatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code styleatlas install} wrote: every file (the manifest included) and every folder it
 * created, absolute, folders parents first. It lives inside the bundle ({@link
 * BundleFiles#MANIFEST}), so a bundle without one was not installed by this command.
 *
 * @param version the manifest format, {@value #VERSION}
 * @param runtime the installation the bundle's launcher starts
 * @param bundle the installed bundle
 * @param files the files written
 * @param directories the folders created (parents of the bundle included when they were missing)
 */
record InstallManifest(
    int version, String runtime, String bundle, List<String> files, List<String> directories) {
  static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  InstallManifest {
    files = List.copyOf(files);
    directories = List.copyOf(directories);
  }

  /** The manifest of the bundle in {@code bundle}, when it has one. */
  static Optional<InstallManifest> read(Path bundle) throws IOException {
    Path file = bundle.resolve(BundleFiles.MANIFEST);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), InstallManifest.class));
    } catch (IOException e) {
      throw new IOException(file + ": not a readable install manifest: " + e.getMessage(), e);
    }
  }

  void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
