package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.Libc;

/**
 * The shim's shared-memory segments (docs/PROTOCOL.md, "Shared memory"): a segment the engine
 * answered goes back to the process's pool and serves the next request of the same size; one whose
 * request got no reply is never used again (the engine might still write to it) and is unlinked;
 * unloading the plug-in unlinks the pool; segments left by a dead process are swept at load.
 */
class SegmentPoolTest {
  private static final Path SHM = Path.of("/dev/shm");

  private static String segmentOf(Fixture f, int request) {
    return f.engine.requests("render").get(request).path("image").path("shm").asText();
  }

  private static boolean exists(String name) {
    return Files.exists(SHM.resolve(name.substring(1)));
  }

  @Test
  void answeredSegmentsServeTheNextRendersAndFailedOnesAreUnlinked() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames = Fixture.clip(33, 21, Depth.BYTE, 4, true);
      for (int t = 0; t < 3; t++) {
        Effect instance = f.instance(frames);
        HostImage src = frames.apply(t);
        var r = f.session.render(instance, t);
        assertEquals(Status.OK, r.status(), instance.messages().toString());
        Pixels.assertInverted(src, r.output()); // the reused segment's earlier content is not seen
        f.session.destroyInstance(instance);
      }
      String first = segmentOf(f, 0);
      assertEquals(first, segmentOf(f, 1), "the second render reuses the first one's segment");
      assertEquals(first, segmentOf(f, 2));
      assertTrue(exists(first), "an idle pooled segment stays until unload");

      f.engine.behaviour(Behaviour.DIE); // the request gets no reply
      Effect dying = f.instance(frames);
      assertEquals(Status.FAILED, f.session.render(dying, 3).status());
      f.session.destroyInstance(dying);
      String unanswered = segmentOf(f, 3);
      assertFalse(exists(unanswered), "a segment without a reply is unlinked at once");

      f.engine.behaviour(Behaviour.STYLIZE);
      Effect after = f.instance(frames);
      assertEquals(Status.OK, f.session.render(after, 4).status());
      f.session.destroyInstance(after);
      assertNotEquals(unanswered, segmentOf(f, 4), "a segment without a reply is never reused");

      List<String> pooled = List.of(first, segmentOf(f, 4));
      assertEquals(0, f.session.unload());
      for (String name : pooled) assertFalse(exists(name), name + " is unlinked at unload");
      assertEquals(0, f.session.load());
    }
  }

  @Test
  void segmentsOfADeadProcessAreSweptAtLoadAndOthersKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    String stale = "/styleatlas-" + deadPid + "-1";
    String fresh = "/styleatlas-" + deadPid + "-2";
    String living = "/styleatlas-1-999999"; // pid 1 always lives
    String foreign = "/styleatlas-notes-" + deadPid;
    for (String name : List.of(stale, fresh, living, foreign)) create(name);
    Instant old = Instant.now().minusSeconds(3600);
    for (String name : List.of(stale, living, foreign))
      Files.setLastModifiedTime(SHM.resolve(name.substring(1)), FileTime.from(old));
    try (Fixture f = new Fixture(null)) {
      assertEquals(0, f.session.unload());
      assertEquals(0, f.session.load());
      assertFalse(exists(stale), "a dead process's old segment is swept");
      assertTrue(
          exists(fresh), "a segment younger than a minute is kept (its process may be starting)");
      assertTrue(exists(living), "a living process's segment is kept");
      assertTrue(exists(foreign), "a name not of the shim's form is kept");
    } finally {
      for (String name : List.of(stale, fresh, living, foreign)) Libc.C.shm_unlink(name);
    }
  }

  private static void create(String name) {
    int fd = Libc.C.shm_open(name, 0100 | Libc.O_RDWR, 0600); // O_CREAT
    assertTrue(fd >= 0, "shm_open " + name);
    Libc.C.close(fd);
  }
}
