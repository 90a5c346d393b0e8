package org.styleatlas.engine.jobs;

import java.util.List;

/**
 * A collected clip: its frames in order, by content hash, and the settings it was collected under.
 *
 * @param id SHA-256 of the ordered frame hashes (see docs/PROTOCOL.md)
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param decompose the collection settings (matte source, box)
 * @param frames the frame hashes, frame 0 first
 */
public record ClipRecord(
    String id, int width, int height, DecomposeSettings decompose, List<String> frames) {
  public ClipRecord {
    frames = List.copyOf(frames);
  }
}
