package org.styleatlas.cli;

import org.styleatlas.engine.InputException;

/** Torch's CPU thread count, set from a command's {@code --threads} before the engine starts. */
final class TorchThreads {
  private TorchThreads() {}

  /** Sets {@code n} intra-op threads and one inter-op thread; n below 1 is an input error. */
  static void set(int n) {
    if (n < 1) {
      throw new InputException("--threads: must be at least 1, got " + n);
    }
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
