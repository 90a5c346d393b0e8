package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas install}: puts the OpenFX bundle where hosts look, its engine launcher pointing
 * at this installation, and records what it wrote for {@code uninstall}.
 */
@Command(
    name = "install",
    description =
        "Install the OpenFX plug-in (StyleAtlas.ofx.bundle) where OpenFX hosts look, its engine"
            + " launcher starting this installation.")
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginDirOptions where = new PluginDirOptions();

  @Override
  public Integer call() throws Exception {
    Path home = RuntimeHome.get();
    OfxPluginDirs dirs = OfxPluginDirs.fromProcess();
    Path dir = where.resolve(dirs);
    InstallManifest m = new BundleInstaller().install(BundleFiles.shipped(home), dir, home);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("installed the OpenFX bundle %s%n", m.bundle());
    out.printf(
        "  engine launcher: %s (starts %s serve)%n",
        Path.of(m.bundle()).resolve(BundleFiles.LAUNCHER), home.resolve("bin/styleatlas"));
    out.printf(
        "  wrote %d files and %d folders, listed in %s; 'styleatlas uninstall%s' removes exactly"
            + " those%n",
        m.files().size(),
        m.directories().size(),
        Path.of(m.bundle()).resolve(BundleFiles.MANIFEST),
        where.asArguments());
    if (dirs.isSearched(dir)) {
      out.printf("OpenFX hosts find it in %s; restart them to load it.%n", dir);
    } else {
      out.printf(
          "OpenFX hosts search only %s and OFX_PLUGIN_PATH: set it before starting a host"
              + " (e.g. in ~/.profile):%n  export %s=%s${%s:+:$%s}%n",
          OfxPluginDirs.SYSTEM_DIR,
          OfxPluginDirs.PLUGIN_PATH_ENV,
          dir,
          OfxPluginDirs.PLUGIN_PATH_ENV,
          OfxPluginDirs.PLUGIN_PATH_ENV);
      out.printf(
          "Hosts that read no OFX_PLUGIN_PATH need the system-wide install: sudo styleatlas"
              + " install --system%n");
    }
    out.println("Check it with: styleatlas doctor");
    out.flush();
    return ExitCodes.OK;
  }
}
