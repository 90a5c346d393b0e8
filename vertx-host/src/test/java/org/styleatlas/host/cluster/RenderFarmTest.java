package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #20's done-when: three hosts in three JVMs on loopback form one farm with one shared cache
 * folder. A (render only, like an editor's workstation) gets the clip's frames; the decomposition
 * is claimed by B, the only trainer then; C joins while B trains; B is killed ({@code kill -9})
 * after its first checkpoint, and C takes the job over from that checkpoint, then fine-tunes; A's
 * HTTP API and event stream show every job of the farm; C renders every frame bit-identical to A.
 */
class RenderFarmTest {
  private static final Logger LOG = LoggerFactory.getLogger(RenderFarmTest.class);

  /**
   * Long enough to be killed after the first checkpoint (the fast preset saves every 250 steps),
   * short enough for the suite: C resumes at step 250 of 300.
   */
  static final Map<String, String> PIPELINE =
      Map.of(
          "decomposeIterations", "300",
          "decomposePretrain", "5",
          "decomposeBatch", "128",
          "longEdge", "32");

  @TempDir Path dir;

  @Test
  void aKilledTrainersJobFinishesElsewhereAndEveryHostRendersTheSamePixels() throws Exception {
    try (TestFarm farm = new TestFarm(dir, List.of("A", "B", "C"), PIPELINE)) {
      farm.start("A", false);
      farm.start("B", true);
      farm.awaitReady("A");
      farm.awaitReady("B");
      float[] out = new float[TestFarm.W * TestFarm.H * 4];
      for (int t = 0; t < TestFarm.FRAMES; t++) {
        JsonNode r = farm.render("A", t, out);
        assertEquals("pending", r.path("status").asText(), r.toString());
      }
      // The completed clip's decomposition is on the farm's board; B, the only trainer, claims it.
      JsonNode decompose = awaitJob(farm, "decompose", "running");
      String id = decompose.path("id").asText();
      List<String> events = new CopyOnWriteArrayList<>();
      Thread sse =
          new Thread(
              () -> {
                try {
                  UnixHttp.stream(
                      farm.httpSocket("A"),
                      "/v1/jobs/" + id + "/events",
                      l -> {
                        if (l.startsWith("data:")) {
                          events.add(l);
                        }
                      });
                } catch (java.io.IOException e) {
                  events.add("error: " + e);
                }
              },
              "sse-on-A");
      sse.setDaemon(true);
      sse.start();
      farm.start("C", true);
      Path work = farm.cacheDir().resolve("work");
      TestFarm.await(() -> checkpointed(work), "B wrote a decomposition checkpoint", 120);
      farm.awaitReady("C");
      assertTrue(farm.log("B", "job " + id + " (decompose) starts"), "B runs the decomposition");
      farm.kill("B");
      long killed = System.nanoTime();
      TestFarm.await(
          () -> farm.log("C", "job " + id + " (decompose) starts, run 2"),
          "C takes the decomposition over",
          60);
      double takeover = (System.nanoTime() - killed) / 1e9;
      LOG.info("C took the job over {} s after B was killed", String.format("%.1f", takeover));
      assertTrue(
          takeover < TestFarm.FAILURE_SECONDS + Farm.SWEEP_MS / 1000.0 + 5,
          "taken over within the failure detection, a sweep and 5 s: " + takeover + " s");
      TestFarm.await(
          () -> farm.log("C", "resuming from checkpoint"), "C resumes from B's checkpoint", 60);
      long start = System.currentTimeMillis();
      JsonNode r = farm.render("A", 1, out);
      while (!r.path("status").asText().equals("stylized")
          && System.currentTimeMillis() - start < 180_000) {
        assertTrue(
            r.path("stage").asText().matches("decomposing|previewing|preview|stylizing"),
            r.toString());
        Thread.sleep(500);
        r = farm.render("A", 1, out);
      }
      assertEquals("stylized", r.path("status").asText(), r.toString());
      for (int t = 0; t < TestFarm.FRAMES; t++) {
        float[] onA = new float[out.length];
        float[] onC = new float[out.length];
        assertEquals("stylized", farm.render("A", t, onA).path("status").asText());
        assertEquals("stylized", farm.render("C", t, onC).path("status").asText());
        assertArrayEquals(onA, onC, "frame " + t + " is bit-identical on A and C");
        assertTrue(!java.util.Arrays.equals(onA, farm.frame(t)), "frame " + t + " is rendered");
      }
      JsonNode jobsOnA = farm.jobs("A");
      assertEquals(farm.jobs("C"), jobsOnA, "A and C list the same jobs");
      List<String> states = new ArrayList<>();
      jobsOnA.forEach(
          j -> states.add(j.path("spec").path("kind").asText() + ":" + j.path("state").asText()));
      assertEquals(
          List.of("decompose:succeeded", "preview:succeeded", "stylize:succeeded"),
          states.stream().sorted().toList(),
          "nothing lost (A renders only, yet queues the quick preview for the trainers): "
              + jobsOnA);
      JsonNode done = find(jobsOnA, id);
      assertEquals(2, done.path("runs").asInt(), "the decomposition ran twice: " + done);
      sse.join(10_000);
      assertTrue(
          events.stream().anyMatch(e -> e.contains("\"stage\":\"failover\"")),
          "A's event stream showed the failover: " + events);
      assertTrue(
          events.get(events.size() - 1).contains("\"state\":\"succeeded\""),
          "A's event stream ended with the job's success: " + events);
    }
  }

  private static boolean checkpointed(Path work) {
    if (!Files.isDirectory(work)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(work)) {
      return s.anyMatch(p -> p.getFileName().toString().equals("checkpoint.bin"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private static JsonNode awaitJob(TestFarm farm, String kind, String state) throws Exception {
    JsonNode[] found = new JsonNode[1];
    TestFarm.await(
        () -> {
          try {
            for (JsonNode j : farm.jobs("A")) {
              if (j.path("spec").path("kind").asText().equals(kind)
                  && j.path("state").asText().equals(state)) {
                found[0] = j;
                return true;
              }
            }
          } catch (java.io.IOException e) {
            return false;
          }
          return false;
        },
        "a " + state + " " + kind + " job",
        120);
    return found[0];
  }

  private static JsonNode find(JsonNode jobs, String id) {
    for (JsonNode j : jobs) {
      if (j.path("id").asText().equals(id)) {
        return j;
      }
    }
    throw new AssertionError("no job " + id + " in " + jobs);
  }
}
