package org.styleatlas.engine.decomposition.config;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where to train: the first GPU when there is one (AUTO), or forced. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** The device for {@code engine}; GPU fails plainly when the engine sees none. */
  public Device resolve(Engine engine) {
    int gpus = engine.getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "a GPU was requested but the engine sees none (CPU build or no driver)");
        }
        yield Device.gpu();
      }
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }
}
