package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.styleatlas.host.http.JobRequestParser;

/**
 * Jazzer fuzz test of the HTTP API's request parsing ({@code POST /v1/jobs}, #19): any body either
 * becomes a job spec or is refused with a message in the API's own words (never a Java class or
 * exception name); any other exception is a crash. Seeds: {@code JobRequestFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/BENCHMARKS.md, "Fuzzing").
 */
class JobRequestFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parsesOrRefuses(byte[] body) {
    try {
      assertNotNull(JobRequestParser.parse(body), "parsed to null");
    } catch (JobRequestParser.BadRequest refused) {
      String m = refused.getMessage();
      assertTrue(m != null && !m.isBlank(), "a refusal says why");
      assertFalse(
          m.contains("java.") || m.contains("Exception") || m.contains("org.styleatlas"),
          "Java internals in: " + m);
    }
  }
}
