package org.styleatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.styleatlas.engine.studio.HealthCheck;
import org.styleatlas.engine.studio.SelfTest;
import org.styleatlas.host.probe.RenderProbe;

/**
 * The part of {@code styleatlas doctor} that runs the plug-in's path for real: it starts the engine
 * through the bundle's launcher exactly as the plug-in does (with {@code STYLEATLAS_ENGINE_SOCKET}
 * set, on private runtime, cache and state folders so a running engine and the user's cache are
 * left alone), then renders {@link SelfTest}'s tiny clip through the bridge as a batch host would
 * (an analysis pass, then one frame until it comes back stylized) and stops the engine.
 */
final class EngineSelfTest {
  static final String LAUNCHER_CHECK = "Engine from the launcher";
  static final String ROUND_TRIP_CHECK = "Render round trip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRAME = 1;

  private final Duration startBound;
  private final Duration renderBound;

  EngineSelfTest(Duration startBound, Duration renderBound) {
    this.startBound = startBound;
    this.renderBound = renderBound;
  }

  /**
   * Runs both checks on the launcher of {@code bundle}.
   *
   * @param clipModel the CLIP model the engine stylizes with; empty: the round trip is not run
   */
  List<HealthCheck> run(Path bundle, Optional<Path> clipModel) {
    List<HealthCheck> checks = new ArrayList<>();
    Path work = null;
    Process engine = null;
    try {
      work = Files.createTempDirectory("styleatlas-doctor");
      Path socket = work.resolve("run/engine.sock");
      Path log = work.resolve("engine.log");
      long t0 = System.nanoTime();
      engine = start(bundle.resolve(BundleFiles.LAUNCHER), work, socket, log, clipModel);
      Optional<String> problem = awaitListening(engine, socket, log);
      if (problem.isPresent()) {
        checks.add(
            HealthCheck.fail(
                LAUNCHER_CHECK,
                problem.get(),
                "run the launcher by hand to see why: "
                    + bundle.resolve(BundleFiles.LAUNCHER)
                    + " (or reinstall: styleatlas install)"));
        return checks;
      }
      checks.add(
          HealthCheck.pass(
              LAUNCHER_CHECK,
              String.format(
                  "%s started an engine listening after %.1f s",
                  bundle.resolve(BundleFiles.LAUNCHER), seconds(t0))));
      if (clipModel.isEmpty()) {
        checks.add(
            HealthCheck.fail(
                ROUND_TRIP_CHECK,
                "no CLIP model to stylize with",
                "install one: 'styleatlas models fetch ViT-B-32'"));
      } else {
        checks.add(roundTrip(socket, clipModel.get(), log));
      }
    } catch (IOException | RuntimeException e) {
      checks.add(
          HealthCheck.fail(
              checks.isEmpty() ? LAUNCHER_CHECK : ROUND_TRIP_CHECK,
              UserErrorHandler.oneLine(e),
              "see 'styleatlas doctor --verbose', and the engine log it names"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(HealthCheck.fail(ROUND_TRIP_CHECK, "interrupted", "run doctor again"));
    } finally {
      stop(engine);
      if (checks.stream().allMatch(HealthCheck::ok)) {
        deleteTree(work);
      }
    }
    return checks;
  }

  private static Process start(
      Path launcher, Path work, Path socket, Path log, Optional<Path> clipModel)
      throws IOException {
    Files.createDirectories(socket.getParent());
    ProcessBuilder pb = new ProcessBuilder(launcher.toString());
    Map<String, String> env = pb.environment();
    env.put("STYLEATLAS_ENGINE_SOCKET", socket.toString());
    env.put("STYLEATLAS_RUNTIME_DIR", socket.getParent().toString());
    env.put("STYLEATLAS_CACHE_DIR", work.resolve("cache").toString());
    env.put("STYLEATLAS_STATE_DIR", work.resolve("state").toString());
    clipModel.ifPresent(m -> env.putAll(SelfTest.pipelineEnvironment(m)));
    // The log is kept when a check fails: make it say what the engine did.
    env.putIfAbsent("STYLEATLAS_LOG_LEVEL", "INFO");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  /** Empty once the engine listens; else what went wrong. */
  private Optional<String> awaitListening(Process engine, Path socket, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + startBound.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(socket)) {
        try (RenderProbe probe = RenderProbe.connect(socket)) {
          return Optional.empty();
        } catch (IOException notYet) {
          // bound but not accepting yet
        }
      }
      if (!engine.isAlive()) {
        return Optional.of(
            "the launcher exited with code "
                + engine.exitValue()
                + "; engine log "
                + log
                + ": "
                + lastLine(log));
      }
      Thread.sleep(200);
    }
    return Optional.of(
        "no engine listened at "
            + socket
            + " within "
            + startBound.toSeconds()
            + " s; engine log "
            + log
            + ": "
            + lastLine(log));
  }

  private HealthCheck roundTrip(Path socket, Path clipModel, Path log)
      throws IOException, InterruptedException {
    List<float[]> frames = SelfTest.frames();
    ObjectNode params = JSON.createObjectNode();
    params.put("prompt", SelfTest.PROMPT).put("quality", "draft");
    params.put("iterations", SelfTest.ITERATIONS).put("matteSource", "alpha");
    long t0 = System.nanoTime();
    try (RenderProbe probe = RenderProbe.connect(socket)) {
      for (int t = 0; t < frames.size(); t++) {
        RenderProbe.Answer a = render(probe, frames, t, params, 0);
        if (a.status().equals("error")) {
          return failed("the analysis pass failed at frame " + t + ": " + a.message(), log);
        }
      }
      long deadline = System.nanoTime() + renderBound.toNanos();
      RenderProbe.Answer a = render(probe, frames, FRAME, params, 2000);
      while (!a.status().equals("stylized") && !a.status().equals("error")) {
        if (System.nanoTime() > deadline) {
          return failed(
              "no stylized frame within " + renderBound.toSeconds() + " s (" + a.message() + ")",
              log);
        }
        a = render(probe, frames, FRAME, params, 2000);
      }
      if (a.status().equals("error")) {
        return failed(a.message(), log);
      }
      if (java.util.Arrays.equals(a.output(), frames.get(FRAME))) {
        return failed("the engine answered 'stylized' but sent the source frame back", log);
      }
      return HealthCheck.pass(
          ROUND_TRIP_CHECK,
          String.format(
              "a %dx%d %d-frame clip collected, decomposed, stylized (\"%s\", CLIP %s) and"
                  + " rendered back in %.1f s",
              SelfTest.WIDTH,
              SelfTest.HEIGHT,
              SelfTest.FRAMES,
              SelfTest.PROMPT,
              clipModel.getFileName(),
              seconds(t0)));
    }
  }

  private static RenderProbe.Answer render(
      RenderProbe probe, List<float[]> frames, int t, ObjectNode params, int waitMs)
      throws IOException {
    return probe.render(
        SelfTest.WIDTH, SelfTest.HEIGHT, frames.get(t), t, frames.size(), params, waitMs);
  }

  private static HealthCheck failed(String detail, Path log) {
    return HealthCheck.fail(
        ROUND_TRIP_CHECK,
        detail + "; engine log " + log + ": " + lastLine(log),
        "run 'styleatlas serve' in a terminal and watch its log, or see docs/OFX.md");
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList();
      return lines.isEmpty() ? "(empty)" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void stop(Process engine) {
    if (engine == null) {
      return;
    }
    engine.destroy();
    try {
      if (!engine.waitFor(30, TimeUnit.SECONDS)) {
        engine.destroyForcibly();
      }
    } catch (InterruptedException e) {
      engine.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder; the system cleans it
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
