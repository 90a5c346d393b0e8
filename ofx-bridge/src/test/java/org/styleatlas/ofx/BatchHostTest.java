package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.ofx.harness.BatchHost;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.FakeHostLauncher;
import org.styleatlas.ofx.stub.Libc;
import org.styleatlas.ofx.stub.StubEngine;

/**
 * The plug-in in a command-line batch host ({@link BatchHost}: a fresh instance and sequence per
 * frame, the last frame rendered again, no temporal access, failures written as source frames):
 * every failure named once, readably and fast (issue #23; #18 item 4).
 */
class BatchHostTest {
  private static final Logger LOG = LoggerFactory.getLogger(BatchHostTest.class);
  static final int FRAMES = 8;
  static final String ERROR = "OfxMessageError";
  static final String LOG_MESSAGE = "OfxMessageLog";
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

  /**
   * Makes the plug-in start its engine with a launcher script of this body, the fixture's folder as
   * the runtime folder (engine log there), and this start bound.
   */
  static void useLauncher(Fixture f, String body, int boundSeconds) throws java.io.IOException {
    Libc.C.setenv(RUNTIME_DIR, f.dir.toString(), 1);
    Path script = f.dir.resolve("styleatlas-engine");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Libc.C.setenv(LAUNCHER, script.toString(), 1);
    Libc.C.setenv(START_SECONDS, Integer.toString(boundSeconds), 1);
  }

  static DoubleFunction<HostImage> frames() {
    return Fixture.clip(12, 8, Depth.BYTE, 4, true);
  }

  /** A batch host on the fixture's engine with a prompt, plus whatever else {@code more} sets. */
  static BatchHost batch(Fixture f, String engineAddress, Consumer<Effect> more) {
    return batch(f, engineAddress, frames(), more);
  }

  /** As {@link #batch(Fixture, String, Consumer)} on other frames. */
  static BatchHost batch(
      Fixture f, String engineAddress, DoubleFunction<HostImage> source, Consumer<Effect> more) {
    return new BatchHost(
        f.session,
        source,
        instance -> {
          instance.params().get("engineAddress").set(engineAddress);
          instance.params().get("globalPrompt").set("a swan made of gold");
          more.accept(instance);
        });
  }

  static void waitMode(Effect instance) {
    instance.params().get("wait").set(1);
    instance.params().get("maxWaitSeconds").set(600);
  }

