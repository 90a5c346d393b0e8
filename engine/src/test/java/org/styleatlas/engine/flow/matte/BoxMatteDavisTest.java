package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.testing.SharedData;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Matte;

/**
 * The box matte against DAVIS's ground-truth masks, on every clip in the shared data folder (the
 * same settings for all): the user's box is the first mask's bounding box grown by 2 px (by each
 * padding of {@value #PADS_PROPERTY}, e.g. {@code 0,2,8}, when set), the segmentation runs at 384
 * px, and each clip's mean IoU must reach {@link #IOU_FLOOR}. The numbers are in docs/BENCHMARKS.md
 * ("Box matte").
 */
public class BoxMatteDavisTest {
  private static final Logger LOG = LoggerFactory.getLogger(BoxMatteDavisTest.class);

  /**
   * Below the lowest clip's measured mean IoU with margin (car-roundabout: 0.85–0.86 with the box
   * padded by 0–8 px; blackswan 0.90–0.91): the aim of 0.8 on every clip.
   */
  public static final double IOU_FLOOR = 0.80;

  static final int LONG_EDGE = 384;
  static final String PADS_PROPERTY = "styleatlas.boxmatte.pads";

  @Test
  void everyDavisClipReachesTheFloor() throws IOException {
    List<String> clips = clips(SharedData.root());
    Assumptions.assumeFalse(clips.isEmpty(), "no DAVIS clip with frames and masks in shared data");
    List<String> below = new ArrayList<>();
    for (String pad : System.getProperty(PADS_PROPERTY, "2").split(",")) {
      for (String name : clips) {
        double iou = measure(name, Integer.parseInt(pad.trim()));
        if (iou < IOU_FLOOR) {
          below.add(name + " (box padded by " + pad + " px) " + String.format("%.3f", iou));
        }
      }
    }
    assertTrue(below.isEmpty(), "mean IoU below " + IOU_FLOOR + ": " + below);
  }

  /** Runs the box matte on one clip and logs its mean IoU and time per frame. */
  static double measure(String name, int pad) {
    Clip clip =
        ClipReader.read(
            new ClipRequest(
                SharedData.frames(name), Optional.of(SharedData.masks(name)), LONG_EDGE));
    List<Matte> truth = clip.mattes().orElseThrow();
    BoxSeed seed = MatteScores.boxOf(truth.get(0), 0, pad);
    long t0 = System.nanoTime();
    List<Matte> mattes =
        Segmenters.choose(Optional.empty())
            .segment(Clip.of(name, clip.fps(), clip.frames()), seed, ProgressSink.NONE);
    double msPerFrame = (System.nanoTime() - t0) / 1e6 / clip.frameCount();
    double worst = 1;
    for (int t = 0; t < truth.size(); t++) {
      worst = Math.min(worst, MatteScores.iou(mattes.get(t), truth.get(t)));
    }
    double mean = MatteScores.meanIou(mattes, truth);
    LOG.info(
        "box matte {} ({} frames at {}x{}, box {}): mean IoU {}, worst frame {}, {} ms/frame",
        name,
        clip.frameCount(),
        clip.width(),
        clip.height(),
        seed,
        String.format("%.3f", mean),
        String.format("%.3f", worst),
        String.format("%.0f", msPerFrame));
    return mean;
  }

  /** The clips of the shared data folder that have frames and masks. */
  static List<String> clips(Path root) throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("frames")))
          .filter(d -> Files.isDirectory(d.resolve("masks")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
