package org.styleatlas.host.shm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The segments one request refers to, each leased once from the host's {@link MappedSegments};
 * closing gives them all back (the request is done with them: before its reply is sent).
 */
public final class Segments implements AutoCloseable {
  private final MappedSegments mapped;
  private final Map<String, MappedSegments.Lease> open = new LinkedHashMap<>();

  public Segments(MappedSegments mapped) {
    this.mapped = mapped;
  }

  /** The mapped segment of this name, leased on first use. */
  public SharedSegment get(String name) {
    MappedSegments.Lease s = open.get(name);
    if (s == null) {
      s = mapped.acquire(name);
      open.put(name, s);
    }
    return s.segment();
  }

  @Override
  public void close() {
    open.values().forEach(MappedSegments.Lease::close);
    open.clear();
  }
}
