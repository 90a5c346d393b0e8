package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C drivers in src/test/c, built with AddressSanitizer and UBSan: a bounded fuzz run of the
 * shim's reply parsing, Engine address parsing and parameter JSON round trip, the socket owner
 * check (#19.2), and the pixel conversions against their per-sample reference (#22).
 *
 * <p>{@code -Dstyleatlas.fuzz.seconds=N} makes the fuzz run longer (benchmark mode,
 * docs/BENCHMARKS.md); the suite runs it for {@value #SUITE_SECONDS} s.
 */
class ShimDriversTest {
  private static final int SUITE_SECONDS = 3;
  private static final Path SOURCES = Path.of("src/test/c");
  private static final Path OUT = Path.of("target/c-test-drivers");
  private static final int SKIP = 77;

  /** Exit code and output of one driver run. */
  private record Run(int exit, String output) {}

  private static Run run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // Leak checks stay on: the drivers are whole programs (unlike the plug-in inside a JVM).
    pb.environment().put("ASAN_OPTIONS", "halt_on_error=1:abort_on_error=0:exitcode=86");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    assertTrue(done, command + " did not finish in " + timeoutSeconds + " s");
    return new Run(p.exitValue(), new String(out));
  }

  @BeforeAll
  static void build() throws Exception {
    Run make =
        run(List.of("make", "-s", "-C", SOURCES.toString(), "OUT=" + OUT.toAbsolutePath()), 120);
    assertEquals(0, make.exit(), "building the C test drivers failed:\n" + make.output());
  }

  @Test
  void fuzzedRepliesAddressesAndParametersNeverCrashTheShimsParsing() throws Exception {
    int seconds = Integer.getInteger("styleatlas.fuzz.seconds", SUITE_SECONDS);
    long seed = Long.getLong("styleatlas.fuzz.seed", System.nanoTime() & 0xffff);
    Run r =
        run(
            List.of(
                OUT.resolve("fuzz_parsing").toString(),
                Integer.toString(seconds),
                Long.toString(seed)),
            seconds + 60);
    assertEquals(0, r.exit(), "seed " + seed + ":\n" + r.output());
    assertTrue(r.output().contains("crashes 0"), r.output());
    System.out.println("C shim fuzz (seed " + seed + "): " + r.output().trim());
  }

  /**
   * The vectorised pixel conversions give the per-sample reference's bytes on random images of
   * every format, specials included: once sanitized, once built as the shim is (optimised,
   * vectorised).
   */
  @Test
  void pixelConversionsMatchTheirReferenceByteForByte() throws Exception {
    for (String driver : List.of("convert_check", "convert_bench")) {
      Run r = run(List.of(OUT.resolve(driver).toString()), 120);
      assertEquals(0, r.exit(), driver + ":\n" + r.output());
      assertTrue(r.output().contains("mismatches 0"), driver + ": " + r.output());
    }
  }

  @Test
  void anEngineSocketOfAnotherUserIsRefusedBeforeAnythingIsSent() throws Exception {
    Path shared = Files.createTempDirectory("sa-peer");
    try {
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
      Run r = run(List.of(OUT.resolve("peer_owner_check").toString(), shared.toString()), 60);
      Assumptions.assumeFalse(r.exit() == SKIP, r.output().trim());
      assertEquals(0, r.exit(), r.output());
      assertTrue(r.output().contains("nothing was sent"), r.output());
    } finally {
      try (var files = Files.walk(shared)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
