package org.styleatlas.host;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The host's configuration, built by {@link ConfigLoader} from layered sources. Every key is
 * documented in docs/HOST.md. The defaults are locked down: Unix sockets only (folder 0700, sockets
 * 0600), no TCP.
 *
 * @param runtimeDir the default folder of the sockets, lock and token files ({@code runtime.dir})
 * @param bridgeSocket the plugin's Unix socket ({@code bridge.socket})
 * @param httpSocket the HTTP API's Unix socket ({@code http.socket})
 * @param tcp the optional TCP listeners
 * @param cacheDir the content cache ({@code cache.dir})
 * @param cacheMaxBytes the cache's size cap ({@code cache.maxBytes})
 * @param stateDir job records and checkpoints ({@code state.dir})
 * @param httpMaxBodyBytes the largest accepted HTTP request body ({@code http.maxBodyBytes})
 * @param shutdownWait how long shutdown waits for the running job to checkpoint ({@code
 *     shutdown.waitSeconds})
 * @param limits bounds on connections, so nobody without the token can make the host unreachable
 * @param cluster the render farm this host joins, if any ({@code cluster.*})
 */
public record HostConfig(
    Path runtimeDir,
    Path bridgeSocket,
    Path httpSocket,
    Tcp tcp,
    Path cacheDir,
    long cacheMaxBytes,
    Path stateDir,
    int httpMaxBodyBytes,
    Duration shutdownWait,
    Limits limits,
    Cluster cluster) {

  /**
   * The render farm (docs/HOST.md, "Render farm"): off by default. When on, the host joins a Vert.x
   * cluster (Hazelcast) of the hosts at {@code members}, by TCP/IP only (no multicast), and shares
   * the job queue with them; their {@code cache.dir} must be one shared folder.
   *
   * @param enabled {@code cluster.enabled} (or {@code serve --cluster})
   * @param name {@code cluster.name}: hosts join only a cluster of the same name
   * @param host {@code cluster.host}: the address this host binds and announces, loopback by
   *     default
   * @param port {@code cluster.port}: the cluster port (Hazelcast); 0 takes the first free one from
   *     5701
   * @param members {@code cluster.members}: the farm's hosts, comma-separated {@code host[:port]}
   * @param failureSeconds {@code cluster.failureSeconds}: a host silent for this long is taken out
   *     of the farm and its running job resumes elsewhere
   * @param trainer {@code cluster.trainer}: false makes this host render only, leaving every job to
   *     the farm's training hosts
   * @param artifacts {@code cluster.artifacts}: how the hosts share cache entries
   * @param device {@code cluster.device}: the trainer device this host declares to the farm ({@code
   *     auto} asks the engine)
   * @param cpuGrace {@code cluster.cpuGraceSeconds}: how long a CPU trainer leaves a queued job to
   *     a free GPU trainer of the farm before it claims the job itself
   */
  public record Cluster(
      boolean enabled,
      String name,
      String host,
      int port,
      java.util.List<String> members,
      int failureSeconds,
      boolean trainer,
      Artifacts artifacts,
      Device device,
      Duration cpuGrace) {
    /** The same settings with the cluster switched on. */
    public Cluster on() {
      return new Cluster(
          true, name, host, port, members, failureSeconds, trainer, artifacts, device, cpuGrace);
    }
  }

  /** How the hosts of a farm share cache entries ({@code cluster.artifacts}). */
  public enum Artifacts {
    /** Every host's {@code cache.dir} is one shared folder (the default). */
    SHARED,
    /**
     * Every host keeps its own cache folder; an entry a host lacks is fetched from a host that
     * holds it, checked against the holder's SHA-256 sums, and stored locally.
     */
    FETCH
  }

  /** The trainer device a farm host declares ({@code cluster.device}). */
  public enum Device {
    /** What the engine detects (a GPU when DJL sees one). */
    AUTO,
    CPU,
    GPU
  }

  /** This config with the cluster switched on ({@code serve --cluster}). */
  public HostConfig withClusterOn() {
    return new HostConfig(
        runtimeDir,
        bridgeSocket,
        httpSocket,
        tcp,
        cacheDir,
        cacheMaxBytes,
        stateDir,
        httpMaxBodyBytes,
        shutdownWait,
        limits,
        cluster.on());
  }

  /**
   * Connection bounds (docs/HOST.md, "Security model").
   *
   * @param maxTcpConnections TCP connections open at once per listener, authenticated or not
   *     ({@code tcp.maxConnections}); more are closed at once, so file descriptors stay for the
   *     Unix sockets
   * @param maxUnauthenticated bridge TCP connections that have not yet sent a valid hello ({@code
   *     tcp.maxUnauthenticated})
   * @param authTimeout how long a bridge TCP connection may take to authenticate ({@code
   *     tcp.authTimeoutSeconds})
   * @param httpIdleTimeout an HTTP connection with no traffic for this long is closed, on Unix and
   *     TCP ({@code http.idleTimeoutSeconds}); event streams send a comment line more often than
   *     this
   */
  public record Limits(
      int maxTcpConnections,
      int maxUnauthenticated,
      Duration authTimeout,
      Duration httpIdleTimeout) {
    /**
     * The largest header a bridge TCP connection may send before it is authenticated (a hello is
     * ~200 bytes).
     */
    public static final int MAX_PRE_AUTH_HEADER_BYTES = 4096;
  }

  /**
   * TCP listeners, off by default. When on, they bind {@code host} and require the token in {@code
   * tokenFile} (created with mode 0600 when missing).
   *
   * @param enabled {@code tcp.enabled}
   * @param host {@code tcp.host}, loopback by default
   * @param bridgePort {@code tcp.bridgePort}; 0 picks a free port
   * @param httpPort {@code tcp.httpPort}; 0 picks a free port
   * @param tokenFile {@code tcp.tokenFile}
   */
  public record Tcp(boolean enabled, String host, int bridgePort, int httpPort, Path tokenFile) {}

  /** The lock file beside the bridge socket: one host per socket. */
  public Path lockFile() {
    return bridgeSocket.resolveSibling(bridgeSocket.getFileName() + ".lock");
  }
}
