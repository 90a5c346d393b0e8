package org.styleatlas.engine.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * A small real runner for testing the job machinery: counts to {@code steps}, one step per {@code
 * stepMillis}, checkpoints its counter after every step, honours stop requests, and writes the
 * final count as its result. Records where every run started and the order jobs finished.
 */
public final class CountingRunner implements JobRunner {
  public static final String COUNTER = "counter.txt";
  public static final String RESULT = "count.txt";

  private final int steps;
  private final long stepMillis;

  /** "jobId@startCount" for every run, in order. */
  public final List<String> starts = new CopyOnWriteArrayList<>();

  /** Job ids in the order they finished. */
  public final List<String> finished = new CopyOnWriteArrayList<>();

  public CountingRunner(int steps, long stepMillis) {
    this.steps = steps;
    this.stepMillis = stepMillis;
  }

  @Override
  public void run(JobContext ctx) throws Exception {
    Path counter = ctx.checkpointDir().resolve(COUNTER);
    int n = ctx.resumed() ? Integer.parseInt(Files.readString(counter).trim()) : 0;
    starts.add(ctx.jobId() + "@" + n);
    while (n < steps) {
      ctx.checkStop();
      Thread.sleep(stepMillis);
      n++;
      int done = n;
      AtomicFiles.write(
          counter, out -> out.write(Integer.toString(done).getBytes(StandardCharsets.UTF_8)));
      ctx.progress("counting", (double) n / steps, "step " + n + "/" + steps);
    }
    int total = n;
    ctx.cache()
        .getOrCreate(
            ctx.outputKey(),
            dir -> Files.writeString(dir.resolve(RESULT), Integer.toString(total)));
    finished.add(ctx.jobId());
  }

  /** The start count of the last run of {@code jobId}, or -1. */
  public int lastStart(String jobId) {
    int found = -1;
    for (String s : starts) {
      if (s.startsWith(jobId + "@")) {
        found = Integer.parseInt(s.substring(s.indexOf('@') + 1));
      }
    }
    return found;
  }
}
