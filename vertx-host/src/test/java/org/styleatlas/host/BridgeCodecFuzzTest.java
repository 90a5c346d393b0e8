package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import org.styleatlas.host.bridge.BridgeCodec;
import org.styleatlas.host.bridge.ProtocolException;

/**
 * Jazzer fuzz test of the bridge codec (#19): any header either decodes to a request or is refused
 * with a {@link ProtocolException} that has a message; anything else (a runtime exception, a stack
 * overflow) is a crash. In the suite it runs its seeds ({@code BridgeCodecFuzzTestInputs/}, plus
 * any crash Jazzer saved there); {@code JAZZER_FUZZ=1} fuzzes it with coverage guidance for {@code
 * maxDuration} (docs/BENCHMARKS.md, "Fuzzing").
 */
class BridgeCodecFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decodesOrRefuses(byte[] header) {
    Buffer b = Buffer.buffer(header);
    try {
      assertNotNull(BridgeCodec.decode(b), "decoded to null");
    } catch (ProtocolException refused) {
      assertTrue(
          refused.getMessage() != null && !refused.getMessage().isBlank(), "a refusal says why");
    }
    BridgeCodec.idOf(b);
  }
}
