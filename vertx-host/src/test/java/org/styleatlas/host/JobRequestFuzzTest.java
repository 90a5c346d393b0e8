package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.styleatlas.host.http.JobRequestParser;

/**
 * Jazzer fuzz test of the HTTP API's request parsing ({@code POST /v1/jobs}, #19): any body either
 * becomes a job spec or is refused with a message in the API's own words (never a Java class or
 * exception name); any other exception is a crash. Seeds: {@code JobRequestFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/BENCHMARKS.md, "Fuzzing").
 */
class JobRequestFuzzTest {
  /** What Java's and Jackson's own messages carry, and the API's never should. */
  private static final List<String> INTERNALS =
      List.of("java.", "Exception", "org.styleatlas", "com.fasterxml", "Cannot invoke", "\tat ");

  @FuzzTest(maxDuration = "60s")
  void parsesOrRefuses(byte[] body) {
    try {
      assertNotNull(JobRequestParser.parse(body), "parsed to null");
    } catch (JobRequestParser.BadRequest refused) {
      String m = refused.getMessage();
      assertTrue(m != null && !m.isBlank(), "a refusal says why");
      String input = new String(body, StandardCharsets.ISO_8859_1);
      for (String internal : INTERNALS) {
        // a message may quote the body's own values; only what the body does not hold is a leak
        assertFalse(m.contains(internal) && !input.contains(internal), "Java internals in: " + m);
      }
    }
  }
}
