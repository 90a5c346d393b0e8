package org.styleatlas.host.cluster;

import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;

/**
 * One host of a test farm, in its own JVM: what {@code styleatlas serve --cluster} runs, configured
 * by {@code -Dstyleatlas.*} and {@code -Dstyleatlas.pipeline.*} properties. Prints {@link #READY}
 * and the HTTP socket on standard output once it serves.
 */
public final class FarmNode {
  /** The line a started node prints (the test's only signal from the child besides its log). */
  public static final String READY = "FARM-NODE-READY";

  private FarmNode() {}

  public static void main(String[] args) throws InterruptedException {
    HostConfig cfg = ConfigLoader.fromProcess().load(null);
    EngineHost host = EngineHost.start(cfg, JobRunners.discover()).orElseThrow();
    Runtime.getRuntime().addShutdownHook(new Thread(host::close, "farm-node-shutdown"));
    System.out.println(READY + " " + cfg.httpSocket());
    System.out.flush();
    host.awaitClose();
  }
}
