package org.styleatlas.engine.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.video.FrameSize;

/**
 * The memory a decomposition needs, estimated before any frame is read (#19.6), so that a clip too
 * long or too large for this machine ends in one line naming the size and the numbers instead of an
 * {@link OutOfMemoryError} minutes into the run.
 *
 * <p>What the trainer holds at once, per working pixel per frame (Java heap, float32): the working
 * frames (RGBA, 16 B) and matte (4 B); the trainer's packed copy of colours, matte and luma (20 B);
 * the optical flow forward and backward (16 B) and their consistency masks (8 B); the evaluated
 * layer maps (uv of both layers and α, 20 B) and the reconstruction (12 B) and, with the
 * background's colour residual (the fast preset), the atlas-only reconstruction beside it (12 B);
 * 32 B for the exporter's and the cache's copies and the JVM's own: {@value
 * #HEAP_BYTES_PER_PIXEL_FRAME} B (measured before the residual: blackswan's 50 frames at 384x216
 * peaked at 515 MB of live heap, the 128 B of then said 531 MB; the residual adds 12 B, 50 MB
 * there; docs/BENCHMARKS.md). Native memory (libtorch): the runtime, networks and optimiser state
 * ({@value #NATIVE_BASE_MIB} MiB) plus, per pixel of a step's batch, the networks' activations and
 * gradients at its seven sample points (centre, neighbours, flow target; {@value
 * #NATIVE_BYTES_PER_BATCH_PIXEL} B).
 */
public final class DecompositionBudget {
  public static final long HEAP_BYTES_PER_PIXEL_FRAME = 140;
  public static final long NATIVE_BASE_MIB = 512;
  public static final long NATIVE_BYTES_PER_BATCH_PIXEL = 48 * 1024;

  /**
   * The share of the Java heap a decomposition may plan to use; the rest is for everything else.
   */
  public static final double HEAP_SHARE = 0.8;

  private static final double GIB = 1L << 30;

  private final long maxHeapBytes;
  private final long availableRamBytes;

  /**
   * @param maxHeapBytes the most the Java heap may grow to ({@code -Xmx})
   * @param availableRamBytes memory the machine can still give, in bytes (0 when unknown: then only
   *     the heap is checked)
   */
  public DecompositionBudget(long maxHeapBytes, long availableRamBytes) {
    this.maxHeapBytes = maxHeapBytes;
    this.availableRamBytes = availableRamBytes;
  }

  /** This process's limits: {@link Runtime#maxMemory()} and the machine's available memory. */
  public static DecompositionBudget ofThisProcess() {
    return new DecompositionBudget(Runtime.getRuntime().maxMemory(), availableRam());
  }

  /**
   * A decomposition's estimated memory.
   *
   * @param heapBytes Java heap, bytes
   * @param nativeBytes native (libtorch) memory, bytes
   */
  public record Estimate(long heapBytes, long nativeBytes) {
    public long totalBytes() {
      return heapBytes + nativeBytes;
    }
  }

  /**
   * @param frames frames of the clip
   * @param working the working frame size
   * @param batchPixels pixels sampled per training step
   */
  public static Estimate estimate(int frames, FrameSize working, int batchPixels) {
    long pixelFrames = (long) frames * working.width() * working.height();
    return new Estimate(
        pixelFrames * HEAP_BYTES_PER_PIXEL_FRAME,
        (NATIVE_BASE_MIB << 20) + (long) batchPixels * NATIVE_BYTES_PER_BATCH_PIXEL);
  }

  /**
   * Refuses, with one line naming {@code source}, the size and the numbers, a decomposition whose
   * estimate exceeds the share of the heap it may use or the machine's available memory.
   *
   * @throws InputException when it cannot fit
   */
  public void require(Path source, int frames, FrameSize working, int batchPixels) {
    Estimate e = estimate(frames, working, batchPixels);
    long usableHeap = (long) (maxHeapBytes * HEAP_SHARE);
    boolean heapShort = e.heapBytes() > usableHeap;
    boolean ramShort = availableRamBytes > 0 && e.totalBytes() > availableRamBytes;
    if (!heapShort && !ramShort) {
      return;
    }
    throw InputException.of(
        source,
        String.format(
            Locale.ROOT,
            "decomposing %d frames at %s needs about %.1f GiB of Java heap (frames, flow, masks,"
                + " maps) and %.1f GiB native (networks, batches), but %s; use a smaller --size"
                + " or fewer frames%s",
            frames,
            working,
            e.heapBytes() / GIB,
            e.nativeBytes() / GIB,
            heapShort
                ? String.format(Locale.ROOT, "Java may use %.1f GiB here", usableHeap / GIB)
                : String.format(
                    Locale.ROOT, "the machine has %.1f GiB available", availableRamBytes / GIB),
            heapShort ? ", or give Java more memory (STYLEATLAS_JAVA_OPTS=-Xmx...)" : ""));
  }

  /** MemAvailable of /proc/meminfo, else the free physical memory the JVM reports, else 0. */
  private static long availableRam() {
    Path meminfo = Path.of("/proc/meminfo");
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the JVM's figure
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getFreeMemorySize();
    }
    return 0;
  }
}
