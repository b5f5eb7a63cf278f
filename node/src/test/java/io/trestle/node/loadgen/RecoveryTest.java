package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  @Test
  void measuresFromTheKillToTheEndOfTheFirstSecondBackAtNinetyPercentOfTheMedianBefore() {
    //                    ramp | before the kill (median 1000)   | kill at 6.2 s, dip, back       | drain
    long[] perSecond = {0, 400, 1000, 980, 1020, 1000, 1000, 300, 0, 950, 1000, 1000, 1000, 1000, 200};
    Recovery r = Recovery.of(7, perSecond, 6.2, 14);
    assertEquals(1000, r.preKillMedianPerS());
    assertEquals(10 - 6.2, r.recoveredAfterS(), 1e-9, "second 9 ends at 10 s");
    assertEquals(9 - 6.2, r.stableAfterS(), 1e-9, "every 3 s window from second 9 on averages >= 900");
    assertEquals(7, r.pid());
  }

  @Test
  void aSecondBackThatDipsAgainIsNotYetStable() {
    long[] perSecond = {0, 0, 1000, 1000, 1000, 1000, 1000, 0, 1000, 0, 0, 2000, 1000, 1000, 1000};
    Recovery r = Recovery.of(1, perSecond, 7.0, 15);
    assertEquals(9 - 7.0, r.recoveredAfterS(), 1e-9, "second 8 is back at 1000");
    assertEquals(10 - 7.0, r.stableAfterS(), 1e-9, "the windows from 10 on average >= 900, the one at 9 only 667");
  }

  @Test
  void noDipAfterTheKillIsARecoveryOfZero() {
    long[] perSecond = {0, 0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    Recovery r = Recovery.of(1, perSecond, 5.5, 10);
    assertEquals(0, r.recoveredAfterS());
    assertEquals(0, r.stableAfterS());
  }

  @Test
  void neverBackIsMinusOne() {
    long[] perSecond = {0, 0, 1000, 1000, 1000, 1000, 100, 100, 100, 100};
    Recovery r = Recovery.of(1, perSecond, 6.0, 10);
    assertEquals(-1, r.recoveredAfterS());
    assertEquals(-1, r.stableAfterS());
  }

  @Test
  void aKillBeforeAnyCommittedSecondHasNoReference() {
    Recovery r = Recovery.of(1, new long[] {0, 0, 0}, 0.5, 3);
    assertEquals(0, r.preKillMedianPerS());
    assertEquals(-1, r.recoveredAfterS());
  }

  @Test
  void countsSentAndCommittedTransactionsPerSecondOfTheRun() {
    long start = 1_000_000_000L;
    long[] sent = {start, start + 10, start + 1_500_000_000L, 0};
    long[] committed = {start + 900_000_000L, 0, start + 2_100_000_000L, start + 2_200_000_000L};
    List<LoadReport.Second> s = LoadGenerator.perSecond(start, sent, committed);
    assertEquals(List.of(new LoadReport.Second(0, 2, 1), new LoadReport.Second(1, 1, 0),
        new LoadReport.Second(2, 0, 2)), s);
  }
}
