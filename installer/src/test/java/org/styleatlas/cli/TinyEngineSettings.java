package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.styleatlas.engine.pipeline.TinyPipeline;

/**
 * The tiny test pipeline's engine settings (by default {@link TinyPipeline#WIRING_ONLY}) as {@code
 * styleatlas.pipeline.*} system properties, for a test that runs the CLI (and a host) in this JVM
 * with the same settings; closing it clears them.
 */
final class TinyEngineSettings implements AutoCloseable {
  private final Properties properties;

  private TinyEngineSettings(Properties properties) {
    this.properties = properties;
  }

  /** Sets the properties (the CLIP fixture copied into {@code dir}). */
  static TinyEngineSettings apply(Path dir) throws IOException {
    return apply(dir, TinyPipeline.WIRING_ONLY);
  }

  /** Sets the properties with some overridden (keys without the prefix). */
  static TinyEngineSettings apply(Path dir, Map<String, String> overrides) throws IOException {
    Properties p = TinyPipeline.systemProperties(dir, overrides);
    p.stringPropertyNames().forEach(k -> System.setProperty(k, p.getProperty(k)));
    return new TinyEngineSettings(p);
  }

  /** One setting by its full property name. */
  String get(String key) {
    return properties.getProperty(key);
  }

  @Override
  public void close() {
    properties.stringPropertyNames().forEach(System::clearProperty);
  }
}
