package org.styleatlas.cli;

import java.util.Locale;
import org.styleatlas.engine.decomposition.ClipQuality;
import org.styleatlas.engine.decomposition.DecompositionReport;

/** One line of {@code bench decompose}'s per-run summary: the clip's quality, steps and times. */
final class SummaryRow {
  static final String HEADER = String.format(Locale.ROOT, "%-16s %-22s %7s %13s %7s %7s %7s %7s %7s %8s %8s",
      "clip", "variant", "mean_dB", "worst_dB(fr)", "in_dB", "worstIn", "out_dB", "IoUmean", "IoUmin", "steps",
      "wall_s");

  private SummaryRow() {}

  /**
   * @param wallSeconds the run's elapsed time, flow, training and evaluation included
   */
  static String of(String clip, String variant, DecompositionReport r, double wallSeconds) {
    ClipQuality q = r.quality();
    return String.format(Locale.ROOT, "%-16s %-22s %7.2f %8.2f(%3d) %7s %7s %7s %7s %7s %8d %8.1f", clip, variant,
        q.meanPsnr(), q.worstPsnr(), q.worstFrame(), f2(q.meanPsnrInside()), f2(q.worstPsnrInside()),
        f2(q.meanPsnrOutside()), f3(q.meanAlphaIou()), f3(q.minAlphaIou()), r.iterations(), wallSeconds);
  }

  private static String f2(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
