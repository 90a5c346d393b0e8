package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link HashGridEncoding} looks features up: one TorchScript call (default) or DJL ops. Chosen
 * once per process by {@code -Dstyleatlas.gridLookup=torchscript|djl}; TorchScript falls back to
 * DJL ops (with one WARN) when its resource cannot be loaded. Both compute the same function
 * (features ≤ 1e-5 apart, {@code TorchScriptGridLookupTest}), so the choice never changes
 * parameters or checkpoints.
 */
public enum GridLookup {
  /** {@link TorchScriptGridLookup}: one native call, 3–5× faster on CPU. */
  TORCHSCRIPT,
  /** {@link DjlGridLookup}: ~150 DJL ops per call. */
  DJL_OPS;

  /** The system property that picks the lookup. */
  public static final String PROPERTY = "styleatlas.gridLookup";

  private static final Logger LOG = LoggerFactory.getLogger(GridLookup.class);

  /** The process's lookup, resolved on first use. */
  public static GridLookup configured() {
    return Configured.VALUE;
  }

  /**
   * The lookup {@code value} of the property names, falling back to DJL ops when TorchScript is
   * unavailable.
   */
  static GridLookup resolve(String value) {
    String v = value == null ? "torchscript" : value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("djl")) {
      return DJL_OPS;
    }
    if (!v.equals("torchscript")) {
      LOG.warn("-D{}={} is neither 'torchscript' nor 'djl'; using torchscript", PROPERTY, value);
    }
    return TorchScriptGridLookup.shared().isPresent() ? TORCHSCRIPT : DJL_OPS;
  }

  /**
   * @param x {@code [N, D]} coordinates in [-1, 1]
   * @param table {@code [rows, F]} table laid out by {@code grid}
   * @return {@code [N, L·F]} features, owned by x's manager
   */
  NDArray lookup(NDArray x, NDArray table, GridLevels grid) {
    return this == TORCHSCRIPT
        ? TorchScriptGridLookup.shared()
            .orElseThrow(
                () ->
                    new IllegalStateException("the TorchScript hash-grid lookup is not available"))
            .lookup(x, table, grid)
        : DjlGridLookup.lookup(x, table, grid);
  }

  private static final class Configured {
    static final GridLookup VALUE = resolve(System.getProperty(PROPERTY));

    static {
      LOG.info("hash-grid lookup: {}", VALUE);
    }
  }
}
