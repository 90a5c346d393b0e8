package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.jobs.SpecKeys;

/**
 * The status page's numbers from job events: the loss in the message, the ETA, the live loss curve.
 */
class JobTimelineTest {
  private static final JobSpec SPEC =
      new JobSpec(JobKind.DECOMPOSE, null, null, "/clips/swan", null, null, null);

  private static Job event(long ms, int run, String stage, double progress, String message) {
    return new Job(
        "j-0123456789abcdef",
        SPEC,
        JobState.RUNNING,
        progress,
        stage,
        message,
        SpecKeys.INSTANCE.output(SPEC),
        run,
        0,
        ms);
  }

  @Test
  void readsTheLossTheTrainersWriteInTheirMessage() {
    assertEquals(OptionalDouble.of(0.01234), LossText.parse("loss 0.01234"));
    assertEquals(OptionalDouble.of(2702), LossText.parse("loss 2702"));
    assertEquals(OptionalDouble.of(1.5e-5), LossText.parse("step 3, loss 1.5e-05"));
    assertEquals(OptionalDouble.empty(), LossText.parse("collecting frames: 3 of 50"));
    assertEquals(OptionalDouble.empty(), LossText.parse(null));
  }

  @Test
  void etaIsTheStagesRateSoFarTimesWhatIsLeft() {
    JobTimeline t = new JobTimeline();
    t.record(event(1_000, 1, "flow", 0.5, ""));
    t.record(event(10_000, 1, "decompose", 0.10, "loss 2"));
    Job now = event(30_000, 1, "decompose", 0.30, "loss 1");
    t.record(now);
    JobStatus s = t.status(now);
    assertEquals(70.0, s.etaSeconds(), 1e-9, "20 s for 20 %, so 70 s for the 70 % left");
    assertEquals(1.0, s.loss());
    Job barely = event(11_000, 1, "decompose", 0.11, "loss 2");
    JobTimeline fresh = new JobTimeline();
    fresh.record(event(10_000, 1, "decompose", 0.10, "loss 2"));
    fresh.record(barely);
    assertNull(fresh.status(barely).etaSeconds(), "no ETA before the stage advanced 2 %");
    Job resumed = event(31_000, 2, "decompose", 0.35, "loss 1");
    t.record(resumed);
    assertNull(t.status(resumed).etaSeconds(), "a new run starts its own estimate");
  }

  @Test
  void theLiveCurveIsTheLastStageWithLossesAndStaysBounded() {
    JobTimeline t = new JobTimeline();
    t.record(event(0, 1, "pretrain", 0.5, "loss 9"));
    for (int i = 0; i < 2000; i++) {
      t.record(event(1 + i, 1, "decompose", i / 2000.0, "loss " + (2000 - i)));
    }
    t.record(event(5000, 1, "evaluate", 0.5, ""));
    LossCurve c = t.liveLosses("j-0123456789abcdef");
    assertEquals("live", c.source());
    assertEquals("decompose", c.stage());
    assertTrue(c.points().size() <= JobTimeline.MAX_POINTS + 2, "thinned: " + c.points().size());
    List<LossPoint> p = c.points();
    assertEquals(new LossPoint(0, 2000), p.get(0), "the first point is kept");
    assertEquals(new LossPoint(1999 / 2000.0, 1), p.get(p.size() - 1), "the last point is kept");
    for (int i = 1; i < p.size(); i++) {
      assertTrue(p.get(i).x() > p.get(i - 1).x(), "in order");
    }
  }
}
