package org.styleatlas.engine.decomposition.config;

/** How the networks start, in the pre-training phase before the main one. */
public enum Initialisation {
  /** NLA: both mappings pre-trained to the scaled identity uvScale·(x, y); α starts untrained. */
  IDENTITY,
  /**
   * Each mapping pre-trained to uvScale·A_t(x, y), where A_t is its layer's per-frame affine motion
   * to the middle frame, fitted to the optical flow on the matte's object (foreground) and outside
   * it (background); α pre-trained on the matte (binary cross-entropy). The atlases then start from
   * mappings that already follow the object and the camera. Without a matte this is {@link
   * #IDENTITY}.
   */
  MOTION
}
