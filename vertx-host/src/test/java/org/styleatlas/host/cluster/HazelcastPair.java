package org.styleatlas.host.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.host.HostConfig;

/**
 * Two Hazelcast members in this JVM with the host's own configuration ({@link
 * Farm#hazelcastConfig}: loopback, TCP/IP to the two listed ports, no multicast, no phone-home),
 * each with its farm board, whose copy of the records is {@code <dir>/<i>/farm-jobs}.
 */
final class HazelcastPair implements AutoCloseable {
  final List<HazelcastInstance> members = new ArrayList<>();
  final List<HazelcastJobBoard> boards = new ArrayList<>();

  static final HostConfig.Cluster DEFAULTS =
      new HostConfig.Cluster(
          true,
          "pair",
          "127.0.0.1",
          0,
          List.of(),
          3,
          true,
          HostConfig.Artifacts.SHARED,
          HostConfig.Device.AUTO,
          java.time.Duration.ofSeconds(5));

  HazelcastPair(java.nio.file.Path dir) throws Exception {
    int[] ports = new int[2];
    for (int i = 0; i < 2; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports[i] = s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    List<String> list = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
    for (int i = 0; i < 2; i++) {
      HostConfig.Cluster c =
          new HostConfig.Cluster(
              true,
              "pair-" + ports[0],
              "127.0.0.1",
              ports[i],
              list,
              3,
              true,
              DEFAULTS.artifacts(),
              DEFAULTS.device(),
              DEFAULTS.cpuGrace());
      HazelcastInstance hz = Hazelcast.newHazelcastInstance(Farm.hazelcastConfig(c));
      members.add(hz);
      boards.add(
          new HazelcastJobBoard(
              hz,
              hz.getCluster().getLocalMember().getUuid().toString(),
              dir.resolve(Integer.toString(i)).resolve(Farm.RECORDS)));
    }
    TestFarm.await(
        () -> members.get(0).getCluster().getMembers().size() == 2, "the two members meet", 60);
    TestFarm.await(
        () -> members.get(0).getPartitionService().isClusterSafe(),
        "every record has its backup",
        60);
  }

  @Override
  public void close() {
    members.forEach(HazelcastInstance::shutdown);
  }
}
