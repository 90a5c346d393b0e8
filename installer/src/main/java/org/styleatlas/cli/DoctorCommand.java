package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.styleatlas.engine.doctor.Check;
import org.styleatlas.engine.doctor.Diagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code styleatlas doctor}: checks the installation and says how to fix what fails. */
@Command(name = "doctor", description = "Check the installation: Java, natives, GPU, cache folder.")
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache folder to check (default: ${DEFAULT-VALUE}).")
  Path cache = Diagnostics.defaultCacheRoot();

  @Override
  public Integer call() {
    List<Check> checks = Diagnostics.run(cache);
    PrintWriter out = spec.commandLine().getOut();
    for (Check c : checks) {
      out.printf("%-4s %-24s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
      if (!c.ok()) {
        out.printf("     fix: %s%n", c.fix());
      }
    }
    out.flush();
    return checks.stream().allMatch(Check::ok) ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
