package org.styleatlas.host;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.styleatlas.host.render.FramePlanes;
import org.styleatlas.host.shm.SharedSegment;


/**
 * The shim's side of one render call: creates a segment {@code /styleatlas-<pid>-<seq>} holding input
 * then output, writes the input, builds the request header; closing unmaps and unlinks it.
 */
public final class ShmRequest implements AutoCloseable {
  private static final AtomicLong SEQ = new AtomicLong();
  public final String name = "/styleatlas-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  public final int width;
  public final int height;
  private final SharedSegment seg;

  public ShmRequest(int width, int height, float[] input) {
    this.width = width;
    this.height = height;
    long plane = FramePlanes.rgbaBytes(width, height);
    this.seg = SharedSegment.create(name, 2 * plane);
    TestFrames.put(input(), input);
  }

  public ByteBuffer input() {
    return seg.slice("input", 0, FramePlanes.rgbaBytes(width, height));
  }

  public ByteBuffer output() {
    long plane = FramePlanes.rgbaBytes(width, height);
    return seg.slice("output", plane, plane);
  }

  public float[] outputPixels() {
    return TestFrames.get(output(), width * height * 4);
  }

  /** A render request header for this segment. */
  public String render(long id, int time, int clipLength, String paramsJson) {
    return String.format("{\"type\":\"render\",\"id\":%d,\"time\":%d.0,\"clipLength\":%d,\"waitMs\":1000,"
        + "\"image\":{\"width\":%d,\"height\":%d,\"shm\":\"%s\",\"offset\":0},"
        + "\"output\":{\"shm\":\"%s\",\"offset\":%d},\"matte\":null,\"params\":%s}",
        id, time, clipLength, width, height, name, name, FramePlanes.rgbaBytes(width, height), paramsJson);
  }

  @Override
  public void close() {
    seg.close();
    SharedSegment.unlink(name);
  }
}
