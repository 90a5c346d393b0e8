package org.styleatlas.engine.video;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link FrameStream} whose frames are produced on a background thread, at most {@code window}
 * frames ahead of the consumer: producing (e.g. rendering) and consuming (e.g. encoding) overlap,
 * and at most {@code window + 2} frames are alive at once (the window, the one being produced and
 * the one being consumed), whatever the clip's length. Order is kept; a failure on either side
 * stops both and is thrown by {@link #forEach} on the consumer's thread.
 */
public final class ReadAheadStream implements FrameStream {
  /** Marks the end of the frames in the queue (compared by identity). */
  private static final Frame END = Frame.blank(1, 1, 3);

  private final FrameStream source;
  private final int window;

  /**
   * @param source produces the frames; runs on a thread of its own
   * @param window frames the producer may run ahead of the consumer, ≥ 1
   */
  public ReadAheadStream(FrameStream source, int window) {
    if (window < 1) {
      throw new IllegalArgumentException(
          "read-ahead window must be at least 1 frame, got " + window);
    }
    this.source = source;
    this.window = window;
  }

  @Override
  public void forEach(Sink sink) throws IOException {
    Handoff handoff = new Handoff(window);
    Thread producer = new Thread(() -> handoff.produce(source), "styleatlas-read-ahead");
    producer.setDaemon(true);
    producer.start();
    try {
      for (Frame f = handoff.queue.take(); f != END; f = handoff.queue.take()) {
        sink.accept(f);
      }
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the next frame");
    } finally {
      handoff.stop(producer);
    }
    rethrow(handoff.failure.get());
  }

  /** The queue between one producer and one consumer, for one pass. */
  private static final class Handoff {
    private final BlockingQueue<Frame> queue;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    Handoff(int window) {
      this.queue = new ArrayBlockingQueue<>(window);
    }

    /** On the producer's thread: every frame of {@code source}, then {@link #END}. */
    void produce(FrameStream source) {
      try {
        source.forEach(this::put);
      } catch (Throwable e) { // handed to the consumer's thread
        failure.set(e);
      }
      try {
        queue.put(END);
      } catch (InterruptedException e) {
        // the consumer stopped first and reads no more
      }
    }

    private void put(Frame f) throws InterruptedIOException {
      try {
        if (cancelled) {
          throw new InterruptedException();
        }
        queue.put(f);
      } catch (InterruptedException e) {
        throw new InterruptedIOException("the frame consumer stopped");
      }
    }

    /**
     * Ends a producer still running (the consumer failed or was interrupted): cancels it,
     * interrupts it and empties the queue until it has ended, so it cannot stay blocked on a full
     * queue.
     */
    void stop(Thread producer) {
      if (!producer.isAlive()) {
        return;
      }
      cancelled = true;
      producer.interrupt();
      boolean interrupted = false;
      while (producer.isAlive()) {
        queue.clear();
        try {
          producer.join(50);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IOException("producing frames failed: " + t, t);
  }
}
