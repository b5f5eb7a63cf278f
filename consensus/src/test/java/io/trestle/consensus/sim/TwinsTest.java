package io.trestle.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Twins (Bano et al., 2020): a Byzantine validator is modelled as two honest nodes sharing one key, which then
 * sign whatever each of them sees — equivocation without writing an adversary. Scenarios enumerate the
 * network partitions of each phase of a run. With one twin (≤ f = 1 of 4) no scenario may break S1; with two
 * twins (> f) some scenario must, which shows the checker can fail.
 */
class TwinsTest {
  private static final long PHASE_MS = 1_000;

  /** Every split of {@code nodes} into two sides that puts {@code a} and {@code b} on different sides. */
  private static List<int[]> splitsSeparating(int nodes, int a, int b) {
    List<int[]> out = new ArrayList<>();
    for (int mask = 0; mask < (1 << nodes); mask++) {
      if (((mask >> a) & 1) == 0 && ((mask >> b) & 1) == 1) {
        int[] groups = new int[nodes];
        for (int i = 0; i < nodes; i++) {
          groups[i] = (mask >> i) & 1;
        }
        out.add(groups);
      }
    }
    return out;
  }

  private static SimConfig scenario(long seed, List<Integer> twinKeys, List<int[]> phases) {
    SimConfig c = new SimConfig();
    c.seed = seed;
    c.validators = 4;
    c.twins.addAll(twinKeys);
    c.skewMs = new long[c.nodeCount()];
    c.maxDelayMs = 20;
    c.txIntervalMs = 15;
    for (int i = 0; i < phases.size(); i++) {
      int[] groups = phases.get(i);
      if (groups != null) {
        c.partitions.add(new SimConfig.Partition(i * PHASE_MS, (i + 1) * PHASE_MS, SimConfig.PartitionKind.GROUPS, groups, -1));
      }
    }
    c.healAtMs = phases.size() * PHASE_MS;
    c.endAtMs = c.healAtMs + 500;
    c.progressAfterHealMin = 0;
    c.settleAfterHealMs = -1;
    return c;
  }

  @Test
  void oneTwinNeverBreaksSafetyInAnyEnumeratedPartitionSchedule() {
    List<String> failures = new ArrayList<>();
    int runs = 0;
    for (int twinKey : new int[] {1, 2}) {
      int twinNode = 4;
      List<int[]> splits = new ArrayList<>();
      splits.add(null); // no partition in this phase
      splits.addAll(splitsSeparating(5, twinKey, twinNode));
      for (int[] first : splits) {
        for (int[] second : splits) {
          for (int[] third : twinKey == 1 ? splits : List.<int[]>of(new int[5])) {
            SimResult r = Simulation.run(scenario(runs, List.of(twinKey), phaseList(first, second, third)));
            runs++;
            if (!r.ok()) {
              failures.add(r.report());
            }
          }
        }
      }
    }
    System.out.println("twins: " + runs + " scenarios with one twin, " + failures.size() + " unsafe");
    assertTrue(runs >= 800, "enumerated " + runs);
    assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(3, failures.size()))));
  }

  @Test
  void twoTwinsBreakSafetyInSomeEnumeratedScheduleSoTheCheckerCanFail() {
    int runs = 0;
    SimResult unsafe = null;
    // nodes 0–3 hold keys 0–3, nodes 4 and 5 are the twins of keys 1 and 2
    for (int[] split : splitsSeparating(6, 1, 4)) {
      if (split[2] == split[5]) {
        continue; // keep each twin pair apart
      }
      SimResult r = Simulation.run(scenario(runs++, List.of(1, 2), phaseList(split, null, null)));
      if (r.violations().stream().anyMatch(v -> v.contains("S1"))) {
        unsafe = r;
        break;
      }
    }
    assertTrue(unsafe != null, "no schedule out of " + runs + " broke safety with two twins: the checker is blind");
    System.out.println("twins: two twins broke safety after " + runs + " scenarios:\n" + unsafe.report());
  }

  private static List<int[]> phaseList(int[]... phases) {
    List<int[]> out = new ArrayList<>();
    for (int[] p : phases) {
      out.add(p);
    }
    return out;
  }
}
