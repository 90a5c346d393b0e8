package org.styleatlas.host;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.JobRunners;

/** Starts hosts on private folders under a test's temporary directory. */
public final class TestHost {
  /** The event-loop warning threshold of test hosts. */
  public static final long MAX_EVENT_LOOP_MS = 200;

  /**
   * Vert.x logs blocked-thread warnings under a logger named after its checker, below "io.vertx".
   */
  public static final String BLOCKED_CHECKER = "BlockedThreadChecker";

  public static final String NO_PARAMS = "{}";

  private TestHost() {}

  /**
   * A config through the real loader: system-property layer over the defaults, TCP on ephemeral
   * ports.
   */
  public static HostConfig config(Path dir, boolean tcp) {
    return config(dir, tcp, Map.of());
  }

  /**
   * As {@link #config(Path, boolean)}, with further keys (without the "styleatlas." prefix) set.
   */
  public static HostConfig config(Path dir, boolean tcp, Map<String, String> more) {
    Properties p = new Properties();
    more.forEach((k, v) -> p.setProperty("styleatlas." + k, v));
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    p.setProperty("styleatlas.tcp.enabled", Boolean.toString(tcp));
    p.setProperty("styleatlas.tcp.bridgePort", "0");
    p.setProperty("styleatlas.tcp.httpPort", "0");
    p.setProperty("styleatlas.tcp.tokenFile", dir.resolve("config/token").toString());
    p.setProperty("styleatlas.shutdown.waitSeconds", "10");
    return new ConfigLoader(Map.of(), p).load(null);
  }

  public static VertxOptions options() {
    return new VertxOptions()
        .setBlockedThreadCheckInterval(50)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  public static EngineHost start(HostConfig config, JobRunners runners) {
    return EngineHost.start(config, runners, options()).orElseThrow();
  }

  /** Captures Vert.x's blocked-thread warnings from now on. */
  public static ListAppender<ILoggingEvent> captureBlockedThreadWarnings() {
    ListAppender<ILoggingEvent> a = new ListAppender<>();
    a.addFilter(
        new Filter<ILoggingEvent>() {
          @Override
          public FilterReply decide(ILoggingEvent e) {
            return e.getLoggerName().endsWith(BLOCKED_CHECKER)
                ? FilterReply.NEUTRAL
                : FilterReply.DENY;
          }
        });
    a.start();
    ((Logger) LoggerFactory.getLogger("io.vertx")).addAppender(a);
    return a;
  }

  public static void stopCapturing(ListAppender<ILoggingEvent> a) {
    ((Logger) LoggerFactory.getLogger("io.vertx")).detachAppender(a);
    a.stop();
  }
}
