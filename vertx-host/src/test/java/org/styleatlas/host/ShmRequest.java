package org.styleatlas.host;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.styleatlas.engine.studio.FramePixels;
import org.styleatlas.host.shm.SharedSegment;

/**
 * The shim's side of one render call: creates a segment {@code /styleatlas-<pid>-<seq>} holding
 * input then output, writes the input, builds the request header; closing unmaps and unlinks it.
 */
public final class ShmRequest implements AutoCloseable {
  private static final AtomicLong SEQ = new AtomicLong();
  public final String name =
      "/styleatlas-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  public final int width;
  public final int height;
  private final SharedSegment seg;
  private final boolean hasMatte;

  public ShmRequest(int width, int height, float[] input) {
    this(width, height, input, null);
  }

  /**
   * A segment holding input, output and, when {@code matte} is not null, a matte plane after them.
   *
   * @param matte {@code [height, width]} float32, or null
   */
  public ShmRequest(int width, int height, float[] input, float[] matte) {
    this.width = width;
    this.height = height;
    this.hasMatte = matte != null;
    long plane = FramePixels.rgbaBytes(width, height);
    this.seg =
        SharedSegment.create(
            name, 2 * plane + (hasMatte ? FramePixels.matteBytes(width, height) : 0));
    TestFrames.put(input(), input);
    if (hasMatte) {
      TestFrames.put(seg.slice("matte", 2 * plane, FramePixels.matteBytes(width, height)), matte);
    }
  }

  public ByteBuffer input() {
    return seg.slice("input", 0, FramePixels.rgbaBytes(width, height));
  }

  public ByteBuffer output() {
    long plane = FramePixels.rgbaBytes(width, height);
    return seg.slice("output", plane, plane);
  }

  public float[] outputPixels() {
    return TestFrames.get(output(), width * height * 4);
  }

  /** A render request header for this segment. */
  public String render(long id, int time, int clipLength, String paramsJson) {
    return String.format(
        "{\"type\":\"render\",\"id\":%d,\"time\":%d.0,\"clipLength\":%d,\"waitMs\":1000,"
            + "\"image\":{\"width\":%d,\"height\":%d,\"shm\":\"%s\",\"offset\":0},"
            + "\"output\":{\"shm\":\"%s\",\"offset\":%d},\"matte\":%s,\"params\":%s}",
        id,
        time,
        clipLength,
        width,
        height,
        name,
        name,
        FramePixels.rgbaBytes(width, height),
        hasMatte
            ? String.format(
                "{\"shm\":\"%s\",\"offset\":%d}", name, 2 * FramePixels.rgbaBytes(width, height))
            : "null",
        paramsJson);
  }

  @Override
  public void close() {
    seg.close();
    SharedSegment.unlink(name);
  }
}
