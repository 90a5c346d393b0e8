package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.studio.HealthCheck;
import org.styleatlas.engine.studio.SelfTest;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas doctor}: checks the installation and says how to fix what fails: the engine's
 * runtime ({@link Studio#diagnostics}), that OpenFX hosts find the bundle, that the engine starts
 * from the bundle's launcher, and that a render round trip works ({@link EngineSelfTest}).
 */
@Command(
    name = "doctor",
    description =
        "Check the installation: Java, natives, GPU, cache folder, CLIP models, that OpenFX hosts"
            + " find the plug-in, that the engine starts from its launcher, and a render round trip.")
final class DoctorCommand implements Callable<Integer> {
  static final String BUNDLE_CHECK = "OpenFX bundle";

  /** The random-weight CLIP fixture a distribution ships for the round trip, under its home. */
  static final String FIXTURE = "share/doctor/clip-fixture.pt";

  @Spec CommandSpec spec;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache folder to check (default: ${DEFAULT-VALUE}).")
  Path cache = Studio.defaultCacheDir();

  @Option(
      names = "--quick",
      description = "Skip starting the engine and the render round trip (a few seconds instead).")
  boolean quick;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      description = "Bound on the render round trip, seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 300;

  @Override
  public Integer call() {
    List<HealthCheck> checks = new ArrayList<>(Studio.diagnostics(cache));
    Optional<Path> home = RuntimeHome.find();
    BundleCheck bundle = BundleCheck.of(OfxPluginDirs.fromProcess(), home);
    checks.add(bundle.check());
    PrintWriter out = spec.commandLine().getOut();
    checks.forEach(c -> print(out, c));
    if (!quick) {
      Optional<Path> launcherBundle = bundle.launcherBundle();
      if (launcherBundle.isEmpty()) {
        print(
            out,
            HealthCheck.fail(
                EngineSelfTest.LAUNCHER_CHECK,
                "no bundle to start the engine from",
                "install it: styleatlas install"));
        out.flush();
        return ExitCodes.FAILED;
      }
      out.println("     starting the engine from the bundle's launcher (--quick skips this) ...");
      out.flush();
      Optional<Path> fixture = home.map(h -> h.resolve(FIXTURE)).filter(Files::isRegularFile);
      List<HealthCheck> engine =
          new EngineSelfTest(Duration.ofSeconds(90), Duration.ofSeconds(timeoutSeconds))
              .run(launcherBundle.get(), SelfTest.clipModel(fixture));
      engine.forEach(c -> print(out, c));
      checks.addAll(engine);
    }
    out.flush();
    return checks.stream().allMatch(HealthCheck::ok) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void print(PrintWriter out, HealthCheck c) {
    out.printf("%-4s %-24s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
    if (!c.ok()) {
      out.printf("     fix: %s%n", c.fix());
    }
    out.flush();
  }
}
