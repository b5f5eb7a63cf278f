package io.trestle.consensus.sim;

import java.util.List;

/** What one simulated run produced: the violations found (empty when every invariant held) and some counts. */
public record SimResult(
    SimConfig config, List<String> violations, int decidedHeights, long minHonestHeight, int honestCommits,
    int evidenceReports, long deliveries, int maxRetained) {
  public boolean ok() {
    return violations.isEmpty();
  }

  /** A report that names the seed and the command that replays it. */
  public String report() {
    return "simulation " + config + "\n  decided heights=" + decidedHeights + " min honest height=" + minHonestHeight
        + " deliveries=" + deliveries + " evidence=" + evidenceReports + " max retained=" + maxRetained
        + "\n  replay: mvn -pl consensus -am test -Dtest=SimulationTest#replaysOneSeed -Dsim.seed=" + config.seed
        + " -Dsurefire.failIfNoSpecifiedTests=false"
        + (violations.isEmpty() ? "" : "\n  violations:\n    " + String.join("\n    ", violations));
  }
}
