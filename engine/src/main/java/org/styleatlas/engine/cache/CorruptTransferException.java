package org.styleatlas.engine.cache;

import java.io.IOException;

/**
 * An entry fetched from a peer does not match the checksums its holder recorded (or its manifest is
 * malformed): nothing of it is stored.
 */
public final class CorruptTransferException extends IOException {
  public CorruptTransferException(String message) {
    super(message);
  }
}
