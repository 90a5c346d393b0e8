package org.styleatlas.engine.decomposition.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;

class LeverTest {
  @Test
  void variantsSwitchExactlyTheirLevers() {
    DecompositionConfig none = Lever.variant("none");
    assertEquals(Lever.BOOTSTRAP_UNTIL_BEFORE, none.losses().alphaBootstrapUntil());
    assertEquals(PixelSampling.uniform(), none.sampling());

    DecompositionConfig matte = Lever.variant("matte");
    assertEquals(Integer.MAX_VALUE, matte.losses().alphaBootstrapUntil());
    assertEquals(PixelSampling.uniform(), matte.sampling());

    DecompositionConfig both = Lever.variant(" Sampling+matte ");
    assertEquals(Integer.MAX_VALUE, both.losses().alphaBootstrapUntil());
    assertEquals(PixelSampling.errorWeighted(), both.sampling());
    assertEquals(none.losses().globalRigidityUntil(), both.losses().globalRigidityUntil());

    assertEquals(DecompositionConfig.fast(), Lever.variant("preset"));
    assertEquals(
        DecompositionConfig.fast(),
        Lever.variant("encoding+sampling+background"),
        "the levers the preset keeps");
    assertNotEquals(none.fingerprint(), both.fingerprint());
    assertThrows(InputException.class, () -> Lever.variant("matte+ghosts"));
  }

  @Test
  void theBatchFollowsTheDevice() {
    DecompositionConfig fast = DecompositionConfig.fast();
    assertSame(fast, fast.forDevice(Device.cpu()));
    DecompositionConfig gpu = fast.forDevice(Device.gpu());
    assertEquals(
        fast.schedule().batchPixels() * DecompositionConfig.GPU_BATCH_FACTOR,
        gpu.schedule().batchPixels());
    assertEquals(fast.schedule().iterations(), gpu.schedule().iterations());
    assertNotEquals(
        fast.fingerprint(), gpu.fingerprint(), "a GPU result must not be taken for a CPU one");
  }
}
