package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code styleatlas uninstall}: removes exactly what {@code styleatlas install} wrote there. */
@Command(
    name = "uninstall",
    description =
        "Remove the OpenFX plug-in that 'styleatlas install' put in that folder: exactly the files"
            + " and folders its manifest lists.")
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginDirOptions where = new PluginDirOptions();

  @Override
  public Integer call() throws Exception {
    Path dir = where.resolve(OfxPluginDirs.fromProcess());
    BundleInstaller.Removal r = new BundleInstaller().uninstall(dir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "removed the OpenFX bundle from %s (%d files and folders)%n", dir, r.removed().size());
    for (Path kept : r.kept()) {
      out.printf("  kept %s: it holds files 'styleatlas install' did not write%n", kept);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
