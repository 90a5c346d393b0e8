package org.styleatlas.engine.jobs;

/** Told about every change of every job. Called on the thread that changed it; must be quick. */
@FunctionalInterface
public interface JobListener {
  void changed(Job job);
}
