package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.Host;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;

/** What real hosts do: fresh instances, concurrency, keyframed strings, temporal access or none. */
class HostBehaviourTest {
  private static final int FRAMES = 6;

  /** Renders frame t the way a command-line host does: load, a new instance, render, destroy. */
  private static Session.Render renderFresh(Fixture f, DoubleFunction<HostImage> frames, double t) {
    assertEquals(Status.OK, f.session.load());
    Effect instance = f.instance(frames);
    Session.Render r = f.session.render(instance, t);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    assertEquals(0, instance.outstandingImages());
    assertEquals(Status.OK, f.session.destroyInstance(instance));
    return r;
  }

  @Test
  void freshInstancePerFrameNeedsTwoPasses() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      DoubleFunction<HostImage> frames = Fixture.clip(16, 12, Depth.BYTE, 4, true);
      for (int t = 0; t < FRAMES; t++)
        Pixels.assertSame(frames.apply(t), renderFresh(f, frames, t).output());
      for (int t = 0; t < FRAMES; t++)
        Pixels.assertInverted(frames.apply(t), renderFresh(f, frames, t).output());
      assertEquals(2 * FRAMES, f.engine.requests("render").size());
    }
  }

  @Test
  void analysisPassIsReportedAtTheEndOfASequence() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.FLOAT, 4, false));
      assertEquals(Status.OK, f.session.sequence(instance, true, 0, 2));
      for (int t = 0; t < 3; t++) assertEquals(Status.OK, f.session.render(instance, t).status());
      assertTrue(
          ((String) instance.param("status")).startsWith("collecting frames"),
          (String) instance.param("status"));
      assertEquals(Status.OK, f.session.sequence(instance, false, 0, 2));
      assertTrue(
          instance.messages().stream()
              .anyMatch(
                  m ->
                      m.type().equals("OfxMessageLog")
                          && m.text()
                              .contains("frames are returned unstylized (3 in this sequence")),
          instance.messages().toString());
    }
  }

  @Test
  void concurrentRendersOnSeveralThreads() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames = Fixture.clip(24, 16, Depth.SHORT, 4, true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> jobs = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
          int first = thread;
          jobs.add(
              pool.submit(
                  () -> {
                    for (int t = first; t < 20; t += 4) {
                      Effect instance = f.instance(frames);
                      Session.Render r = f.session.render(instance, t);
                      assertEquals(Status.OK, r.status(), instance.messages().toString());
                      Pixels.assertInverted(frames.apply(t), r.output());
                      f.session.destroyInstance(instance);
                    }
                    return null;
                  }));
        }
        for (Future<?> job : jobs) job.get();
      } finally {
        pool.shutdownNow();
      }
      assertEquals(20, f.engine.requests("render").size());
    }
  }

  @Test
  void keyframedPromptChangesAtFrameK() throws Exception {
    String before = "a swan";
    String after = "a swan made of gold ✨ — ünïcode";
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.BYTE, 3, false));
      instance.params().get("globalPrompt").setKey(0, before);
      instance.params().get("globalPrompt").setKey(3, after);
      for (int t = 0; t < FRAMES; t++)
        assertEquals(Status.OK, f.session.render(instance, t).status());
      for (JsonNode req : f.engine.requests("render")) {
        double t = req.path("time").asDouble();
        assertEquals(
            t < 3 ? before : after, req.path("params").path("prompt").asText(), "frame " + t);
      }
    }
  }

  @Test
  void morphAmountInterpolatesBetweenKeysWhileTheMorphTargetSteps() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.BYTE, 3, false));
      instance.params().get("globalPrompt").set("a swan made of gold");
      instance.params().get("morphTo").setKey(0, "a swan made of ice");
      instance.params().get("morphTo").setKey(2, "a swan made of glass");
      instance.params().get("morph").setKey(0, 0.0);
      instance.params().get("morph").setKey(FRAMES - 1, 1.0);
      for (int t = 0; t < FRAMES; t++)
        assertEquals(Status.OK, f.session.render(instance, t).status());
      for (JsonNode req : f.engine.requests("render")) {
        double t = req.path("time").asDouble();
        assertEquals(
            t / (FRAMES - 1), req.path("params").path("morph").asDouble(), 1e-9, "frame " + t);
        assertEquals(
            t < 2 ? "a swan made of ice" : "a swan made of glass",
            req.path("params").path("morphTo").asText(),
            "frame " + t);
      }
    }
  }

  @AfterEach
  void restoreHost() {
    Host.current().temporalAccess(false);
  }

  /**
   * Renders frame 2 of frames on a host with the given temporal access, whose Source clip spans
   * FRAMES frames, and checks that the render succeeded and released its images.
   */
  private static Effect renderOnTemporalHost(
      Fixture f,
      DoubleFunction<HostImage> frames,
      boolean declared,
      boolean honoured,
      boolean stylized) {
    Host.current().temporalAccess(declared, honoured);
    f.session.unload();
    f.session.load();
    Effect instance = f.instance(frames);
    instance.clip(Session.SOURCE).props().putDouble("OfxImageEffectPropFrameRange", 0, FRAMES - 1);
    Session.Render r = f.session.render(instance, 2);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    if (stylized) Pixels.assertInverted(frames.apply(2), r.output());
    else Pixels.assertSame(frames.apply(2), r.output());
    assertEquals(0, instance.outstandingImages());
    return instance;
  }

  @Test
  void temporalAccessHostUploadsTheSourceRangeOnFirstRender() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      Effect instance =
          renderOnTemporalHost(f, Fixture.clip(10, 8, Depth.FLOAT, 4, false), true, true, true);
      List<JsonNode> uploads = f.engine.requests("frame");
      assertEquals(FRAMES, uploads.size());
      for (int i = 0; i < FRAMES; i++) {
        assertEquals(i, uploads.get(i).path("time").asDouble());
        assertEquals(FRAMES, uploads.get(i).path("clipLength").asInt());
      }
      assertTrue(instance.progress().contains(1.0));
    }
  }

  @Test
  void hostThatDeclaresTemporalAccessButIgnoresTimeFallsBackToTheAnalysisPass() throws Exception {
    try (Fixture f = new Fixture(Behaviour.COLLECT)) {
      renderOnTemporalHost(f, Fixture.clip(10, 8, Depth.BYTE, 4, true), true, false, false);
      assertTrue(f.engine.requests("frame").isEmpty(), "no frame uploaded with the wrong content");
    }
  }

  @Test
  void changingTheEngineAddressChecksTheEngine() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.BYTE, 4, false));
      assertEquals(Status.REPLY_DEFAULT, f.session.instanceChanged(instance, "globalPrompt"));
      assertEquals(Status.OK, f.session.instanceChanged(instance, "engineAddress"));
      assertEquals("engine ready", instance.param("status"));
      assertEquals(1, f.engine.requests("status").size());
      instance.params().get("engineAddress").set("unix:" + f.dir.resolve("nobody.sock"));
      assertEquals(Status.OK, f.session.instanceChanged(instance, "engineAddress"));
      assertTrue(
          ((String) instance.param("status")).contains("no engine answers"),
          "never starts an engine here");
      instance.params().get("engineAddress").set("tcp:no-port");
      assertEquals(Status.OK, f.session.instanceChanged(instance, "engineAddress"));
      assertTrue(
          ((String) instance.param("status")).contains("is not tcp:HOST:PORT"),
          (String) instance.param("status"));
    }
  }
}
