package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.host.EngineHost;

/**
 * A clip on files has one identity for the CLI and the host's jobs on files (the id of its frames'
 * hashes): a folder the CLI prepared is found by a decompose job on the same files, submitted to
 * the real host's executor as the HTTP API submits it, without decomposing again; and a folder a
 * job decomposed is found by the CLI. Both sides run with the same engine settings (the tiny test
 * pipeline).
 */
class CliAndFileJobsShareClipsTest {
  private static final int W = 32;
  private static final int H = 24;
  private static final int FRAMES = 4;
  private static final long WAIT_MILLIS = 300_000;

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();
  private TinyEngineSettings engineSettings;

  @BeforeEach
  void engineSettings() throws IOException {
    engineSettings = TinyEngineSettings.apply(dir);
    GeneratedClipFiles.write(dir.resolve("clip"), W, H, FRAMES);
  }

  @AfterEach
  void clearEngineSettings() {
    engineSettings.close();
  }

  @Test
  void aFolderTheCliPreparedIsFoundByAJobOnTheSameFiles() throws Exception {
    assertEquals(ExitCodes.OK, cli.run(renderOnCli()), cli.err());
    try (EngineHost host =
        EngineHost.start(TestHost.config(dir), JobRunners.discover()).orElseThrow()) {
      Job job = host.jobs().submit(decomposeFiles());
      assertEquals(JobState.SUCCEEDED, job.state(), "found in the cache, not queued: " + job);
      assertEquals("already in the cache", job.message(), job.toString());
    }
    assertEquals(1, TestHost.entries(dir, "decomposition"), "one decomposition entry, shared");
  }

  @Test
  void aFolderAJobDecomposedIsFoundByTheCli() throws Exception {
    try (EngineHost host =
        EngineHost.start(TestHost.config(dir), JobRunners.discover()).orElseThrow()) {
      Job job = host.jobs().submit(decomposeFiles());
      long end = System.currentTimeMillis() + WAIT_MILLIS;
      while (!job.state().terminal() && System.currentTimeMillis() < end) {
        Thread.sleep(200);
        job = host.jobs().get(job.id()).orElseThrow();
      }
      assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
    }
    assertEquals(ExitCodes.OK, cli.run(renderOnCli()), cli.err());
    assertEquals(
        1,
        TestHost.entries(dir, "decomposition"),
        "the CLI found the job's decomposition (no second entry)");
  }

  /** {@code styleatlas render} of the folder (prepares it: recognise, decompose when missing). */
  private String[] renderOnCli() {
    Path clip = dir.resolve("clip");
    return new String[] {
      "render",
      clip.resolve("frames").toString(),
      "--matte",
      clip.resolve("masks").toString(),
      "--cache",
      dir.resolve("cache").toString(),
      "--out",
      dir.resolve("out").toString()
    };
  }

  /** What {@code POST /jobs} with {@code source} and {@code matte} folders submits. */
  private JobSpec decomposeFiles() {
    Path clip = dir.resolve("clip");
    return new JobSpec(
        JobKind.DECOMPOSE,
        null,
        null,
        clip.resolve("frames").toString(),
        clip.resolve("masks").toString(),
        null,
        null);
  }
}
