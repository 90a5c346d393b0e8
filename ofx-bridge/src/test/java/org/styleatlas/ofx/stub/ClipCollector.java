package org.styleatlas.ofx.stub;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's clip recognition, reduced to what the harness needs: frames collected by time,
 * complete when clipLength frames are in or when rendering restarts at time 0 after a contiguous
 * run; then any frame whose content belongs to the clip is answered stylized.
 */
final class ClipCollector {
  private final Map<Double, Integer> frames = new TreeMap<>();
  private boolean complete;

  /** Contributes a frame; returns whether the clip it belongs to is complete. */
  synchronized boolean contribute(double time, int clipLength, float[] pixels) {
    int hash = Arrays.hashCode(pixels);
    if (complete) return frames.containsValue(hash);
    if (time == 0 && contiguousRun() >= 2) {
      complete = true;
      return frames.containsValue(hash);
    }
    frames.put(time, hash);
    complete = clipLength > 0 && frames.size() >= clipLength;
    return complete;
  }

  synchronized int collected() {
    return frames.size();
  }

  private int contiguousRun() {
    int n = 0;
    while (frames.containsKey((double) n)) n++;
    return n == frames.size() ? n : 0;
  }
}
