package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.Libc;
import org.styleatlas.ofx.stub.StubEngine;

/** Every failure ends in kOfxStatFailed with a message, within a bound, with images released. */
class FailureTest {
  private static final String LAUNCHER = "STYLEATLAS_ENGINE_LAUNCHER";
  private static final String START_SECONDS = "STYLEATLAS_ENGINE_START_SECONDS";
  private static final String RUNTIME_DIR = "XDG_RUNTIME_DIR";
  private static final String RUNTIME_DIR_BEFORE = System.getenv(RUNTIME_DIR);

  @AfterEach
  void clearEnvironment() {
    Libc.C.unsetenv(LAUNCHER);
    Libc.C.unsetenv(START_SECONDS);
    if (RUNTIME_DIR_BEFORE == null) Libc.C.unsetenv(RUNTIME_DIR);
    else Libc.C.setenv(RUNTIME_DIR, RUNTIME_DIR_BEFORE, 1);
  }

  /** Renders frame 0 and expects a failure whose error message contains every fragment. */
  private static Effect assertFails(Fixture f, Effect instance, String... fragments) {
    Session.Render r =
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> f.session.render(instance, 0));
    assertEquals(Status.FAILED, r.status());
    String text =
        instance.messages().isEmpty()
            ? ""
            : instance.messages().get(instance.messages().size() - 1).text();
    for (String fragment : fragments)
      assertTrue(text.contains(fragment), "'" + fragment + "' in: " + text);
    assertEquals(0, instance.outstandingImages());
    return instance;
  }

  private Effect instanceWithoutEngine(Fixture f) {
    Effect instance = f.instance(Fixture.clip(8, 6, Depth.BYTE, 4, true));
    instance.params().get("engineAddress").set("unix:" + f.dir.resolve("nobody.sock"));
    return instance;
  }

  @Test
  void noEngineAndNoLauncherFailsAtOnce() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Path launcher = f.dir.resolve("missing-launcher");
      Libc.C.setenv(LAUNCHER, launcher.toString(), 1);
      long start = System.nanoTime();
      Effect instance =
          assertFails(
              f, instanceWithoutEngine(f), "no engine runs at", "nobody.sock", launcher.toString());
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "no wait when nothing can start");
      assertEquals("OfxMessageError", instance.messages().get(0).type());
      assertTrue(((String) instance.param("status")).contains("no engine runs at"));
    }
  }

  /**
   * Installs a launcher that writes the socket path it was given to the returned marker file, with
   * a start bound of seconds; the engine log goes to the test's folder.
   */
  private static Path useLauncher(Fixture f, int seconds) throws Exception {
    Path marker = f.dir.resolve("launched");
    Libc.C.setenv(RUNTIME_DIR, f.dir.toString(), 1);
    Path script = f.dir.resolve("styleatlas-engine");
    Files.writeString(script, "#!/bin/sh\necho \"$STYLEATLAS_ENGINE_SOCKET\" > '" + marker + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Libc.C.setenv(LAUNCHER, script.toString(), 1);
    Libc.C.setenv(START_SECONDS, Integer.toString(seconds), 1);
    return marker;
  }

  @Test
  void launcherThatNeverListensFailsWithinTheBound() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Path marker = useLauncher(f, 2);
      long start = System.nanoTime();
      assertFails(f, instanceWithoutEngine(f), "did not listen", "within 2 s");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 1900 && ms < 6000, "bounded wait took " + ms + " ms");
      assertTrue(
          Files.readString(marker).trim().endsWith("nobody.sock"), "launcher told the socket path");
      assertTrue(
          Files.exists(f.dir.resolve("styleatlas/engine.log")), "engine log in the runtime folder");
    }
  }

  @Test
  void launcherStartsTheEngineAndTheRenderGoesThrough() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Path marker = useLauncher(f, 20);
      Effect instance = instanceWithoutEngine(f);
      Path socket = f.dir.resolve("nobody.sock");
      CompletableFuture<StubEngine> started =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  while (!Files.exists(marker)) Thread.sleep(20);
                  return StubEngine.unix(socket, Behaviour.STYLIZE);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        assertEquals(
            Status.OK, f.session.render(instance, 0).status(), instance.messages().toString());
      } finally {
        started.get().close();
      }
    }
  }

  @Test
  void engineDyingMidRequestFails() throws Exception {
    try (Fixture f = new Fixture(Behaviour.DIE)) {
      assertFails(
          f, f.instance(Fixture.clip(8, 6, Depth.FLOAT, 3, false)), "closed the connection");
    }
  }

  @Test
  void malformedReplyFails() throws Exception {
    try (Fixture f = new Fixture(Behaviour.MALFORMED)) {
      assertFails(f, f.instance(Fixture.clip(8, 6, Depth.SHORT, 4, false)), "malformed reply");
    }
  }

  @Test
  void engineErrorIsShownToTheUser() throws Exception {
    try (Fixture f = new Fixture(Behaviour.ERROR)) {
      assertFails(f, f.instance(Fixture.clip(8, 6, Depth.BYTE, 3, true)), "bad-input", "prompt");
    }
  }

  /** An instance in render-queue mode: Wait for result on, bounded by maxWaitSeconds. */
  private static Effect waitingInstance(Fixture f, int maxWaitSeconds) {
    Effect instance = f.instance(Fixture.clip(8, 6, Depth.BYTE, 4, false));
    instance.params().get("wait").set(1);
    instance.params().get("maxWaitSeconds").set(maxWaitSeconds);
    return instance;
  }

  @Test
  void abortDuringAWaitEndsTheRenderPromptly() throws Exception {
    try (Fixture f = new Fixture(Behaviour.PENDING)) {
      Effect instance = waitingInstance(f, 600);
      CompletableFuture.runAsync(
          () -> {
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            instance.abort(true);
          });
      long start = System.nanoTime();
      assertFails(f, instance, "aborted");
      assertTrue(
          System.nanoTime() - start < 2_000_000_000L, "abort honoured during the engine's wait");
      assertEquals("OfxMessageLog", instance.messages().get(0).type(), "an abort is not an error");
    }
  }

  @Test
  void waitModeGivesUpAtMaxWait() throws Exception {
    try (Fixture f = new Fixture(Behaviour.PENDING)) {
      Effect instance = waitingInstance(f, 1);
      assertFails(f, instance, "Max wait (1 s)", "decomposing 43%");
      assertTrue(instance.progress().contains(0.43));
    }
  }

  @Test
  void matteClipChosenButNotConnectedFails() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Session.GENERAL, Fixture.clip(8, 6, Depth.BYTE, 4, false), null);
      assertFails(f, instance, "no Matte clip is connected");
      assertTrue(f.engine.requests().isEmpty());
    }
  }
}
