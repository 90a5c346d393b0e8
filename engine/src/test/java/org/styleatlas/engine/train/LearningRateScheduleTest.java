package org.styleatlas.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void exponentialDecayGoesFromTheRateToTheFinalFactorAndStays() {
    LearningRateSchedule s = LearningRateSchedule.exponentialDecay(1e-2, 0.3, 1000);
    assertEquals(1e-2, s.at(0), 1e-15);
    assertEquals(1e-2 * Math.sqrt(0.3), s.at(500), 1e-12);
    assertEquals(3e-3, s.at(1000), 1e-12);
    assertEquals(3e-3, s.at(5000), 1e-12, "no decay past the planned iterations");
    for (int it = 1; it <= 1000; it++) {
      assertEquals(s.at(it - 1) * Math.pow(0.3, 1e-3), s.at(it), 1e-12, "a constant ratio per step");
    }
  }

  @Test
  void aFinalFactorOfOneIsConstantAndBadFactorsAreRejected() {
    LearningRateSchedule s = LearningRateSchedule.exponentialDecay(1e-4, 1, 10);
    assertEquals(1e-4, s.at(0));
    assertEquals(1e-4, s.at(7));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 0.5, 0));
  }
}
