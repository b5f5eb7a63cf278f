package io.trestle.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.EthereumSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reliability bar of issue 4: many seeded fault schedules, every invariant checked on every run.
 * {@code -Dsim.seeds=N -Dsim.firstSeed=S} runs a longer campaign; {@code -Dsim.seed=S} replays one seed.
 */
class SimulationTest {
  @Test
  void fourHonestValidatorsOnAPerfectNetworkCommitEveryInterval() {
    SimConfig c = new SimConfig();
    c.seed = 1;
    c.endAtMs = 5_000;
    c.skewMs = new long[4];
    SimResult r = Simulation.run(c);
    assertTrue(r.ok(), r.report());
    // 200 ms interval plus a few message delays per block
    assertTrue(r.minHonestHeight() >= 15, r.report());
  }

  @Test
  void singleValidatorCommitsEveryIntervalWithItsOwnVotes() {
    SimConfig c = new SimConfig();
    c.seed = 2;
    c.validators = 1;
    c.endAtMs = 3_000;
    c.execDelayMaxMs = 0;
    SimResult r = Simulation.run(c);
    assertTrue(r.ok(), r.report());
    assertTrue(r.minHonestHeight() >= 14, r.report());
  }

  @Test
  void holdsEveryInvariantOverManySeeds() {
    int seeds = Integer.getInteger("sim.seeds", 200);
    long first = Long.getLong("sim.firstSeed", 1L);
    List<String> failures = new ArrayList<>();
    long decided = 0;
    int retained = 0;
    for (long seed = first; seed < first + seeds; seed++) {
      SimResult r = Simulation.run(SimConfig.random(seed));
      decided += r.decidedHeights();
      retained = Math.max(retained, r.maxRetained());
      if (!r.ok()) {
        failures.add(r.report());
        if (failures.size() >= 5) {
          break;
        }
      }
    }
    System.out.println("simulation: " + seeds + " seeds from " + first + ", " + decided + " heights decided, "
        + failures.size() + " failing, at most " + retained + " items held by one engine");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void replaysOneSeed() {
    long seed = Long.getLong("sim.seed", 42L);
    SimResult r = Simulation.run(SimConfig.random(seed));
    assertTrue(r.ok(), r.report());
  }

  @Test
  void sameSeedReplaysExactly() {
    SimResult a = Simulation.run(SimConfig.random(7));
    SimResult b = Simulation.run(SimConfig.random(7));
    assertEquals(a.decidedHeights(), b.decidedHeights());
    assertEquals(a.deliveries(), b.deliveries());
    assertEquals(a.evidenceReports(), b.evidenceReports());
    assertEquals(a.violations(), b.violations());
  }

  @Test
  void holdsEveryInvariantWithRealSecp256k1Signatures() {
    for (long seed = 1_000_001; seed <= 1_000_002; seed++) {
      SimConfig c = SimConfig.random(seed);
      c.suite = EthereumSuite.INSTANCE;
      c.endAtMs = c.healAtMs + 6_000;
      c.settleAfterHealMs = 3_000;
      SimResult r = Simulation.run(c);
      assertTrue(r.ok(), r.report());
      assertTrue(r.decidedHeights() > 0, r.report());
    }
  }
}
