package org.styleatlas.engine.optim;

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
      assertEquals(
          s.at(it - 1) * Math.pow(0.3, 1e-3), s.at(it), 1e-12, "a constant ratio per step");
    }
  }

  /**
   * A budgeted run plans millions of iterations and stops on time: the spent budget drives the
   * decay.
   */
  @Test
  void theSpentTimeBudgetDecaysTheRateWhenItIsAheadOfTheIterations() {
    LearningRateSchedule s = LearningRateSchedule.exponentialDecay(1e-2, 0.3, 10_000_000);
    assertEquals(1e-2, s.at(0, 0), 1e-15);
    assertEquals(1e-2 * Math.sqrt(0.3), s.at(900, 0.5), 1e-9);
    assertEquals(3e-3, s.at(1800, 1.0), 1e-9);
    assertEquals(3e-3, s.at(1850, 1.3), 1e-9, "no decay past the budget");
    LearningRateSchedule shortRun = LearningRateSchedule.exponentialDecay(1e-2, 0.3, 100);
    assertEquals(
        shortRun.at(50), shortRun.at(50, 0.1), 1e-15, "the iterations lead when they are further");
    assertEquals(
        1e-3, LearningRateSchedule.constant(1e-3).at(5, 0.9), "constant ignores the budget");
  }

  @Test
  void aFinalFactorOfOneIsConstantAndBadFactorsAreRejected() {
    LearningRateSchedule s = LearningRateSchedule.exponentialDecay(1e-4, 1, 10);
    assertEquals(1e-4, s.at(0));
    assertEquals(1e-4, s.at(7));
    assertThrows(
        IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 0, 10));
    assertThrows(
        IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 1.5, 10));
    assertThrows(
        IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1e-4, 0.5, 0));
  }
}
