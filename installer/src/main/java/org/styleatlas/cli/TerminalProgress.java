package org.styleatlas.cli;

import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.styleatlas.engine.runtime.ProgressSink;

/** Progress of long work as a terminal progress bar on the error stream, one bar per task name. */
final class TerminalProgress implements ProgressSink, AutoCloseable {
  private static final int MIB = 1 << 20;

  private final PrintWriter err;
  private final UnaryOperator<ProgressBarBuilder> style;
  private String task;
  private ProgressBar bar;

  /** Steps (iterations, frames), with each update's detail shown beside the bar. */
  TerminalProgress(PrintWriter err) {
    this(err, ProgressBarBuilder::continuousUpdate);
  }

  private TerminalProgress(PrintWriter err, UnaryOperator<ProgressBarBuilder> style) {
    this.err = err;
    this.style = style;
  }

  /** Bytes, shown in MiB with the transfer speed (downloads, copies). */
  static TerminalProgress mebibytes(PrintWriter err) {
    return new TerminalProgress(err, b -> b.setUnit(" MiB", MIB).showSpeed());
  }

  @Override
  public synchronized void update(String name, long done, long total, String detail) {
    if (bar == null || !name.equals(task)) {
      close();
      task = name;
      bar =
          style
              .apply(new ProgressBarBuilder().setTaskName(name).setInitialMax(total))
              .setConsumer(
                  new DelegatingProgressBarConsumer(
                      line -> {
                        err.print('\r' + line);
                        err.flush();
                      }))
              .build();
    }
    bar.maxHint(total);
    bar.stepTo(done);
    bar.setExtraMessage(detail);
  }

  /**
   * Ends the current bar, if any, and prints {@code line} below it, so that no later redraw of the
   * bar covers or follows the message. A later {@link #update} starts a new bar.
   */
  synchronized void println(String line) {
    close();
    err.println(line);
    err.flush();
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      err.println();
      bar = null;
    }
  }
}
