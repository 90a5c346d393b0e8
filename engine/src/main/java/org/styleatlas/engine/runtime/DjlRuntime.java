package org.styleatlas.engine.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine offline. Every code path that touches DJL goes through {@link
 * #engine()}, so DJL never tries to download anything at run time, and a missing native library is
 * explained.
 */
public final class DjlRuntime {
  /** The system property that stops DJL from downloading natives or models. */
  public static final String OFFLINE_PROPERTY = "ai.djl.offline";

  private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
  private static final String ENGINE = "PyTorch";

  private DjlRuntime() {}

  /** Forces offline mode; call before any DJL class is used. Idempotent. */
  public static void forceOffline() {
    System.setProperty(OFFLINE_PROPERTY, "true");
  }

  /**
   * The PyTorch engine, started offline.
   *
   * @throws IllegalStateException with a fix-it message when the native library is missing
   */
  public static Engine engine() {
    forceOffline();
    try {
      Engine engine = Engine.getEngine(ENGINE);
      LOG.debug(
          "DJL {} engine {} ready, GPUs: {}", ENGINE, engine.getVersion(), engine.getGpuCount());
      return engine;
    } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
      throw new IllegalStateException(
          "The PyTorch native library could not be loaded offline ("
              + e.getMessage()
              + "). "
              + "It ships in the pytorch-native-cpu jar (or pytorch-native-cu124 for the cuda build) on the "
              + "class path; rebuild with 'mvn -DskipTests package', or run 'bin/styleatlas doctor'.",
          e);
    }
  }
}
