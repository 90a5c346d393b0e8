package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Matte;

/** The box matte on a generated clip whose true mattes are exact. */
class GrabCutTrackerTest {
  private static final SyntheticClip CLIP =
      SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(160, 90, 10));

  private static List<Matte> truth() {
    return CLIP.clip().mattes().orElseThrow();
  }

  private static Clip frames() {
    Clip c = CLIP.clip();
    return Clip.of(c.name(), c.fps(), c.frames());
  }

  @Test
  void theBoxOnTheFirstFrameGivesTheObjectOnEveryFrame() {
    BoxSeed seed = MatteScores.boxOf(truth().get(0), 0, 2);
    List<Matte> mattes =
        new GrabCutTracker(TrackerConfig.defaults()).segment(frames(), seed, ProgressSink.NONE);
    assertEquals(10, mattes.size());
    double first = MatteScores.iou(mattes.get(0), truth().get(0));
    double mean = MatteScores.meanIou(mattes, truth());
    assertTrue(first > 0.85, "IoU on the box's frame " + first);
    assertTrue(mean > 0.8, "mean IoU " + mean);
  }

  @Test
  void aBoxOnALaterFrameIsTrackedBackwardsToo() {
    BoxSeed seed = MatteScores.boxOf(truth().get(6), 6, 2);
    List<Matte> mattes =
        new GrabCutTracker(TrackerConfig.defaults()).segment(frames(), seed, ProgressSink.NONE);
    double mean = MatteScores.meanIou(mattes, truth());
    assertTrue(MatteScores.iou(mattes.get(0), truth().get(0)) > 0.75, "frame 0 from frame 6");
    assertTrue(mean > 0.8, "mean IoU " + mean);
  }

  @Test
  void theMatteFollowsTheObjectOutOfItsFirstBox() {
    BoxSeed seed = MatteScores.boxOf(truth().get(0), 0, 0);
    List<Matte> mattes =
        new GrabCutTracker(TrackerConfig.defaults()).segment(frames(), seed, ProgressSink.NONE);
    PixelBox last = Mask.of(mattes.get(9)).bounds().orElseThrow();
    PixelBox lastTruth = Mask.of(truth().get(9)).bounds().orElseThrow();
    PixelBox firstTruth = Mask.of(truth().get(0)).bounds().orElseThrow();
    assertTrue(
        Math.abs(firstTruth.x0() - lastTruth.x0()) > 4, "the generated object moves: test premise");
    assertTrue(
        Math.abs(last.x0() - lastTruth.x0()) <= 3,
        "box " + last + " follows the object to " + lastTruth);
  }

  @Test
  void aBoxOutsideTheClipIsAnInputError() {
    BoxSeed outside = new BoxSeed(100, 10, 200, 50, 0);
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                new GrabCutTracker(TrackerConfig.defaults())
                    .segment(frames(), outside, ProgressSink.NONE));
    assertTrue(e.getMessage().contains("160x90"), e.getMessage());
    assertThrows(InputException.class, () -> new BoxSeed(5, 5, 5, 9, 0));
  }
}
