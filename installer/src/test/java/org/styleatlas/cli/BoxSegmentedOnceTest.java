package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code stylize --box} segments the object from the box only while the clip's decomposition is
 * still to be trained: a second stylization of the same clip and box (another prompt) opens the
 * cached decomposition and does not segment again (seconds per clip at the working size).
 */
class BoxSegmentedOnceTest {
  /** The logger whose INFO line marks each box segmentation. */
  private static final String SEGMENTATION_LOG = "org.styleatlas.engine.pipeline.MatteResolver";

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private TinyEngineSettings engineSettings;
  private Level level;

  @BeforeEach
  void setUp() throws IOException {
    engineSettings = TinyEngineSettings.apply(dir);
    GeneratedClipFiles.write(dir.resolve("clip"), 32, 24, 4);
    Logger logger = (Logger) LoggerFactory.getLogger(SEGMENTATION_LOG);
    level = logger.getLevel();
    logger.setLevel(Level.INFO);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    Logger logger = (Logger) LoggerFactory.getLogger(SEGMENTATION_LOG);
    logger.detachAppender(log);
    logger.setLevel(level);
    engineSettings.close();
  }

  @Test
  void aSecondStylizationOfTheSameBoxDoesNotSegmentAgain() {
    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "gold")), cli.err());
    assertEquals(1, segmentations(), "the first run segments the box");

    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of ice", "ice")), cli.err());
    assertEquals(1, segmentations(), "the second run found the decomposition: no new segmentation");
  }

  private long segmentations() {
    return log.list.stream().filter(e -> e.getFormattedMessage().contains("box matte (")).count();
  }

  private String[] stylize(String prompt, String out) {
    return new String[] {
      "stylize",
      dir.resolve("clip").resolve("frames").toString(),
      "--box",
      "0.1,0.1,0.9,0.9",
      "--prompt",
      prompt,
      "--clip-model",
      engineSettings.get("styleatlas.pipeline.clipModel"),
      "--preset",
      "draft",
      "--iterations",
      "3",
      "--cache",
      dir.resolve("cache").toString(),
      "--out",
      dir.resolve(out).toString()
    };
  }
}
