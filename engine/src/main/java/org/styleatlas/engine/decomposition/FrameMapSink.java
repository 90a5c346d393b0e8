package org.styleatlas.engine.decomposition;

import java.io.IOException;

/** Receives a decomposition's maps one frame at a time, in frame order, as they are evaluated. */
@FunctionalInterface
public interface FrameMapSink {

  /** Takes one frame's maps; the arrays are the sink's from now on. */
  void accept(FrameMaps maps) throws IOException;
}
