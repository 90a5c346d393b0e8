package org.styleatlas.engine.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's grad mode off on the calling thread until closed, then restores it.
 *
 * <p>Grad mode is per thread: DJL turns it off only on the thread that loads the engine, and every
 * other thread (the host's trainer thread and render workers, for two) starts with it on. With it
 * on, the optimiser's in-place updates of leaf weights ({@code train.AdamOptimizer}) and a
 * checkpoint's restore fail ("a leaf Variable that requires grad is being used in an in-place
 * operation"), and arrays computed outside a gradient collector record graphs. Gradient collectors
 * switch it on while they are open and back off when they close.
 */
public final class GradModeOff implements AutoCloseable {
  private final boolean previous;

  public GradModeOff() {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
