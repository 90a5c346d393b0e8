package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;

/**
 * The farm's board on two Hazelcast members in one JVM (loopback, the host's own Hazelcast
 * configuration): records and their changes reach the other member, exactly one member claims a
 * queued job, and the job of a member that dies is handed to the other one.
 */
class HazelcastJobBoardTest {
  private static Job job(String id, JobState state, String stage) {
    long now = System.currentTimeMillis();
    JobSpec spec =
        new JobSpec(JobKind.DECOMPOSE, JobPriority.BATCH, null, "/clips/" + id, null, null, null);
    return new Job(
        id, spec, state, 0, stage, "", new CacheKey("decomposition", "cd".repeat(32)), 0, now, now);
  }

  @TempDir Path dir;

  @Test
  void recordsSpreadOneMemberClaimsAndADeadMembersJobIsHandedOver() throws Exception {
    try (HazelcastPair pair = new HazelcastPair(dir)) {
      handOver(pair);
    }
  }

  private static void handOver(HazelcastPair pair) throws Exception {
    List<HazelcastInstance> members = pair.members;
    List<HazelcastJobBoard> boards = pair.boards;
    HazelcastJobBoard a = boards.get(0);
    HazelcastJobBoard b = boards.get(1);
    List<Job> heardByB = new CopyOnWriteArrayList<>();
    b.onRemoteChange(heardByB::add);
    String id = "j-00000000000000aa";
    a.put(job(id, JobState.QUEUED, "queued"));
    a.update(id, j -> job(id, JobState.QUEUED, "second"), true);
    TestFarm.await(
        () -> b.get(id).map(j -> j.stage().equals("second")).orElse(false),
        "B's view holds A's latest change",
        20);
    assertTrue(heardByB.stream().anyMatch(j -> j.stage().equals("second")), "B heard it");

    a.enqueue(id, a.nextOrder());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Boolean>> claims =
        pool.invokeAll(List.<Callable<Boolean>>of(() -> a.claim(id), () -> b.claim(id)));
    pool.shutdown();
    int won = 0;
    for (Future<Boolean> f : claims) {
      won += f.get() ? 1 : 0;
    }
    assertEquals(1, won, "exactly one member claims the job");
    assertTrue(a.queue().isEmpty(), "the claimed job left the queue");

    HazelcastJobBoard runner = claims.get(0).get() ? a : b;
    HazelcastJobBoard survivor = runner == a ? b : a;
    List<String> handedOver = new CopyOnWriteArrayList<>();
    survivor.onOrphan((jobId, engine) -> handedOver.add(jobId + "@" + engine));
    TestFarm.await(
        () -> members.get(0).getPartitionService().isClusterSafe(),
        "every record has its backup",
        60);
    members.get(runner == a ? 0 : 1).getLifecycleService().terminate();
    TestFarm.await(() -> !handedOver.isEmpty(), "the survivor takes the dead member's job", 30);
    assertEquals(List.of(id + "@" + runner.self()), handedOver);
    survivor.sweepOrphans();
    assertEquals(1, handedOver.size(), "handed over once");
    assertEquals("second", survivor.get(id).orElseThrow().stage(), "the record survived");
  }
}
