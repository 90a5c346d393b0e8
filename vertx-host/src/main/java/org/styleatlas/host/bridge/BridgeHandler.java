package org.styleatlas.host.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.studio.FrameAnswer;
import org.styleatlas.engine.studio.FramePixels;
import org.styleatlas.engine.studio.FrameRequest;
import org.styleatlas.engine.studio.JobFailedException;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.host.TokenFile;
import org.styleatlas.host.shm.MappedSegments;
import org.styleatlas.host.shm.Segments;
import org.styleatlas.host.status.StatusPage;

/**
 * Answers bridge requests. Quick ones (hello, status) on the event loop; frame and render requests
 * on a bounded pool of worker threads ({@value #PIXEL_WORKERS_NAME}, {@link #pixelWorkers()}
 * threads), since they map shared memory, hash megabytes and touch the disk cache. Requests of
 * different connections (a host rendering several frames at once) run in parallel, each connection
 * gets its replies as its own requests finish; the bound keeps the frames in flight, at about 100
 * MB each at 1080p, within memory.
 */
public final class BridgeHandler {
  public static final int PROTOCOL = 1;
  public static final String ENGINE_VERSION = "0.1.0-SNAPSHOT";
  private static final Logger LOG = LoggerFactory.getLogger(BridgeHandler.class);
  private static final long RECENT_MS = 10 * 60_000;

  /** The name of the worker pool of frame and render requests. */
  public static final String PIXEL_WORKERS_NAME = "styleatlas-bridge-pixels";

  /** A reply and its payload (inline output on TCP), or a null payload. */
  public record Answer(BridgeReply reply, Buffer payload) {}

  private final Vertx vertx;
  private final Studio studio;
  private final JobExecutor jobs;
  private final TokenFile token;
  private final WorkerExecutor pixels;
  private final MappedSegments mapped = new MappedSegments();

  /**
   * @param token the TCP token, or null when TCP is off
   */
  public BridgeHandler(Vertx vertx, Studio studio, JobExecutor jobs, TokenFile token) {
    this.vertx = vertx;
    this.studio = studio;
    this.jobs = jobs;
    this.token = token;
    this.pixels = vertx.createSharedWorkerExecutor(PIXEL_WORKERS_NAME, pixelWorkers());
  }

