package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where OpenFX hosts look for plug-ins on Linux, and where {@code styleatlas install} puts the
 * bundle: {@value #SYSTEM_DIR} (every host looks there: Resolve, Nuke, Natron, …), a per-user
 * folder, or any folder on {@code OFX_PLUGIN_PATH}. No per-user folder is searched by hosts on
 * their own, so the per-user install needs {@code OFX_PLUGIN_PATH} (the command says so).
 */
final class OfxPluginDirs {
  /** The folder every OpenFX host searches on Linux (OpenFX 1.4, "Installation Directory"). */
  static final String SYSTEM_DIR = "/usr/OFX/Plugins";

  /** The colon-separated extra folders hosts search. */
  static final String PLUGIN_PATH_ENV = "OFX_PLUGIN_PATH";

  /** The bundle's folder name. */
  static final String BUNDLE = "StyleAtlas.ofx.bundle";

  private final Map<String, String> env;

  OfxPluginDirs(Map<String, String> env) {
    this.env = env;
  }

  static OfxPluginDirs fromProcess() {
    return new OfxPluginDirs(System.getenv());
  }

  /** {@value #SYSTEM_DIR}. */
  Path system() {
    return Path.of(SYSTEM_DIR);
  }

  /** The per-user folder: {@code $XDG_DATA_HOME/OFX/Plugins} (~/.local/share/OFX/Plugins). */
  Path user() {
    String data = env.get("XDG_DATA_HOME");
    Path base =
        data != null && !data.isBlank()
            ? Path.of(data)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local/share");
    return base.resolve("OFX/Plugins");
  }

  /** Under a prefix, as {@value #SYSTEM_DIR} is under {@code /usr}: {@code DIR/OFX/Plugins}. */
  static Path underPrefix(Path prefix) {
    return prefix.resolve("OFX/Plugins");
  }

  /** The folders hosts search: {@value #SYSTEM_DIR}, then each {@code OFX_PLUGIN_PATH} entry. */
  List<Path> searched() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(system());
    dirs.addAll(pluginPath());
    return dirs;
  }

  /** The {@code OFX_PLUGIN_PATH} entries, absolute, in order. */
  List<Path> pluginPath() {
    List<Path> dirs = new ArrayList<>();
    String path = env.getOrDefault(PLUGIN_PATH_ENV, "");
    for (String entry : path.split(":")) {
      if (!entry.isBlank()) {
        dirs.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    return dirs;
  }

  /** Whether hosts find a bundle in {@code dir} without further setup. */
  boolean isSearched(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    return searched().stream().anyMatch(d::equals);
  }

  /** The first searched folder holding a StyleAtlas bundle. */
  Optional<Path> findBundle() {
    return searched().stream()
        .map(d -> d.resolve(BUNDLE))
        .filter(b -> b.resolve(BundleFiles.LAUNCHER).toFile().exists())
        .findFirst();
  }
}