  /** Readable text: no control characters, no replacement characters, no uninitialised bytes. */
  static void assertReadable(String text) {
    assertTrue(text.startsWith("StyleAtlas"), text);
    assertTrue(text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD), "readable: " + text);
  }

  static void assertWrittenAsSource(BatchHost.Pass pass) {
    for (BatchHost.Frame f : pass.frames())
      Pixels.assertSame(frames().apply(f.time()), f.written());
  }

  /**
   * #23 item 1: a Matte clip chosen in a host that offers none is named readably, once per pass.
   */
  @Test
  void matteClipInAFilterOnlyHostIsNamedOnceAndReadably() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      BatchHost.Pass pass =
          batch(f, f.engine.address(), i -> i.params().get("matteSource").set(0)).pass(FRAMES);
      assertEquals(FRAMES, pass.failures());
      assertWrittenAsSource(pass);
      List<Effect.Message> errors = pass.messages(ERROR);
      assertEquals(1, errors.size(), "named once: " + pass.messages());
      assertReadable(errors.get(0).text());
      assertTrue(
          errors.get(0).text().contains("matteSource")
              && errors.get(0).text().contains("no Matte clip"),
          errors.get(0).text());
      assertTrue(
          pass.frames().stream().allMatch(fr -> fr.statusParam().equals(errors.get(0).text())),
          "every render shows it in Status");
      assertTrue(f.engine.requests().isEmpty());
    }
  }

  /**
   * #23 item 3, #18 item 4: no engine and a broken launcher: one bounded wait, then the pass fails
   * at once.
   */
  @Test
  void noEngineAndABrokenLauncherFailTheRestOfThePassAtOnce() throws Exception {
    try (Fixture f = new Fixture(null)) {
      int bound = 3;
      useLauncher(f, "echo 'styleatlas-engine: no Java runtime found' >&2; exit 3", bound);
      BatchHost host = batch(f, "unix:" + f.dir.resolve("nobody.sock"), i -> {});
      BatchHost.Pass pass = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> host.pass(50));
      LOG.info(
          "50-frame pass, no engine, broken launcher, start bound {} s: {} ms",
          bound,
          pass.millis());
      assertEquals(50, pass.failures());
      assertTrue(
          pass.millis() <= 2 * bound * 1000 + 2000, "the pass took " + pass.millis() + " ms");
      List<Effect.Message> errors = pass.messages(ERROR);
      assertEquals(1, errors.size(), "named once: " + pass.messages());
      assertReadable(errors.get(0).text());
      assertTrue(errors.get(0).text().contains("exited with code 3"), errors.get(0).text());
      assertTrue(
          errors.get(0).text().contains("no Java runtime found"),
          "the log's last line: " + errors.get(0).text());
    }
  }

  /**
   * The result of a pass whose engine was killed before render {@code kill}, and the ms from the
   * kill to its end.
   */
  record KilledPass(BatchHost.Pass pass, long afterKillMillis) {}

  /**
   * A 50-frame pass against the fixture's (stylizing) engine, killed before render {@code kill};
   * the launcher that would start it again fails (exit 1), as when the runtime was removed.
   */
  static KilledPass killedMidPass(Fixture f, int kill) throws Exception {
    useLauncher(f, "echo 'styleatlas-engine: the runtime was removed' >&2; exit 1", 30);
    long[] killedAt = new long[1];
    BatchHost.Pass pass =
        batch(f, f.engine.address(), i -> {})
            .pass(
                50,
                t -> {
                  if (t == kill) {
                    try {
                      f.engine.close();
                    } catch (java.io.IOException e) {
                      throw new IllegalStateException(e);
                    }
                    killedAt[0] = System.nanoTime();
                  }
                });
    return new KilledPass(pass, (System.nanoTime() - killedAt[0]) / 1_000_000);
  }

  /**
   * #18 item 4: the engine killed mid-pass: the remaining frames fail fast, the failure named once.
   */
  @Test
  void engineKilledMidPassFailsTheRestFast() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      int kill = 20;
      KilledPass k =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> killedMidPass(f, kill));
      assertTrue(
          k.afterKillMillis() < 5000, "the rest of the pass took " + k.afterKillMillis() + " ms");
      for (BatchHost.Frame fr : k.pass().frames())
        assertEquals(fr.time() >= kill, fr.failed(), "frame " + fr.time());
      List<Effect.Message> errors = k.pass().messages(ERROR);
      assertEquals(1, errors.size(), k.pass().messages().toString());
      assertTrue(
          errors.get(0).text().contains("exited with code 1")
              && errors.get(0).text().contains("runtime was removed"),
          errors.get(0).text());
    }
  }

  /**
   * #23 item 3: without a prompt, Wait for result cannot help: every render fails at once, said
   * once.
   */
  @Test
  void noPromptInWaitModeFailsAtOnce() throws Exception {
    try (Fixture f = new Fixture(Behaviour.NO_PROMPT)) {
      BatchHost host = batch(f, f.engine.address(), BatchHostTest::waitMode);
      BatchHost.Pass pass =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> host.pass(FRAMES));
      assertEquals(FRAMES, pass.failures());
      assertTrue(pass.millis() < 5000, "the pass took " + pass.millis() + " ms");
      List<Effect.Message> errors = pass.messages(ERROR);
      assertEquals(1, errors.size(), pass.messages().toString());
      assertTrue(errors.get(0).text().contains("globalPrompt"), errors.get(0).text());
    }
  }

  /**
   * #23 item 4: on a clip the engine has not seen, Wait for result does not block the first pass.
   */
  @Test
  void waitModeFirstPassReturnsOriginalsAtOnceAndTheSecondIsStylized() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      BatchHost host = batch(f, f.engine.address(), BatchHostTest::waitMode);
      BatchHost.Pass first =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> host.pass(FRAMES));
      assertEquals(0, first.failures(), first.messages().toString());
      assertWrittenAsSource(first);
      assertTrue(first.millis() < 5000, "the first pass took " + first.millis() + " ms");
      BatchHost.Pass second =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> host.pass(FRAMES));
      assertEquals(0, second.failures(), second.messages().toString());
      for (BatchHost.Frame fr : second.frames())
        Pixels.assertInverted(frames().apply(fr.time()), fr.written());
    }
  }

  /** #23 item 5: one note per pass and cause, with the real cause. */
  @Test
  void unstylizedFramesAreNotedOncePerPassWithTheRealCause() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      BatchHost host = batch(f, f.engine.address(), i -> {});
      List<Effect.Message> notes = host.pass(FRAMES).messages(LOG_MESSAGE);
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(
          notes.get(0).text().contains("collecting")
              && notes.get(0).text().contains("render the range again"),
          notes.get(0).text());

      f.engine.behaviour(Behaviour.NO_PROMPT);
      notes = host.pass(FRAMES).messages(LOG_MESSAGE);
      assertEquals(1, notes.size(), notes.toString());
      String text = notes.get(0).text();
      assertTrue(text.contains("no prompt") && text.contains("globalPrompt"), text);
      assertFalse(
          text.contains("render the range again"), "rendering again does not help: " + text);
    }
  }

  /**
   * #23 item 7: concurrent renders start the engine once, and wait for a host that is still
   * starting.
   */
  @Test
  void concurrentStartsSpawnTheLauncherOnceAndConnect() throws Exception {
    try (Fixture f = new Fixture(null)) {
      int bound = 2;
      Path socket = f.dir.resolve("engine.sock");
      Path starts = f.dir.resolve("starts");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      useLauncher(
          f,
          "exec '"
              + java
              + "' -cp '"
              + System.getProperty("java.class.path")
              + "' "
              + FakeHostLauncher.class.getName()
              + " \"$STYLEATLAS_ENGINE_SOCKET\" '"
              + starts
              + "' 8",
          bound);
      long t0 = System.nanoTime();
      // The "host" starts listening after the start bound, but within two.
      CompletableFuture<StubEngine> engine =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  while (!Files.exists(starts)) Thread.sleep(20);
                  Thread.sleep(
                      Math.max(0, (bound * 1000 + 800) - (System.nanoTime() - t0) / 1_000_000));
                  return StubEngine.unix(socket, Behaviour.STYLIZE);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      BatchHost host = batch(f, "unix:" + socket, i -> {});
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        List<Future<BatchHost.Frame>> renders = new ArrayList<>();
        List<Effect.Message> messages = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 5; t++) {
          int time = t;
          renders.add(pool.submit(() -> host.renderAlone(time, messages)));
        }
        for (Future<BatchHost.Frame> r : renders)
          assertEquals(Status.OK, r.get().status(), messages.toString());
      } finally {
        pool.shutdownNow();
        engine.get().close();
      }
      assertEquals(1, Files.readAllLines(starts).size(), "the launcher ran once");
    }
  }
}
