package org.styleatlas.host.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.studio.FarmArtifacts;

/**
 * The farm's artifact exchange for hosts with their own cache folders ({@code cluster.artifacts:
 * fetch}): which host holds which entry is a Hazelcast multimap (entry → member ids, each host
 * adding and removing its own), and a host reads another host's entry in pieces over the clustered
 * event bus, from that host's {@link ArtifactServer}. The engine checks every file it receives
 * against the SHA-256 its holder recorded before storing it ({@link FarmArtifacts}).
 */
final class ArtifactExchange implements FarmArtifacts.Peers {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactExchange.class);

  /** Entry ({@code <kind>/<hash>}) → the member ids of the hosts that hold it. */
  static final String HOLDERS = "styleatlas.artifacts.holders";

  /** How long one piece may take to arrive. */
  static final long PIECE_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final String self;
  private final MultiMap<String, String> holders;
  private final Context requests;

  /**
   * @param requests the event-loop context that sends the requests and receives the replies (the
   *     caller of {@link #read} blocks on a worker or its own thread, never on that context)
   */
  ArtifactExchange(Vertx vertx, HazelcastInstance hz, String self, Context requests) {
    this.vertx = vertx;
    this.hz = hz;
    this.self = self;
    this.holders = hz.getMultiMap(HOLDERS);
    this.requests = requests;
  }

  /** The event-bus address of a host's {@link ArtifactServer}. */
  static String address(String member) {
    return "styleatlas.artifacts." + member;
  }

  /** The ids of the farm's current members. */
  static Set<String> members(HazelcastInstance hz) {
    return hz.getCluster().getMembers().stream()
        .map(Member::getUuid)
        .map(Object::toString)
        .collect(Collectors.toSet());
  }

  /** The other current members that announced {@code entry}; none when the farm cannot be asked. */
  @Override
  public List<String> holders(String entry) {
    try {
      Set<String> members = members(hz);
      return holders.get(entry).stream()
          .filter(m -> !m.equals(self) && members.contains(m))
          .sorted()
          .toList();
    } catch (RuntimeException e) { // e.g. the host is leaving the farm
      LOG.warn("cannot ask the farm who holds {}: {}", entry, e.toString());
      return List.of();
    }
  }

  @Override
  public byte[] read(String peer, String entry, String file, long offset, int max)
      throws IOException {
    if (Context.isOnEventLoopThread()) {
      throw new IOException(
          "cannot fetch " + entry + " on an event loop (a blocking read); nothing fetched");
    }
    JsonObject ask =
        new JsonObject()
            .put("from", self)
            .put("entry", entry)
            .put("file", file)
            .put("offset", offset)
            .put("max", max);
    CompletableFuture<byte[]> piece = new CompletableFuture<>();
    requests.runOnContext(
        v ->
            vertx
                .eventBus()
                .<Buffer>request(
                    address(peer), ask, new DeliveryOptions().setSendTimeout(PIECE_TIMEOUT_MS))
                .onComplete(
                    r -> {
                      if (r.succeeded()) {
                        piece.complete(r.result().body().getBytes());
                      } else {
                        piece.completeExceptionally(r.cause());
                      }
                    }));
    try {
      return piece.get(PIECE_TIMEOUT_MS + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(
          "host "
              + peer
              + " did not serve "
              + entry
              + "/"
              + file
              + ": "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("host " + peer + " did not answer for " + entry + "/" + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + entry + " from " + peer, e);
    }
  }

  @Override
  public void held(String entry) {
    try {
      holders.put(entry, self);
    } catch (RuntimeException e) {
      LOG.warn("cannot tell the farm that this host holds {}: {}", entry, e.toString());
    }
  }

  @Override
  public void dropped(String entry) {
    try {
      holders.remove(entry, self);
    } catch (RuntimeException e) {
      LOG.warn("cannot tell the farm that this host dropped {}: {}", entry, e.toString());
    }
  }
}
