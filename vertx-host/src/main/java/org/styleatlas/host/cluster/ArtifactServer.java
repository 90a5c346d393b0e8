package org.styleatlas.host.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.studio.FarmArtifacts;

/**
 * Serves this host's cache entries to the other hosts of the farm, on its event-bus address {@link
 * ArtifactExchange#address}: a request names the asking member, the entry, a file of it, an offset
 * and a length; the reply is those bytes. Only members of the farm are answered, only entries held
 * (and verified) here, only files their manifest lists. Deploy as a worker verticle (it reads
 * files).
 */
final class ArtifactServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactServer.class);

  /** The largest piece served at once. */
  static final int MAX_PIECE = 8 << 20;

  static final int NOT_A_MEMBER = 403;
  static final int NOT_HELD = 404;
  static final int BAD_REQUEST = 400;
  static final int FAILED = 500;

  private final HazelcastInstance hz;
  private final String self;
  private final FarmArtifacts artifacts;

  ArtifactServer(HazelcastInstance hz, String self, FarmArtifacts artifacts) {
    this.hz = hz;
    this.self = self;
    this.artifacts = artifacts;
  }

  @Override
  public Future<?> start() {
    return vertx
        .eventBus()
        .<JsonObject>consumer(ArtifactExchange.address(self), this::serve)
        .completion();
  }

  private void serve(Message<JsonObject> m) {
    JsonObject r = m.body();
    String from = r.getString("from", "");
    if (!ArtifactExchange.members(hz).contains(from)) {
      LOG.warn("refused an artifact request from '{}': not a member of the farm", from);
      m.fail(NOT_A_MEMBER, "not a member of the farm");
      return;
    }
    String entry = r.getString("entry", "");
    String file = r.getString("file", "");
    long offset = r.getLong("offset", -1L);
    int max = r.getInteger("max", -1);
    if (offset < 0 || max < 0 || max > MAX_PIECE) {
      m.fail(BAD_REQUEST, "offset and max (at most " + MAX_PIECE + ") must be given");
      return;
    }
    try {
      Optional<byte[]> piece = artifacts.read(entry, file, offset, max);
      if (piece.isPresent()) {
        m.reply(Buffer.buffer(piece.get()));
      } else {
        m.fail(NOT_HELD, "this host does not hold " + entry + " (or it has no file " + file + ")");
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot serve {}/{}: {}", entry, file, e.toString());
      m.fail(FAILED, "cannot read " + entry + "/" + file + ": " + e.getMessage());
    }
  }
}