  /**
   * Frame and render requests handled at once: two per core, so one request's disk and shared
   * memory work overlaps another's compositing, and no more (each render holds a frame's planes and
   * maps).
   */
  public static int pixelWorkers() {
    return 2 * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Unmaps the shared-memory segments kept mapped that are idle too long or gone (the bridge runs
   * it periodically, off the event loop).
   */
  public void evictIdleSegments() {
    mapped.evictIdle();
  }

  /** Unmaps every idle kept segment (the bridge stops). */
  public void closeIdleSegments() {
    mapped.closeIdle();
  }

  public Future<Answer> handle(BridgeRequest req, Buffer payload, boolean tcp) {
    try {
      if (req instanceof BridgeRequest.Hello h) {
        return Future.succeededFuture(hello(h, tcp));
      }
      if (req instanceof BridgeRequest.Status s) {
        return Future.succeededFuture(new Answer(status(s), null));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (req instanceof BridgeRequest.FrameUpload f) {
      return pixels.executeBlocking(() -> frame(f, payload, tcp), false);
    }
    BridgeRequest.Render r = (BridgeRequest.Render) req;
    return pixels.executeBlocking(() -> render(r, payload, tcp), false);
  }

  /** The error reply for a failure of any kind. */
  public static BridgeReply.Error error(long id, Throwable t) {
    if (t instanceof ProtocolException p) {
      return BridgeReply.Error.of(id, p.code(), p.getMessage());
    }
    if (t instanceof JobFailedException f) {
      return BridgeReply.Error.of(id, ErrorCode.JOB_FAILED, f.getMessage());
    }
    if (t instanceof InputException i) {
      return BridgeReply.Error.of(id, ErrorCode.BAD_INPUT, i.getMessage());
    }
    LOG.error("request {} failed", id, t);
    return BridgeReply.Error.of(
        id, ErrorCode.INTERNAL, t.getClass().getSimpleName() + ": " + t.getMessage());
  }

  private Answer hello(BridgeRequest.Hello h, boolean tcp) {
    if (h.protocol() != PROTOCOL) {
      throw new ProtocolException(
          ErrorCode.PROTOCOL,
          "protocol: this engine speaks version "
              + PROTOCOL
              + ", the plugin asked for "
              + h.protocol());
    }
    if (tcp && (token == null || !token.matches(h.token()))) {
      throw new ProtocolException(ErrorCode.UNAUTHORIZED, "token: missing or wrong");
    }
    return new Answer(new BridgeReply.Hello("hello", h.id(), PROTOCOL, ENGINE_VERSION), null);
  }

  private BridgeReply status(BridgeRequest.Status s) {
    long since = System.currentTimeMillis() - RECENT_MS;
    List<BridgeReply.JobSummary> list =
        jobs.list().stream()
            .filter(j -> !j.state().terminal() || j.updatedMs() >= since)
            .map(BridgeHandler::summary)
            .toList();
    return new BridgeReply.Status("status", s.id(), list);
  }

  private static BridgeReply.JobSummary summary(Job j) {
    return new BridgeReply.JobSummary(
        j.id(), j.kind().wireName(), j.state().wireName(), j.progress(), j.stage(), j.message());
  }

  private Answer frame(BridgeRequest.FrameUpload f, Buffer payload, boolean tcp) throws Exception {
    try (Segments segs = new Segments(mapped)) {
      FramePixels planes = planes(segs, f.image(), f.matte(), null, payload, tcp);
      FrameAnswer o = studio.render(request(planes, f.params(), f.time(), f.clipLength(), false));
      return new Answer(
          new BridgeReply.Frame(
              "frame",
              f.id(),
              "collected",
              o.clip(),
              o.collected(),
              o.stage().equals("collecting") ? o.progress() : 1.0),
          null);
    }
  }

  private Answer render(BridgeRequest.Render r, Buffer payload, boolean tcp) throws Exception {
    try (Segments segs = new Segments(mapped)) {
      FramePixels planes = planes(segs, r.image(), r.matte(), r.output(), payload, tcp);
      FrameAnswer o =
          studio.render(
              request(
                  planes, r.params(), r.time(), r.clipLength(), Boolean.TRUE.equals(r.batch())));
      Buffer out = tcp ? toBuffer(planes.output()) : null;
      BridgeReply reply =
          new BridgeReply.Render(
              "render",
              r.id(),
              o.stylized() ? "stylized" : "pending",
              o.clip(),
              o.stage(),
              o.progress(),
              o.stylized() ? null : StatusPage.withPageHint(vertx, o.message()),
              o.blocked() ? Boolean.TRUE : null,
              out == null ? null : (long) out.length());
      return new Answer(reply, out);
    }
  }

  /**
   * The studio's request for these planes and wire params; render-queue mode runs jobs at batch
   * priority.
   */
  private static FrameRequest request(
      FramePixels planes, WireParams p, double time, Integer clipLength, boolean batch) {
    JobPriority priority = p.waitMode() ? JobPriority.BATCH : JobPriority.INTERACTIVE;
    return new FrameRequest(
        planes,
        frameNumber(time),
        orZero(clipLength),
        p.decompose(),
        p.style(),
        p.render(),
        priority,
        batch,
        p.hasMorphTarget() ? p.morphStyle() : null);
  }

  /** Resolves the planes: in shared memory on the Unix socket, inline in the payload on TCP. */
  private static FramePixels planes(
      Segments segs,
      BridgeRequest.Plane image,
      BridgeRequest.Plane matte,
      BridgeRequest.Plane output,
      Buffer payload,
      boolean tcp) {
    int w = image.width();
    int h = image.height();
    long rgba = FramePixels.rgbaBytes(w, h);
    long mb = FramePixels.matteBytes(w, h);
    for (BridgeRequest.Plane p : new BridgeRequest.Plane[] {image, matte, output}) {
      if (p != null && p.isInline() != tcp) {
        throw new ProtocolException(
            ErrorCode.MALFORMED,
            tcp
                ? "on TCP every plane must be inline (\"inline\": true)"
                : "on the Unix socket every plane must be in shared memory (\"shm\", \"offset\")");
      }
    }
    if (tcp) {
      long expected = rgba + (matte != null ? mb : 0);
      long got = payload == null ? 0 : payload.length();
      if (got != expected) {
        throw new ProtocolException(
            ErrorCode.MALFORMED,
            "payloadBytes: the planes need " + expected + " bytes, got " + got);
      }
      // docs/PROTOCOL.md: inline planes are float32 little-endian.
      ByteBuffer all = ByteBuffer.wrap(payload.getBytes()).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer img = all.slice(0, (int) rgba).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer mat =
          matte != null ? all.slice((int) rgba, (int) mb).order(ByteOrder.LITTLE_ENDIAN) : null;
      ByteBuffer out =
          output != null ? ByteBuffer.allocate((int) rgba).order(ByteOrder.LITTLE_ENDIAN) : null;
      return new FramePixels(w, h, img, mat, out);
    }
    ByteBuffer img = segs.get(image.shm()).slice("image", image.offset(), rgba);
    ByteBuffer mat =
        matte != null ? segs.get(matte.shm()).slice("matte", matte.offset(), mb) : null;
    ByteBuffer out =
        output != null ? segs.get(output.shm()).slice("output", output.offset(), rgba) : null;
    return new FramePixels(w, h, img, mat, out);
  }

  private static Buffer toBuffer(ByteBuffer b) {
    byte[] bytes = new byte[b.capacity()];
    b.duplicate().clear().get(bytes);
    return Buffer.buffer(bytes);
  }

  private static int frameNumber(double time) {
    return (int) Math.round(time);
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
