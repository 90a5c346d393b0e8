package org.styleatlas.engine.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * What {@code styleatlas doctor}'s render round trip sends to an engine and how that engine is set
 * up: a tiny generated clip (the object keyed in the alpha channel) and a pipeline shrunk to a few
 * seconds of CPU (a short fast-mode decomposition, the clip kept at its size), so the whole path
 * (collect, decompose, preview, stylize, render) runs without judging the look.
 */
public final class SelfTest {
  /** Width of the self-test frames, pixels. */
  public static final int WIDTH = 32;

  /** Height of the self-test frames, pixels. */
  public static final int HEIGHT = 24;

  /** Frames in the self-test clip. */
  public static final int FRAMES = 4;

  /** The prompt the self test stylizes towards. */
  public static final String PROMPT = "a swan made of gold";

  /** Fine-tuning iterations of the self test's stylization (draft preset). */
  public static final int ITERATIONS = 3;

  private SelfTest() {}

  /**
   * The self-test clip: frame t as straight float32 RGBA, {@code [HEIGHT·WIDTH·4]}, top row first,
   * sRGB-encoded colours in [0, 1] with the object's exact matte as alpha.
   */
  public static List<float[]> frames() {
    SyntheticClip s =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(WIDTH, HEIGHT, FRAMES));
    List<float[]> out = new ArrayList<>(FRAMES);
    for (int t = 0; t < FRAMES; t++) {
      float[] rgb = s.clip().frame(t).rgb().pixels();
      float[] matte = s.clip().matte(t).values();
      float[] px = new float[matte.length * 4];
      for (int p = 0; p < matte.length; p++) {
        System.arraycopy(rgb, p * 3, px, p * 4, 3);
        px[p * 4 + 3] = matte[p];
      }
      out.add(px);
    }
    return out;
  }

  /**
   * The CLIP model for the round trip: the default model when it is installed in the model store
   * ({@code $STYLEATLAS_MODELS_DIR}), else {@code fixture} (the random-weight test model a
   * distribution ships for this check), else empty.
   */
  public static Optional<Path> clipModel(Optional<Path> fixture) {
    Path installed = ModelStore.fromEnvironment().fileOf(ModelLibrary.DEFAULT_MODEL);
    if (Files.isRegularFile(installed)) {
      return Optional.of(installed);
    }
    return fixture.filter(Files::isRegularFile);
  }

  /**
   * The environment variables ({@code STYLEATLAS_PIPELINE_*}) that shrink an engine's pipeline for
   * the self test: 5 + 20 decomposition steps of 512 pixels, a 64-pixel atlas, clips kept at their
   * size, and {@code clipModel}.
   */
  public static Map<String, String> pipelineEnvironment(Path clipModel) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STYLEATLAS_PIPELINE_CLIP_MODEL", clipModel.toString());
    env.put("STYLEATLAS_PIPELINE_DECOMPOSE_ITERATIONS", "20");
    env.put("STYLEATLAS_PIPELINE_DECOMPOSE_PRETRAIN", "5");
    env.put("STYLEATLAS_PIPELINE_DECOMPOSE_BATCH", "512");
    env.put("STYLEATLAS_PIPELINE_ATLAS_RESOLUTION", "64");
    env.put("STYLEATLAS_PIPELINE_LONG_EDGE", "0");
    return env;
  }
}
