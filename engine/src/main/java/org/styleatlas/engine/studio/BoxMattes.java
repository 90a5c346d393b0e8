package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.flow.matte.BoxSeed;
import org.styleatlas.engine.flow.matte.ObjectSegmenter;
import org.styleatlas.engine.flow.matte.Segmenters;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.FrameResizer;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.Matte;

/**
 * {@link Studio#matteClip}: reads a clip at the working size (never enlarged), segments the object
 * from the box on its frame, and writes each frame's matte at the source's size as an 8-bit PNG.
 */
final class BoxMattes {
  private BoxMattes() {}

  static MatteSummary write(MatteRequest r, int defaultLongEdge, ProgressSink progress)
      throws IOException {
    FrameSize full = WorkingSize.sourceSize(r.source());
    Clip clip =
        ClipReader.read(
            new WorkingSize(r.longEdge().orElse(defaultLongEdge), false)
                .request(r.source(), Optional.empty(), full));
    List<Double> n = r.box().normalisedOn(full.width(), full.height());
    BoxSeed seed =
        BoxSeed.normalised(
                n.get(0),
                n.get(1),
                n.get(2),
                n.get(3),
                clip.width(),
                clip.height(),
                r.box().frame())
            .checkedAgainst(clip.width(), clip.height(), clip.frameCount());
    ObjectSegmenter segmenter = Segmenters.installed();
    long t0 = System.nanoTime();
    List<Matte> mattes = segmenter.segment(clip, seed, progress);
    double ms = (System.nanoTime() - t0) / 1e6 / clip.frameCount();
    Files.createDirectories(r.out());
    for (int t = 0; t < mattes.size(); t++) {
      Matte m = mattes.get(t);
      Matte out = m.width() == full.width() ? m : FrameResizer.resize(m, full);
      ClipWriter.writeMattePng(out, r.out().resolve(String.format("%05d.png", t)));
    }
    return new MatteSummary(
        r.out(), mattes.size(), full.width(), full.height(), segmenter.name(), ms);
  }
}
