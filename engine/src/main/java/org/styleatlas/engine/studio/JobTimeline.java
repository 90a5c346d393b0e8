package org.styleatlas.engine.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobState;

/**
 * The progress events of the jobs this host ran, as they came: the live loss curve and the ETA of
 * the status page. It only records what the jobs report ({@code progress}, {@code stage}, the loss
 * in the {@code message}); it keeps about {@value #MAX_POINTS} points per job (thinning them when
 * there are more) and the {@value #MAX_JOBS} most recently updated jobs. Thread-safe.
 */
final class JobTimeline {
  static final int MAX_POINTS = 600;
  static final int MAX_JOBS = 200;

  /** An ETA needs the stage to have advanced this much since its first event of the run. */
  static final double MIN_ETA_PROGRESS = 0.02;

  /**
   * One event of a running job.
   *
   * @param ms when the job reported it, epoch milliseconds
   * @param run the job's start count ({@code runs}) at the time
   * @param stage the job's stage
   * @param progress 0 … 1 within the stage
   * @param loss the loss in the message, or NaN
   */
  record Point(long ms, int run, String stage, double progress, double loss) {}

  private final Map<String, List<Point>> points = new LinkedHashMap<>(16, 0.75f, true);

  /** Records a job event (only running jobs' events are points). */
  synchronized void record(Job job) {
    if (job.state() != JobState.RUNNING) {
      return;
    }
    List<Point> list = points.computeIfAbsent(job.id(), k -> new ArrayList<>());
    Point p =
        new Point(
            job.updatedMs(),
            job.runs(),
            job.stage(),
            job.progress(),
            LossText.parse(job.message()).orElse(Double.NaN));
    Point last = list.isEmpty() ? null : list.get(list.size() - 1);
    if (last != null
        && last.progress() == p.progress()
        && last.stage().equals(p.stage())
        && Double.compare(last.loss(), p.loss()) == 0) {
      return;
    }
    list.add(p);
    if (list.size() > MAX_POINTS) {
      halve(list);
    }
    if (points.size() > MAX_JOBS) {
      points.remove(points.keySet().iterator().next());
    }
  }

  /**
   * Drops every other point, keeping the curve's shape, the last point and the first point of every
   * stage of every run (where the ETA and the curve start).
   */
  private static void halve(List<Point> list) {
    List<Point> kept = new ArrayList<>(list.size() / 2 + 1);
    for (int i = 0; i < list.size(); i++) {
      Point p = list.get(i);
      Point before = i == 0 ? null : list.get(i - 1);
      boolean starts =
          before == null || before.run() != p.run() || !before.stage().equals(p.stage());
      if (starts || i % 2 == 0 || i == list.size() - 1) {
        kept.add(p);
      }
    }
    list.clear();
    list.addAll(kept);
  }

  /** The job with its ETA and last loss. */
  synchronized JobStatus status(Job job) {
    OptionalDouble loss = LossText.parse(job.message());
    return new JobStatus(
        job,
        job.state() == JobState.RUNNING ? eta(job) : null,
        loss.isPresent() ? loss.getAsDouble() : null);
  }

  /**
   * Seconds until the running job's current stage ends, from the stage's rate so far in this run:
   * (elapsed since the stage's first event) / (progress made) × (progress left). Null before the
   * stage advanced {@value #MIN_ETA_PROGRESS}.
   */
  private Double eta(Job job) {
    List<Point> list = points.get(job.id());
    if (list == null || list.isEmpty()) {
      return null;
    }
    Point first = null;
    for (int i = list.size() - 1; i >= 0; i--) {
      Point p = list.get(i);
      if (p.run() != job.runs() || !p.stage().equals(job.stage())) {
        break;
      }
      first = p;
    }
    if (first == null) {
      return null;
    }
    double done = job.progress() - first.progress();
    long elapsed = job.updatedMs() - first.ms();
    if (done < MIN_ETA_PROGRESS || elapsed <= 0) {
      return null;
    }
    return elapsed / 1000.0 / done * Math.max(0, 1 - job.progress());
  }

  /**
   * The live loss curve: the points with a loss of the last stage that reported one, in the job's
   * last run; x is the stage's progress.
   */
  synchronized LossCurve liveLosses(String jobId) {
    List<Point> list = points.getOrDefault(jobId, List.of());
    String stage = null;
    int run = 0;
    for (int i = list.size() - 1; i >= 0 && stage == null; i--) {
      if (!Double.isNaN(list.get(i).loss())) {
        stage = list.get(i).stage();
        run = list.get(i).run();
      }
    }
    List<LossPoint> curve = new ArrayList<>();
    for (Point p : list) {
      if (p.stage().equals(stage) && p.run() == run && !Double.isNaN(p.loss())) {
        curve.add(new LossPoint(p.progress(), p.loss()));
      }
    }
    return new LossCurve("live", stage == null ? "" : stage, curve);
  }
}
