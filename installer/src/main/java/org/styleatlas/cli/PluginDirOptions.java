package org.styleatlas.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The plug-in folder of {@code install} and {@code uninstall}: per user (the default), system-wide,
 * under a prefix, or a folder given as is.
 */
final class PluginDirOptions {
  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(
        names = "--user",
        description = "Per user: $XDG_DATA_HOME/OFX/Plugins (needs OFX_PLUGIN_PATH; the default).")
    boolean user;

    @Option(
        names = "--system",
        description = "System-wide: " + OfxPluginDirs.SYSTEM_DIR + ", where every host looks.")
    boolean system;

    @Option(
        names = "--prefix",
        paramLabel = "DIR",
        description = "Under DIR: DIR/OFX/Plugins (as /usr/OFX/Plugins is under /usr).")
    Path prefix;

    @Option(
        names = "--plugin-dir",
        paramLabel = "DIR",
        description = "Exactly this folder, e.g. one on your OFX_PLUGIN_PATH.")
    Path pluginDir;
  }

  /** The chosen plug-in folder. */
  Path resolve(OfxPluginDirs dirs) {
    if (choice == null || choice.user) {
      return dirs.user();
    }
    if (choice.system) {
      return dirs.system();
    }
    return choice.prefix != null ? OfxPluginDirs.underPrefix(choice.prefix) : choice.pluginDir;
  }

  /** The options that name the same folder again, for the hints this command prints. */
  String asArguments() {
    if (choice == null || choice.user) {
      return "";
    }
    if (choice.system) {
      return " --system";
    }
    return choice.prefix != null
        ? " --prefix " + choice.prefix
        : " --plugin-dir " + choice.pluginDir;
  }
}
