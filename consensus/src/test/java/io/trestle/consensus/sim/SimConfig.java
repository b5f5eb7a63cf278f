package io.trestle.consensus.sim;

import io.trestle.consensus.EngineConfig;
import io.trestle.consensus.support.FastSuite;
import io.trestle.crypto.CryptoSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One simulated run, fully determined by its fields (and the seed that drives delays, losses and the client).
 * {@link #random(long)} derives a whole fault schedule from a seed, so a failing seed replays exactly.
 */
public final class SimConfig {
  /** Kinds of network partition a fault episode applies. */
  public enum PartitionKind {
    HALVES,
    ISOLATE_ONE,
    RING,
    GROUPS
  }

  /** A partition between {@code startMs} and {@code endMs}; {@code groups[i]} is node i's side (GROUPS only). */
  public record Partition(long startMs, long endMs, PartitionKind kind, int[] groups, int isolated) {}

  /** Node {@code node} is down from {@code startMs} to {@code restartMs}; {@code midList} crashes inside an action list. */
  public record Crash(int node, long startMs, long restartMs, boolean midList) {}

  /** A validator-set change submitted at {@code atMs}: the new set as indices into the key universe. */
  public record ValidatorChange(long atMs, int[] keyIndices) {}

  public long seed;
  public int validators = 4;
  /** Extra nodes that follow the chain without being validators at genesis (key indices after the validators). */
  public int observers;
  /** nodeIndex → strategy for Byzantine nodes (node index = key index for non-twins). */
  public final List<Adversary.Strategy> byzantine = new ArrayList<>();
  public final List<Integer> byzantineNodes = new ArrayList<>();
  /** Key indices that run in two nodes each (Twins). */
  public final List<Integer> twins = new ArrayList<>();
  public CryptoSuite suite = FastSuite.INSTANCE;
  public EngineConfig engine = EngineConfig.defaults(7)
      .withBlockIntervalMs(200)
      .withRoundTimeouts(500, 4000)
      .withMaxClockSkewMs(500);
  public double lossProbability;
  public double duplicateProbability;
  public long minDelayMs = 1;
  public long maxDelayMs = 20;
  public long healedMaxDelayMs = 30;
  public final List<Partition> partitions = new ArrayList<>();
  public final List<Crash> crashes = new ArrayList<>();
  public final List<ValidatorChange> validatorChanges = new ArrayList<>();
  public long[] skewMs = new long[0];
  public long healAtMs = 0;
  public long endAtMs = 10_000;
  public long txIntervalMs = 40;
  public long execDelayMaxMs = 15;
  public int maxTxsPerBlock = 20;
  public int poolFullTxs = 50;
  /** After healing, every honest node must commit at least this many more heights by the end. */
  public int progressAfterHealMin = 3;
  /** Heights starting this long after healing must commit within {@code f + 1} rounds (L1); −1 disables. */
  public long settleAfterHealMs = 10_000;

  public int nodeCount() {
    return validators + observers + twins.size();
  }

  /** A whole fault schedule derived from {@code seed}. */
  public static SimConfig random(long seed) {
    Random rng = new Random(seed);
    SimConfig c = new SimConfig();
    c.seed = seed;
    int[] sizes = {4, 4, 4, 4, 4, 5, 6, 7, 1, 3, 2};
    c.validators = sizes[rng.nextInt(sizes.length)];
    int f = (c.validators - 1) / 3;
    c.observers = rng.nextInt(5) == 0 ? 1 : 0;
    if (f > 0 && rng.nextBoolean()) {
      int count = 1 + rng.nextInt(f);
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < c.validators; i++) {
        candidates.add(i);
      }
      java.util.Collections.shuffle(candidates, rng);
      for (int i = 0; i < count; i++) {
        c.byzantineNodes.add(candidates.get(i));
        c.byzantine.add(Adversary.Strategy.values()[rng.nextInt(Adversary.Strategy.values().length)]);
      }
    }
    c.engine = EngineConfig.defaults(1 + rng.nextInt(1000))
        .withBlockIntervalMs(100 + rng.nextInt(200))
        .withRoundTimeouts(300 + rng.nextInt(500), 2000)
        .withMaxClockSkewMs(500);
    c.lossProbability = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 0.3;
    c.duplicateProbability = rng.nextDouble() * 0.2;
    c.minDelayMs = 1;
    c.maxDelayMs = 5 + rng.nextInt(250);
    c.healAtMs = 2000 + rng.nextInt(4000);
    c.endAtMs = c.healAtMs + 9_000;
    c.settleAfterHealMs = 4_500;
    int n = c.nodeCount();
    c.skewMs = new long[n];
    for (int i = 0; i < n; i++) {
      c.skewMs[i] = rng.nextInt(201) - 100;
    }
    int episodes = rng.nextInt(4);
    for (int i = 0; i < episodes; i++) {
      long start = rng.nextInt((int) c.healAtMs);
      long end = Math.min(c.healAtMs, start + 200 + rng.nextInt(3000));
      PartitionKind kind = PartitionKind.values()[rng.nextInt(PartitionKind.values().length)];
      int[] groups = new int[n];
      for (int j = 0; j < n; j++) {
        groups[j] = kind == PartitionKind.HALVES ? (rng.nextBoolean() ? 1 : 0) : rng.nextInt(3);
      }
      c.partitions.add(new Partition(start, end, kind, groups, rng.nextInt(n)));
    }
    int crashes = rng.nextInt(3);
    for (int i = 0; i < crashes; i++) {
      int node = rng.nextInt(n);
      if (c.byzantineNodes.contains(node)) {
        continue;
      }
      long start = rng.nextInt((int) c.healAtMs);
      long restart = Math.min(c.healAtMs, start + 100 + rng.nextInt(4000));
      c.crashes.add(new Crash(node, start, restart, rng.nextBoolean()));
    }
    if (c.observers > 0 && c.validators >= 4 && rng.nextBoolean()) {
      // swap an honest validator out for the observer, at a random time before healing
      int leaving = -1;
      for (int i = 0; i < c.validators; i++) {
        if (!c.byzantineNodes.contains(i)) {
          leaving = i;
          break;
        }
      }
      int[] next = new int[c.validators];
      int k = 0;
      for (int i = 0; i < c.validators; i++) {
        next[k++] = i == leaving ? c.validators : i;
      }
      c.validatorChanges.add(new ValidatorChange(200 + rng.nextInt((int) c.healAtMs), next));
    }
    c.txIntervalMs = 10 + rng.nextInt(80);
    c.execDelayMaxMs = rng.nextInt(40);
    return c;
  }

  @Override
  public String toString() {
    return "seed=" + seed + " n=" + validators + " observers=" + observers + " byzantine=" + byzantineNodes + byzantine
        + " twins=" + twins + " loss=" + String.format("%.2f", lossProbability) + " dup=" + String.format("%.2f", duplicateProbability)
        + " delay=" + minDelayMs + ".." + maxDelayMs + " partitions=" + partitions.size() + " crashes=" + crashes.size()
        + " valsetChanges=" + validatorChanges.size() + " heal=" + healAtMs + " end=" + endAtMs + " suite=" + suite.name();
  }
}
