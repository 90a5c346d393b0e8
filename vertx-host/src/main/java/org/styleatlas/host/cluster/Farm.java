package org.styleatlas.host.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.studio.FarmArtifacts;
import org.styleatlas.host.HostConfig;

/**
 * This host's membership of a render farm: a clustered Vert.x on the Hazelcast cluster manager,
 * joined by TCP/IP to an explicit member list (multicast and auto-detection off, phone-home off),
 * bound to {@code cluster.host}, and the farm's {@link HazelcastJobBoard}.
 */
public final class Farm {
  private static final Logger LOG = LoggerFactory.getLogger(Farm.class);
  private static final long JOIN_TIMEOUT_S = 60;

  /** How often every host looks for running jobs of hosts that left (besides the events). */
  static final long SWEEP_MS = 5000;

  /** The folder, under the state folder, of this host's copy of the farm's job records. */
  public static final String RECORDS = "farm-jobs";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final HazelcastJobBoard board;

  private Farm(Vertx vertx, HazelcastClusterManager manager, HazelcastJobBoard board) {
    this.vertx = vertx;
    this.manager = manager;
    this.board = board;
  }

  /**
   * Joins the farm (blocking, up to a minute).
   *
   * @param options the host's Vert.x options; the event bus is bound to {@code cluster.host}
   * @param stateDir the host's state folder: its copy of the farm's job records lives in {@value
   *     #RECORDS}
   * @throws IllegalStateException when the cluster cannot be joined
   */
  public static Farm join(HostConfig.Cluster cluster, VertxOptions options, Path stateDir) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    VertxOptions clustered = new VertxOptions(options);
    clustered.getEventBusOptions().setHost(cluster.host()).setPort(0);
    try {
      Vertx vertx =
          Vertx.builder()
              .with(clustered)
              .withClusterManager(manager)
              .buildClustered()
              .await(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
      HazelcastInstance hz = manager.getHazelcastInstance();
      HazelcastJobBoard board =
          new HazelcastJobBoard(
              hz, hz.getCluster().getLocalMember().getUuid().toString(), stateDir.resolve(RECORDS));
      LOG.info(
          "joined farm '{}' as {} on {}: {} engines",
          cluster.name(),
          board.self(),
          manager.clusterHost(),
          manager.getNodes().size());
      return new Farm(vertx, manager, board);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot join the farm '"
              + cluster.name()
              + "' at "
              + cluster.members()
              + " from "
              + cluster.host()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The Hazelcast configuration: Vert.x's default (its event-bus maps) with this farm's name,
   * network and failure detection. Heartbeats every second; a member silent for {@code
   * failureSeconds} is removed.
   */
  static Config hazelcastConfig(HostConfig.Cluster cluster) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(cluster.name());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.shutdownhook.enabled", "false"); // the host leaves in its own hook
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.local.localAddress", cluster.host());
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(cluster.failureSeconds()));
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(cluster.port() == 0 ? 5701 : cluster.port());
    net.setPortAutoIncrement(cluster.port() == 0);
    net.getInterfaces().setEnabled(true).addInterface(cluster.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return c;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastJobBoard board() {
    return board;
  }

  /** This host's id in the farm (its Hazelcast member's UUID). */
  public String nodeId() {
    return board.self();
  }

  /**
   * Shares this host's own cache folder with the farm ({@code cluster.artifacts: fetch}): serves
   * its entries to the other hosts, announces which it holds, and fetches the ones it lacks from
   * their holders. Blocks until the server is deployed.
   */
  public void shareArtifacts(FarmArtifacts artifacts) {
    HazelcastInstance hz = manager.getHazelcastInstance();
    try {
      vertx
          .deployVerticle(
              new ArtifactServer(hz, nodeId(), artifacts),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          .await(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serve artifacts to the farm: " + e.getMessage(), e);
    }
    artifacts.connect(new ArtifactExchange(vertx, hz, nodeId(), vertx.getOrCreateContext()));
    LOG.info("fetches missing artifacts from the farm's hosts; serves its own to them");
  }

  /**
   * Lets this host take over the running jobs of hosts that leave: on Hazelcast's member-removed
   * event and every {@link #SWEEP_MS} ms, on a worker thread.
   */
  public void watch(JobExecutor jobs) {
    board.onOrphan(jobs::requeueOrphan);
    vertx.setPeriodic(
        SWEEP_MS,
        id ->
            vertx.executeBlocking(
                () -> {
                  board.sweepOrphans();
                  return null;
                },
                false));
  }
}
