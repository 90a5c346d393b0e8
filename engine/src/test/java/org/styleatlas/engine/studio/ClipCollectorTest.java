package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.styleatlas.engine.jobs.DecomposeSettings;

/** Clips of one and two frames complete in batch hosts (issue #23 item 6). */
class ClipCollectorTest {
  private static final DecomposeSettings D = DecomposeSettings.defaults();

  private static ClipCollector.Outcome add(ClipCollector c, int t, String hash, boolean batch) {
    return c.contribute(8, 6, D, t, hash, 0, batch);
  }

  @Test
  void aOneFrameClipCompletesWhenABatchHostRendersFrameZeroAgain() {
    ClipCollector c = new ClipCollector();
    assertInstanceOf(ClipCollector.Collecting.class, add(c, 0, "a", true));
    ClipCollector.Completed done =
        assertInstanceOf(ClipCollector.Completed.class, add(c, 0, "a", true));
    assertEquals(1, done.clip().frames().size());
    assertInstanceOf(ClipCollector.Known.class, done.frame());
    assertInstanceOf(ClipCollector.Known.class, add(c, 0, "a", true));
  }

  @Test
  void interactiveHostsReRenderingFrameZeroDoNotCompleteAClip() {
    ClipCollector c = new ClipCollector();
    for (int i = 0; i < 4; i++)
      assertInstanceOf(ClipCollector.Collecting.class, add(c, 0, "a", false));
    assertInstanceOf(ClipCollector.Collecting.class, add(c, 1, "b", false));
    ClipCollector.Completed done =
        assertInstanceOf(ClipCollector.Completed.class, add(c, 0, "a", false));
    assertEquals(2, done.clip().frames().size());
  }

  @Test
  void aTwoFrameClipCompletesOnTheSecondBatchPass() {
    ClipCollector c = new ClipCollector();
    add(c, 0, "a", true);
    for (int i = 0; i < 4; i++)
      assertInstanceOf(ClipCollector.Collecting.class, add(c, 1, "b", true));
    ClipCollector.Completed done =
        assertInstanceOf(ClipCollector.Completed.class, add(c, 0, "a", true));
    assertEquals(2, done.clip().frames().size());
  }
}
