package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.styleatlas.engine.clipmodel.ClipPreprocessor;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;
import org.styleatlas.engine.stylize.view.Interval;
import org.styleatlas.engine.video.Frame;

/**
 * The targets of the CLIP losses, encoded once before training: every prefixed variant of the
 * global and local texts, and for a style image its whole-image embedding (global target) and the
 * embeddings of random crops of it (local targets). Each iteration picks one prefix per text (and
 * one crop); with both a text and an image the target is their normalised sum.
 */
public final class TargetEmbeddings {
  /** Random crops of the style image encoded as local targets. */
  public static final int STYLE_CROPS = 16;

  private final NDArray globalText;
  private final NDArray localText;
  private final NDArray imageGlobal;
  private final NDArray imageLocal;

  /** One iteration's targets, unit vectors {@code [d]}. */
  public record Targets(NDArray global, NDArray local) {}

  private TargetEmbeddings(
      NDArray globalText, NDArray localText, NDArray imageGlobal, NDArray imageLocal) {
    this.globalText = globalText;
    this.localText = localText;
    this.imageGlobal = imageGlobal;
    this.imageLocal = imageLocal;
  }

  /**
   * Encodes the targets.
   *
   * @param manager owns the embeddings for the whole run
   * @param localCrops scale range of the style image's local crops (the local views' own range)
   */
  public static TargetEmbeddings encode(
      NDManager manager,
      ImageTextEncoder encoder,
      StyleTarget target,
      PromptPrefixes prefixes,
      Interval localCrops,
      long seed) {
    NDArray g = null;
    NDArray l = null;
    if (target.hasText()) {
      g = encoder.encodeText(manager, prefixes.all(target.globalText()));
      l = encoder.encodeText(manager, prefixes.all(target.localText()));
    }
    NDArray ig = null;
    NDArray il = null;
    if (target.styleImage().isPresent()) {
      Frame img = target.styleImage().get().rgb();
      ig =
          encoder.encodeImages(
              ClipPreprocessor.prepare(toBatch(manager, List.of(img)), encoder.imageSize()));
      List<Frame> crops = new ArrayList<>();
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < STYLE_CROPS; i++) {
        crops.add(randomCrop(img, localCrops.sample(rnd), rnd));
      }
      il = encodeEach(manager, encoder, crops);
    }
    return new TargetEmbeddings(g, l, ig, il);
  }

  /** This iteration's targets, owned by {@code step} (closed with it). */
  public Targets pick(NDManager step, SplittableRandom rnd) {
    NDArray g = combine(row(globalText, rnd, step), row(imageGlobal, rnd, step));
    NDArray l = combine(row(localText, rnd, step), row(imageLocal, rnd, step));
    return new Targets(g, l);
  }

  /** One row of {@code table}; {@code get} would leave it in the table's long-lived manager. */
  private static NDArray row(NDArray table, SplittableRandom rnd, NDManager step) {
    if (table == null) {
      return null;
    }
    NDArray r = table.get(rnd.nextInt((int) table.getShape().get(0)));
    r.attach(step);
    return r;
  }

  private static NDArray combine(NDArray text, NDArray image) {
    if (text == null) {
      return image;
    }
    if (image == null) {
      return text;
    }
    NDArray sum = text.add(image);
    return sum.div(sum.norm());
  }

  /** Crops differ in size, so each is resized alone before one batched encode. */
  private static NDArray encodeEach(
      NDManager manager, ImageTextEncoder encoder, List<Frame> crops) {
    List<NDArray> prepared = new ArrayList<>();
    for (Frame c : crops) {
      prepared.add(ClipPreprocessor.prepare(toBatch(manager, List.of(c)), encoder.imageSize()));
    }
    return encoder.encodeImages(
        ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(prepared), 0));
  }

  /** Frames of one size as {@code [n, 3, h, w]} float32. */
  static NDArray toBatch(NDManager manager, List<Frame> frames) {
    Frame f0 = frames.get(0);
    float[] all = new float[frames.size() * f0.width() * f0.height() * 3];
    int off = 0;
    for (Frame f : frames) {
      float[] px = f.rgb().pixels();
      System.arraycopy(px, 0, all, off, px.length);
      off += px.length;
    }
    return manager
        .create(all, new Shape(frames.size(), f0.height(), f0.width(), 3))
        .transpose(0, 3, 1, 2);
  }

  private static Frame randomCrop(Frame img, double scale, SplittableRandom rnd) {
    double aspect = 0.8 + 0.4 * rnd.nextDouble();
    int w =
        (int)
            Math.max(
                2,
                Math.min(
                    img.width(),
                    Math.round(Math.sqrt(scale * img.width() * img.height() * aspect))));
    int h =
        (int)
            Math.max(
                2,
                Math.min(
                    img.height(),
                    Math.round(Math.sqrt(scale * img.width() * img.height() / aspect))));
    int x0 = rnd.nextInt(img.width() - w + 1);
    int y0 = rnd.nextInt(img.height() - h + 1);
    float[] out = new float[w * h * 3];
    for (int y = 0; y < h; y++) {
      System.arraycopy(img.pixels(), ((y0 + y) * img.width() + x0) * 3, out, y * w * 3, w * 3);
    }
    return new Frame(w, h, 3, out);
  }
}
