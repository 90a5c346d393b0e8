package org.styleatlas.host;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.host.bridge.BridgeCodec;
import org.styleatlas.host.bridge.BridgeHandler;
import org.styleatlas.host.bridge.BridgeVerticle;
import org.styleatlas.host.cluster.Farm;
import org.styleatlas.host.http.HttpApiVerticle;
import org.styleatlas.host.jobs.JacksonCodec;
import org.styleatlas.host.jobs.JobsVerticle;
import org.styleatlas.host.status.StatusPageVerticle;

/**
 * The running engine host: one per runtime folder (guarded by a lock file), with its job executor,
 * its three verticles (jobs, bridge, HTTP) and its sockets. {@link #close()} checkpoints the
 * running job, stops the servers, and removes the sockets.
 */
public final class EngineHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);
  private static final long START_TIMEOUT_S = 30;

  private final HostConfig config;
  private final Vertx vertx;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final JobExecutor jobs;
  private final BridgeVerticle bridge;
  private final HttpApiVerticle http;
  private final CountDownLatch closed = new CountDownLatch(1);

  private EngineHost(
      HostConfig config,
      Vertx vertx,
      FileChannel lockChannel,
      FileLock lock,
      JobExecutor jobs,
      BridgeVerticle bridge,
      HttpApiVerticle http) {
    this.config = config;
    this.vertx = vertx;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.jobs = jobs;
    this.bridge = bridge;
    this.http = http;
  }

  /**
   * Starts a host, or finds the one already running for this runtime folder.
   *
   * @return the started host, or empty when another host already serves {@code
   *     config.bridgeSocket()}
   * @throws InputException when a file the configuration names is bad (the token file), after
   *     cleaning up
   * @throws IllegalStateException when anything else fails to come up (after cleaning up)
   */
  public static Optional<EngineHost> start(
      HostConfig config, JobRunners runners, VertxOptions options) {
    SocketFiles.privateFolder(config.bridgeSocket().getParent());
    SocketFiles.privateFolder(config.httpSocket().getParent());
    FileChannel ch;
    FileLock lock;
    try {
      ch =
          FileChannel.open(
              config.lockFile(),
              java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open lock file " + config.lockFile() + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(ch);
      LOG.info(
          "a StyleAtlas host already runs for {} (socket {}{})",
          config.lockFile(),
          config.bridgeSocket(),
          answers(config.bridgeSocket()) ? ", answering" : ", starting up");
      return Optional.empty();
    }
    removeStale(config.bridgeSocket());
    removeStale(config.httpSocket());
    Farm farm;
    try {
      farm =
          config.cluster().enabled()
              ? Farm.join(config.cluster(), options, config.stateDir())
              : null;
    } catch (RuntimeException e) {
      LOG.error("the host failed to start: {}", e.getMessage());
      closeQuietly(ch);
      throw e;
    }
    Vertx vertx = farm != null ? farm.vertx() : Vertx.vertx(options);
    JobRunners mine = farm != null && !config.cluster().trainer() ? runners.renderOnly() : runners;
    JobExecutor jobs = null;
    try {
      TokenFile token =
          config.tcp().enabled() ? TokenFile.loadOrCreate(config.tcp().tokenFile()) : null;
      Studio studio =
          farm == null
              ? Studio.forHost(
                  config.cacheDir(),
                  config.cacheMaxBytes(),
                  config.stateDir(),
                  runners,
                  config.shutdownWait())
              : Studio.forHost(
                  config.cacheDir(),
                  config.cacheMaxBytes(),
                  config.stateDir(),
                  mine,
                  config.shutdownWait(),
                  farm.board());
      jobs = studio.jobs();
      if (farm != null && config.cluster().artifacts() == HostConfig.Artifacts.FETCH) {
        farm.shareArtifacts(studio.farmArtifacts());
      }
      studio.restoreClips();
      JacksonCodec.registerAll(vertx);
      preloadOffTheEventLoop(vertx);
      BridgeVerticle bridge =
          new BridgeVerticle(config, new BridgeHandler(vertx, studio, jobs, token));
      HttpApiVerticle http = new HttpApiVerticle(config, studio, token);
      await(
          vertx.deployVerticle(
              new JobsVerticle(jobs),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
      if (farm != null && config.cluster().trainer()) {
        farm.board().declareTrainer(trainsOnGpu(config.cluster()), config.cluster().cpuGrace());
      }
      jobs.start();
      if (farm != null) {
        farm.watch(jobs);
      }
      await(vertx.deployVerticle(bridge));
      await(vertx.deployVerticle(http));
      await(vertx.deployVerticle(new StatusPageVerticle(config, http, studio.monitor())));
      LOG.info(
          "StyleAtlas host {} up: bridge {}, HTTP {}, cache {}, state {}{}",
          BridgeHandler.ENGINE_VERSION,
          config.bridgeSocket(),
          config.httpSocket(),
          config.cacheDir(),
          config.stateDir(),
          farm == null ? "" : ", farm '" + config.cluster().name() + "' as " + farm.nodeId());
      return Optional.of(new EngineHost(config, vertx, ch, lock, jobs, bridge, http));
    } catch (RuntimeException e) {
      if (e instanceof InputException) {
        LOG.debug("the host failed to start", e); // bad input: the caller reports it in one line
      } else {
        LOG.error("the host failed to start: {}", e.getMessage());
      }
      if (jobs != null) {
        jobs.close();
      }
      await(vertx.close());
      removeStale(config.bridgeSocket());
      removeStale(config.httpSocket());
      closeQuietly(ch);
      throw e instanceof IllegalStateException || e instanceof InputException
          ? e
          : new IllegalStateException("host failed to start: " + e.getMessage(), e);
    }
  }

  /** The trainer device this farm host declares: configured, or what the engine detects. */
  private static boolean trainsOnGpu(HostConfig.Cluster cluster) {
    return switch (cluster.device()) {
      case GPU -> true;
      case CPU -> false;
      case AUTO -> {
        try {
          yield Studio.trainsOnGpu();
        } catch (RuntimeException | LinkageError e) {
          LOG.warn(
              "cannot ask the engine for a GPU ({}); declaring a CPU trainer to the farm",
              e.toString());
          yield false;
        }
      }
    };
  }

  /**
   * Loads the classes of codecs and routers on the starting thread, so that the event loops do not
   * pay for class loading (hundreds of milliseconds on a busy machine) in the verticles' start or
   * first request.
   */
  private static void preloadOffTheEventLoop(Vertx vertx) {
    BridgeCodec.warmUp();
    Router.router(vertx).route().handler(BodyHandler.create(false));
  }

  /** Starts with the default Vert.x options. */
  public static Optional<EngineHost> start(HostConfig config, JobRunners runners) {
    return start(config, runners, new VertxOptions());
  }

  public HostConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public JobExecutor jobs() {
    return jobs;
  }

  /** The bound TCP ports (bridge, HTTP), or -1 when TCP is off. */
  public int bridgeTcpPort() {
    return bridge.tcpPort();
  }

  public int httpTcpPort() {
    return http.tcpPort();
  }

  /** Blocks until {@link #close()} finished. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /**
   * Checkpoints and stops the running job, stops the servers, removes the sockets, releases the
   * lock.
   */
  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    LOG.info("StyleAtlas host stopping");
    try {
      jobs.close();
      await(vertx.close());
    } finally {
      removeStale(config.bridgeSocket());
      removeStale(config.httpSocket());
      try {
        lock.release();
      } catch (IOException e) {
        LOG.warn("cannot release {}: {}", config.lockFile(), e.getMessage());
      }
      closeQuietly(lockChannel);
      closed.countDown();
      LOG.info("StyleAtlas host stopped");
    }
  }

  private static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    Vertx probe = Vertx.vertx();
    try {
      NetClient client = probe.createNetClient();
      client
          .connect(SocketAddress.domainSocketAddress(socket.toString()))
          .await(2, TimeUnit.SECONDS)
          .close();
      return true;
    } catch (Exception e) {
      return false;
    } finally {
      probe.close();
    }
  }

  private static void removeStale(Path socket) {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", socket, e.getMessage());
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out after " + START_TIMEOUT_S + " s", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.debug("closing lock file: {}", e.getMessage());
    }
  }
}
