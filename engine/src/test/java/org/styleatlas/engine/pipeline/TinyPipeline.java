package org.styleatlas.engine.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * The registered pipeline shrunk for tests on tiny clips (here and in the host and plug-in
 * modules): the committed TorchScript CLIP fixture, 20 + 100 fast-mode decomposition steps of 512
 * pixels, a 64-pixel atlas, clips kept at their size. 60 steps sometimes left α at 0 on the
 * generated clip.
 */
public final class TinyPipeline {
  /** The {@code styleatlas.pipeline.*} settings besides the CLIP model. */
  static final Map<String, String> DECOMPOSITION =
      Map.of(
          "decomposeIterations",
          "100",
          "decomposePretrain",
          "20",
          "decomposeBatch",
          "512",
          "atlasResolution",
          "64",
          "longEdge",
          "0");

  /**
   * Overrides for tests that check the wiring, not the decomposition's quality: 5 + 20 steps (α may
   * not have found the object yet).
   */
  public static final Map<String, String> WIRING_ONLY =
      Map.of("decomposeIterations", "20", "decomposePretrain", "5");

  private TinyPipeline() {}

  /** Copies the CLIP fixture into {@code dir} (the test-jar may be a jar); returns the file. */
  public static Path clipFixture(Path dir) throws IOException {
    Path file = dir.resolve("clip-fixture-openai.pt");
    if (!Files.exists(file)) {
      try (InputStream in =
          TinyPipeline.class.getResourceAsStream(
              "/org/styleatlas/engine/clipmodel/clip-fixture-openai.pt")) {
        Files.copy(in, file);
      }
    }
    return file;
  }

  /** The tiny settings, read as the host reads them (the CLIP fixture copied into {@code dir}). */
  static PipelineSettings settings(Path dir) throws IOException {
    return PipelineSettings.from(properties(dir), Map.of());
  }

  /**
   * {@link JobRunners#discover()} with the tiny settings in force (system properties, removed
   * afterwards).
   */
  public static JobRunners discover(Path dir) throws IOException {
    return discover(dir, Map.of());
  }

  /**
   * {@link #discover(Path)} with some settings overridden (keys without the {@code
   * styleatlas.pipeline.} prefix).
   */
  public static JobRunners discover(Path dir, Map<String, String> overrides) throws IOException {
    Properties p = properties(dir);
    overrides.forEach((k, v) -> p.setProperty(PipelineSettings.PROPERTY_PREFIX + k, v));
    p.stringPropertyNames().forEach(k -> System.setProperty(k, p.getProperty(k)));
    try {
      return JobRunners.discover();
    } finally {
      p.stringPropertyNames().forEach(System::clearProperty);
    }
  }

  /**
   * The tiny settings as {@code styleatlas.pipeline.*} system properties (the CLIP fixture copied
   * into {@code dir}), for a test that runs the CLI in-process with the host's settings; clear them
   * afterwards.
   */
  public static Properties systemProperties(Path dir, Map<String, String> overrides)
      throws IOException {
    Properties p = properties(dir);
    overrides.forEach((k, v) -> p.setProperty(PipelineSettings.PROPERTY_PREFIX + k, v));
    return p;
  }

  private static Properties properties(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty(PipelineSettings.PROPERTY_PREFIX + "clipModel", clipFixture(dir).toString());
    DECOMPOSITION.forEach((k, v) -> p.setProperty(PipelineSettings.PROPERTY_PREFIX + k, v));
    return p;
  }
}
