package org.styleatlas.engine.stylize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.stylize.loss.LossValues;

/**
 * The JSON report of a stylization run: what was asked, how long each step took, and the loss terms
 * of every iteration.
 *
 * @param clip the clip's name
 * @param frames frame count
 * @param width working width
 * @param height working height
 * @param globalText T_Global
 * @param localText T_Local
 * @param styleImage the style image's path, or empty
 * @param clipModel the CLIP model used
 * @param config the full configuration, as text
 * @param cached whether the stylized atlas came from the cache
 * @param decomposeSeconds time to open or compute the decomposition
 * @param stylizeSeconds time spent fine-tuning (0 on a cache hit)
 * @param renderSeconds time spent rendering and writing frames
 * @param iterationsPerSecond fine-tuning speed
 * @param history the loss terms of every iteration
 */
public record StylizeReport(
    String clip,
    int frames,
    int width,
    int height,
    String globalText,
    String localText,
    String styleImage,
    String clipModel,
    String config,
    boolean cached,
    double decomposeSeconds,
    double stylizeSeconds,
    double renderSeconds,
    double iterationsPerSecond,
    List<LossValues> history) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the report atomically. */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, out -> JSON.writeValue(out, this));
  }
}
