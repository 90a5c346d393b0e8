package org.styleatlas.host.shm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The segments one request refers to, each mapped once; closing unmaps them all. */
public final class Segments implements AutoCloseable {
  private final Map<String, SharedSegment> open = new LinkedHashMap<>();

  /** The mapped segment of this name, mapping it on first use. */
  public SharedSegment get(String name) {
    SharedSegment s = open.get(name);
    if (s == null) {
      s = SharedSegment.open(name);
      open.put(name, s);
    }
    return s;
  }

  @Override
  public void close() {
    open.values().forEach(SharedSegment::close);
    open.clear();
  }
}
