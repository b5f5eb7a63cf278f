package io.trestle.consensus.sim;

import io.trestle.consensus.Evidence;
import io.trestle.consensus.SafetyState;
import io.trestle.consensus.cert.CertificateCheck;
import io.trestle.consensus.cert.CertificateVerifier;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.support.KvApp;
import io.trestle.consensus.wire.Block;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants every simulated run must keep, checked as events happen:
 * S1 — no two honest nodes commit different blocks at one height;
 * S2 — no evidence ever names an honest validator, and its persisted rounds never go back;
 * S3 — every honest commit carries a certificate that {@link CertificateVerifier} accepts against the validator
 * set of its height (≥ 2f+1 valid distinct signatures);
 * equal state roots at every height; and after healing, progress within bounds (L1–L3).
 */
final class Checker {
  /**
   * Memory bound for every honest engine under floods: per-round books of at most 7 validators over the round
   * window, the next-height buffer, and the engine's capped maps (sync hints, reply limiters, evidence keys).
   * An engine that buffered what it cannot use would pass it within seconds of a flooding adversary.
   */
  static final int RETAINED_MAX = 1_000;

  private final Simulation sim;
  private final List<String> violations = new ArrayList<>();
  private final TreeMap<Long, Hash> decided = new TreeMap<>();
  private final Map<Long, Integer> decidedRound = new HashMap<>();
  private final Map<Long, Long> heightStartMs = new HashMap<>();
  private final KvApp reference;
  private final Map<Integer, Long> lastCommitted = new HashMap<>();
  private final Map<Integer, SafetyState> lastPersisted = new HashMap<>();
  private long heightAtHeal = -1;
  private int commits;
  private int evidence;

  Checker(Simulation sim) {
    this.sim = sim;
    this.reference = new KvApp(sim.cfg.suite, sim.keys, sim.genesis, sim.genesisHash, Integer.MAX_VALUE, Integer.MAX_VALUE);
    heightStartMs.put(1L, Simulation.T0);
  }

  void violation(String message) {
    if (violations.size() < 20) {
      violations.add("t=" + (sim.now() - Simulation.T0) + "ms: " + message);
    }
  }

  private Set<Address> honestAddresses() {
    Set<Address> out = new HashSet<>();
    Set<Address> dishonest = new HashSet<>();
    for (SimNode n : sim.nodes) {
      (n.honest() ? out : dishonest).add(n.address);
    }
    out.removeAll(dishonest);
    return out;
  }

  void onPersist(SimNode n, SafetyState s) {
    SafetyState previous = lastPersisted.put(n.index, s);
    if (previous != null && previous.height() == s.height()
        && (s.lastVotedRound() < previous.lastVotedRound()
            || s.lastCommitVotedRound() < previous.lastCommitVotedRound()
            || s.lastTimedOutRound() < previous.lastTimedOutRound()
            || s.lastProposedRound() < previous.lastProposedRound())) {
      violation("S2: " + n + " persisted rounds that went back: " + previous + " -> " + s);
    }
  }

  void onCommit(SimNode n, Block block, CommitCertificate cc) {
    long h = block.height();
    long expected = n.storedHeight() + 1;
    if (h != expected) {
      violation(n + " committed height " + h + " but its store ends at " + (expected - 1));
    }
    if (!n.honest()) {
      return;
    }
    commits++;
    Hash id = block.id(sim.cfg.suite);
    Hash first = decided.get(h);
    if (first == null) {
      if (reference.executedHeight() != h - 1) {
        violation("height " + h + " decided before height " + (h - 1));
        return;
      }
      checkCertificate(n, id, h, cc);
      decided.put(h, id);
      decidedRound.put(h, cc.round());
      reference.commit(block, cc);
    } else {
      if (!first.equals(id)) {
        violation("S1: " + n + " committed " + id + " at height " + h + ", another honest node committed " + first);
      }
      checkCertificate(n, id, h, cc);
    }
  }

  private void checkCertificate(SimNode n, Hash id, long h, CommitCertificate cc) {
    ValidatorSet validators = reference.validators(h).orElse(null);
    if (validators == null) {
      violation("no reference validator set for height " + h);
      return;
    }
    CertificateCheck check = CertificateVerifier.verify(id, h, cc, validators, sim.cfg.suite, sim.cfg.engine.chainId());
    if (!check.isOk()) {
      violation("S3: " + n + " committed height " + h + " with a bad certificate: " + check);
    }
  }

  void onExecuted(SimNode n, long height, Hash stateRoot) {
    if (!n.honest() && !n.twin) {
      return;
    }
    Hash expected = reference.stateRootAt(height);
    if (expected != null && !expected.equals(stateRoot) && decided.containsKey(height)
        && n.blocks.get((int) height - 1).id(sim.cfg.suite).equals(decided.get(height))) {
      violation(n + " state root at height " + height + " is " + stateRoot + ", reference " + expected);
    }
    if (n.honest()) {
      heightStartMs.merge(height + 1, sim.now(), Math::min);
      lastCommitted.merge(n.index, height, Math::max);
    }
  }

  void onEvidence(SimNode reporter, Evidence e) {
    evidence++;
    if (honestAddresses().contains(e.offender())) {
      violation("S2: " + reporter + " holds evidence against honest validator " + e.offender() + ": " + e);
    }
  }

  void onHeal() {
    long max = 0;
    for (SimNode n : sim.nodes) {
      if (n.honest()) {
        max = Math.max(max, n.storedHeight());
      }
    }
    heightAtHeal = max;
  }

  SimResult finish() {
    SimConfig cfg = sim.cfg;
    long minHeight = Long.MAX_VALUE;
    for (SimNode n : sim.nodes) {
      if (!n.honest()) {
        continue;
      }
      minHeight = Math.min(minHeight, n.storedHeight());
      if (cfg.progressAfterHealMin > 0 && heightAtHeal >= 0 && n.storedHeight() < heightAtHeal + cfg.progressAfterHealMin) {
        violation("L: " + n + " reached height " + n.storedHeight() + " by the end, " + heightAtHeal
            + " was reached before healing");
      }
    }
    if (cfg.settleAfterHealMs >= 0) {
      long settled = Simulation.T0 + cfg.healAtMs + cfg.settleAfterHealMs;
      for (Map.Entry<Long, Hash> e : decided.entrySet()) {
        Long start = heightStartMs.get(e.getKey());
        if (start == null || start < settled) {
          continue;
        }
        ValidatorSet v = reference.validators(e.getKey()).orElseThrow();
        int round = decidedRound.get(e.getKey());
        if (round > v.maxFaulty() + 1) {
          violation("L1: height " + e.getKey() + " started after the network settled but committed in round " + round
              + " > f + 1 = " + (v.maxFaulty() + 1));
        }
      }
    }
    if (sim.maxRetained() > RETAINED_MAX) {
      violation("an honest engine held " + sim.maxRetained() + " items at once, more than " + RETAINED_MAX);
    }
    return new SimResult(cfg, List.copyOf(violations), decided.size(), minHeight == Long.MAX_VALUE ? 0 : minHeight,
        commits, evidence, sim.deliveries(), sim.maxRetained());
  }
}
