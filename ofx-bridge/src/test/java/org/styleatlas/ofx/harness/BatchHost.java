package org.styleatlas.ofx.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.IntConsumer;

/**
 * A command-line batch host, as measured in docs/ARCHITECTURE.md: Filter context only, no temporal
 * access, load again, a fresh instance and its own Begin/EndSequenceRender around every single
 * frame, the last frame rendered {@link #EXTRA_LAST_RENDERS} extra times (those results discarded),
 * and a failed render written as the untouched source frame, the pass going on.
 */
public final class BatchHost {
  /** How often the measured host renders the last frame again after the pass. */
  public static final int EXTRA_LAST_RENDERS = 3;

  /**
   * One frame of a pass: the render's status, the image written, and the plug-in's Status param
   * after it.
   */
  public record Frame(double time, int status, HostImage written, String statusParam) {
    public boolean failed() {
      return status != Status.OK;
    }
  }

  /**
   * A whole pass: the frames written (extra renders excluded), every message posted on any instance
   * in order, and timings from the start of the pass.
   */
  public record Pass(
      List<Frame> frames, List<Effect.Message> messages, long millis, long firstFrameMillis) {
    public long failures() {
      return frames.stream().filter(Frame::failed).count();
    }

    public List<Effect.Message> messages(String type) {
      return messages.stream().filter(m -> m.type().equals(type)).toList();
    }
  }

  private final Session session;
  private final DoubleFunction<HostImage> source;
  private final Consumer<Effect> params;
  private Effect descriptor;

  /**
   * @param params sets the parameters on each fresh instance, as the host does from its command
   *     line
   */
  public BatchHost(Session session, DoubleFunction<HostImage> source, Consumer<Effect> params) {
    this.session = session;
    this.source = source;
    this.params = params;
  }

  /** Renders frames 0 … frames−1, then the last frame again {@link #EXTRA_LAST_RENDERS} times. */
  public Pass pass(int frames) {
    return pass(frames, t -> {});
  }

  /** As {@link #pass(int)}, calling {@code beforeRender} with the index of each render first. */
  public Pass pass(int frames, IntConsumer beforeRender) {
    List<Frame> written = new ArrayList<>();
    List<Effect.Message> messages = new ArrayList<>();
    long start = System.nanoTime();
    long first = -1;
    for (int t = 0; t < frames + EXTRA_LAST_RENDERS; t++) {
      beforeRender.accept(t);
      double time = Math.min(t, frames - 1);
      Frame f = renderAlone(time, messages);
      if (t < frames) {
        written.add(f);
      }
      if (first < 0) {
        first = (System.nanoTime() - start) / 1_000_000;
      }
    }
    return new Pass(written, messages, (System.nanoTime() - start) / 1_000_000, first);
  }

  /** The Filter context's descriptor, described once (per host process, as hosts do). */
  private synchronized Effect descriptor() {
    if (descriptor == null) {
      descriptor = session.describeInContext(session.describe(), Session.FILTER);
    }
    return descriptor;
  }

  /**
   * One frame the way the measured host renders it: load, fresh instance, sequence of one frame.
   */
  public Frame renderAlone(double time, List<Effect.Message> messages) {
    Host.current().temporalAccess(false);
    session.load();
    Effect instance = session.createInstance(descriptor(), Session.FILTER, source, null);
    try {
      params.accept(instance);
      session.sequence(instance, true, time, time);
      Session.Render r = session.render(instance, time);
      session.sequence(instance, false, time, time);
      HostImage out = r.status() == Status.OK ? r.output() : source.apply(time);
      return new Frame(time, r.status(), out, (String) instance.param("status"));
    } finally {
      messages.addAll(instance.messages());
      session.destroyInstance(instance);
    }
  }
}
