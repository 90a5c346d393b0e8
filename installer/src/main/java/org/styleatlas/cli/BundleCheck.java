package org.styleatlas.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.studio.HealthCheck;

/**
 * Whether OpenFX hosts find the StyleAtlas bundle ({@code /usr/OFX/Plugins} or a folder on {@code
 * OFX_PLUGIN_PATH}) and whether its launcher starts this installation; and which bundle's launcher
 * {@code doctor} starts the engine from.
 *
 * @param found the bundle in a folder hosts search, if any
 * @param userInstall the per-user install, when there is one that hosts do not search
 * @param home this installation, when known
 * @param dirs the plug-in folders
 */
record BundleCheck(
    Optional<Path> found, Optional<Path> userInstall, Optional<Path> home, OfxPluginDirs dirs) {

  static BundleCheck of(OfxPluginDirs dirs, Optional<Path> home) {
    Path user = dirs.user().resolve(OfxPluginDirs.BUNDLE);
    return new BundleCheck(
        dirs.findBundle(),
        Files.isRegularFile(user.resolve(BundleFiles.MANIFEST))
            ? Optional.of(user)
            : Optional.empty(),
        home,
        dirs);
  }

  HealthCheck check() {
    if (found.isPresent()) {
      Path b = found.get();
      Optional<Path> runtime = BundleFiles.launcherRuntime(b);
      String where =
          b.getParent().equals(dirs.system())
              ? "in " + OfxPluginDirs.SYSTEM_DIR
              : "on " + OfxPluginDirs.PLUGIN_PATH_ENV;
      if (runtime.isPresent()
          && home.isPresent()
          && !runtime.get().toAbsolutePath().normalize().equals(home.get())) {
        return HealthCheck.fail(
            DoctorCommand.BUNDLE_CHECK,
            b + " (" + where + ") starts another installation: " + runtime.get(),
            "reinstall it from this one: styleatlas uninstall, then styleatlas install");
      }
      return HealthCheck.pass(
          DoctorCommand.BUNDLE_CHECK,
          b
              + " ("
              + where
              + "), its launcher starts "
              + runtime.map(Path::toString).orElse("the runtime found beside it"));
    }
    if (userInstall.isPresent()) {
      Path dir = userInstall.get().getParent();
      return HealthCheck.fail(
          DoctorCommand.BUNDLE_CHECK,
          "installed in " + dir + ", which hosts do not search (not on OFX_PLUGIN_PATH)",
          "export OFX_PLUGIN_PATH="
              + dir
              + " before starting the host, or: styleatlas install --system");
    }
    return HealthCheck.fail(
        DoctorCommand.BUNDLE_CHECK,
        "no " + OfxPluginDirs.BUNDLE + " in " + dirs.searched(),
        "styleatlas install (per user, then set OFX_PLUGIN_PATH) or sudo styleatlas install --system");
  }

  /**
   * The bundle whose launcher {@code doctor} starts: the one hosts find, else the per-user install,
   * else the one shipped with this installation.
   */
  Optional<Path> launcherBundle() {
    if (found.isPresent()) {
      return found;
    }
    if (userInstall.isPresent()) {
      return userInstall;
    }
    return home.map(BundleFiles::shipped)
        .filter(b -> Files.isRegularFile(b.resolve(BundleFiles.LAUNCHER)));
  }
}
