package io.trestle.consensus.sim;

import io.trestle.consensus.Action;
import io.trestle.consensus.ChainTip;
import io.trestle.consensus.ConsensusEngine;
import io.trestle.consensus.Event;
import io.trestle.consensus.KeyPairSigner;
import io.trestle.consensus.PersistedState;
import io.trestle.consensus.SafetyState;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.support.KvApp;
import io.trestle.consensus.support.TestKeys;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.MessageCodec;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A deterministic, single-threaded simulation of a validator network in virtual time: a seeded scheduler
 * delivers messages with loss, duplication, delay (hence reordering) and partitions, crashes nodes (also in the
 * middle of an action list, between a {@code Persist} and the sends after it) and restarts them from their
 * store, skews their clocks, and runs Byzantine adversaries. Every message crosses the real codec. The
 * {@link Checker} watches the invariants on every commit, execution and evidence report.
 */
public final class Simulation {
  /** Virtual time starts here so that skewed local clocks stay positive. */
  static final long T0 = 1_000_000;
  /** {@code -Dsim.trace=true} prints every event and the actions it produced, for replaying a failing seed. */
  static final boolean TRACE = Boolean.getBoolean("sim.trace");

  private record Item(long time, long seq, Runnable task) {}

  final SimConfig cfg;
  final Random rng;
  final TestKeys keys;
  final ValidatorSet genesis;
  final Hash genesisHash;
  final List<SimNode> nodes = new ArrayList<>();
  final Checker checker;
  private final PriorityQueue<Item> queue = new PriorityQueue<>((a, b) ->
      a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now = T0;
  private long txSeq;
  private long deliveries;
  private int maxRetained;

  private Simulation(SimConfig cfg) {
    this.cfg = cfg;
    this.rng = new Random(cfg.seed * 0x9E3779B97F4A7C15L + 17);
    this.keys = new TestKeys(cfg.suite, cfg.validators + cfg.observers);
    this.genesis = keys.firstN(cfg.validators);
    this.genesisHash = Hash.wrap(cfg.suite.hash("trestle-sim-genesis".getBytes(StandardCharsets.US_ASCII)));
    this.checker = new Checker(this);
  }

  /** Runs one configuration to its end and returns what the checker found. */
  public static SimResult run(SimConfig cfg) {
    Simulation sim = new Simulation(cfg);
    sim.setUp();
    sim.loop();
    return sim.checker.finish();
  }

  long now() {
    return now;
  }

  private void setUp() {
    int keyed = cfg.validators + cfg.observers;
    for (int i = 0; i < cfg.nodeCount(); i++) {
      int key = i < keyed ? i : cfg.twins.get(i - keyed);
      boolean twin = cfg.twins.contains(key);
      KeyPairSigner signer = keys.signer(key);
      int byz = cfg.byzantineNodes.indexOf(i);
      Adversary adversary = byz < 0 ? null : new Adversary(cfg.byzantine.get(byz), this, i, new Random(cfg.seed + 31L * i));
      long skew = i < cfg.skewMs.length ? cfg.skewMs[i] : 0;
      nodes.add(new SimNode(i, key, signer.address(), signer, adversary, twin, skew));
    }
    for (SimNode n : nodes) {
      at(0, () -> startNode(n));
    }
    for (SimConfig.Crash c : cfg.crashes) {
      SimNode n = nodes.get(c.node());
      at(c.startMs(), () -> {
        if (n.up) {
          if (c.midList()) {
            n.crashAfterActions = 1;
          } else {
            crash(n);
          }
        }
      });
      at(c.restartMs(), () -> restart(n));
    }
    at(cfg.healAtMs, () -> {
      checker.onHeal();
      for (SimNode n : nodes) {
        restart(n);
      }
    });
    for (SimConfig.ValidatorChange change : cfg.validatorChanges) {
      StringBuilder value = new StringBuilder();
      for (int k : change.keyIndices()) {
        value.append(value.length() == 0 ? "" : ",").append(k);
      }
      at(change.atMs(), () -> {
        for (SimNode n : nodes) {
          if (n.up) {
            n.app.submit(KvApp.VALIDATORS_KEY, value.toString());
          }
        }
      });
    }
    scheduleClient(cfg.txIntervalMs);
    for (SimNode n : nodes) {
      if (n.adversary != null) {
        scheduleAdversary(n, 100);
      }
    }
  }

  private void scheduleClient(long delay) {
    at(now - T0 + delay, () -> {
      SimNode n = nodes.get(rng.nextInt(nodes.size()));
      if (n.up) {
        n.app.submit("k" + rng.nextInt(16), "v" + txSeq++);
        deliver(n, new Event.Tick());
      }
      scheduleClient(cfg.txIntervalMs);
    });
  }

  private void scheduleAdversary(SimNode n, long delay) {
    at(now - T0 + delay, () -> {
      if (n.up) {
        n.adversary.onTick();
      }
      scheduleAdversary(n, n.adversary.tickIntervalMs());
    });
  }

  private void loop() {
    long end = T0 + cfg.endAtMs;
    while (!queue.isEmpty() && queue.peek().time <= end) {
      Item item = queue.poll();
      now = item.time;
      item.task.run();
    }
    now = end;
  }

  /** Runs {@code task} at simulation offset {@code offsetMs} (relative to {@link #T0}). */
  void at(long offsetMs, Runnable task) {
    queue.add(new Item(T0 + offsetMs, seq++, task));
  }

  void after(long delayMs, Runnable task) {
    queue.add(new Item(now + delayMs, seq++, task));
  }

  boolean healed() {
    return now >= T0 + cfg.healAtMs;
  }

  // ---------------------------------------------------------------------------------------------------------
  // node lifecycle

  private void startNode(SimNode n) {
    n.app = new KvApp(cfg.suite, keys, genesis, genesisHash, cfg.maxTxsPerBlock, cfg.poolFullTxs);
    for (int i = 0; i < n.blocks.size(); i++) {
      n.app.commit(n.blocks.get(i), n.certificates.get(i)); // re-execute what the store holds
    }
    ChainTip tip = n.blocks.isEmpty()
        ? ChainTip.genesis(genesisHash, T0)
        : ChainTip.committed(n.blocks.get(n.blocks.size() - 1).header().timestampMs(),
            n.certificates.get(n.certificates.size() - 1));
    Optional<SafetyState> safety = Optional.empty();
    if (n.safetyState != null) {
      try {
        safety = Optional.of(SafetyState.decode(n.safetyState));
      } catch (DecodeException e) {
        checker.violation("persisted safety state of " + n + " does not decode: " + e.getMessage());
      }
    }
    n.engine = new ConsensusEngine(cfg.engine, n.app, n.signer, cfg.suite, tip,
        new PersistedState(safety, new ArrayList<>(n.votedBlocks.values())));
    n.up = true;
    n.crashAfterActions = -1;
    deliver(n, new Event.Start());
  }

  private void crash(SimNode n) {
    if (TRACE) {
      System.out.println("t=" + (now - T0) + " " + n + " CRASH");
    }
    n.up = false;
    n.incarnation++;
    n.engine = null;
    n.app = null;
    n.crashAfterActions = -1;
  }

  private void restart(SimNode n) {
    n.crashAfterActions = -1;
    if (!n.up) {
      n.incarnation++;
      startNode(n);
    }
  }

  void deliver(SimNode n, Event event) {
    if (!n.up) {
      return;
    }
    List<Action> actions = n.engine.onEvent(now + n.skewMs, event);
    if (n.honest()) {
      maxRetained = Math.max(maxRetained, n.engine.retainedItems());
    }
    if (TRACE) {
      System.out.println("t=" + (now - T0) + " " + n + " " + n.engine.status() + " <- " + Trace.event(event)
          + "\n      -> " + Trace.actions(actions));
    }
    int limit = actions.size();
    boolean cut = n.crashAfterActions >= 0 && !actions.isEmpty();
    if (cut) {
      limit = rng.nextInt(actions.size());
    }
    for (int i = 0; i < limit; i++) {
      perform(n, actions.get(i));
    }
    if (cut) {
      crash(n);
    }
  }

  private void perform(SimNode n, Action a) {
    if (a instanceof Action.Persist p) {
      checker.onPersist(n, p.state());
      n.safetyState = p.state().encode();
      n.persistCount++;
    } else if (a instanceof Action.PersistBlock b) {
      n.votedBlocks.put(b.block().id(cfg.suite), b.block());
    } else if (a instanceof Action.Send s) {
      if (n.adversary != null) {
        n.adversary.onSend(s.to(), s.message());
      } else {
        send(n, s.to(), s.message());
      }
    } else if (a instanceof Action.Broadcast b) {
      if (n.adversary != null) {
        n.adversary.onBroadcast(b.message());
      } else {
        broadcast(n, b.message());
      }
    } else if (a instanceof Action.ScheduleTimer t) {
      int incarnation = n.incarnation;
      after(t.delayMs(), () -> {
        if (n.up && n.incarnation == incarnation) {
          deliver(n, new Event.TimerFired(t.timer()));
        }
      });
    } else if (a instanceof Action.Commit c) {
      commit(n, c.block(), c.certificate());
    } else if (a instanceof Action.RequestSync r) {
      sync(n, r);
    } else if (a instanceof Action.ReportEvidence e) {
      checker.onEvidence(n, e.evidence());
    }
  }

  private void commit(SimNode n, Block block, CommitCertificate cc) {
    checker.onCommit(n, block, cc);
    n.blocks.add(block);
    n.certificates.add(cc);
    n.votedBlocks.values().removeIf(b -> b.height() <= block.height());
    int incarnation = n.incarnation;
    after(cfg.execDelayMaxMs == 0 ? 0 : rng.nextInt((int) cfg.execDelayMaxMs + 1), () -> {
      if (n.up && n.incarnation == incarnation) {
        n.app.commit(block, cc);
        checker.onExecuted(n, block.height(), n.app.stateRoot());
        deliver(n, new Event.BlockExecuted(block.height(), block.id(cfg.suite)));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // network

  void send(SimNode from, Address to, ConsensusMessage m) {
    byte[] bytes = MessageCodec.encode(m);
    for (SimNode n : nodes) {
      if (n != from && n.address.equals(to)) {
        transmit(from, n, bytes);
      }
    }
  }

  void broadcast(SimNode from, ConsensusMessage m) {
    byte[] bytes = MessageCodec.encode(m);
    for (SimNode n : nodes) {
      if (n != from) {
        transmit(from, n, bytes);
      }
    }
  }

  /** Sends raw bytes, as an adversary may; the receiver decodes them like any other. */
  void transmit(SimNode from, SimNode to, byte[] bytes) {
    if (!connected(from, to)) {
      return;
    }
    boolean healed = healed();
    if (!healed && rng.nextDouble() < cfg.lossProbability) {
      return;
    }
    int copies = rng.nextDouble() < cfg.duplicateProbability ? 2 : 1;
    long max = healed ? cfg.healedMaxDelayMs : cfg.maxDelayMs;
    for (int i = 0; i < copies; i++) {
      long delay = cfg.minDelayMs + rng.nextInt((int) (max - cfg.minDelayMs + 1));
      after(delay, () -> receive(from, to, bytes));
    }
  }

  private void receive(SimNode from, SimNode to, byte[] bytes) {
    if (!to.up) {
      return;
    }
    deliveries++;
    ConsensusMessage m;
    try {
      m = MessageCodec.decode(bytes);
    } catch (DecodeException e) {
      if (from.adversary == null) {
        checker.violation(from + " sent bytes that do not decode: " + e.getMessage());
      }
      return;
    }
    if (to.adversary != null) {
      to.adversary.capture(m);
    }
    deliver(to, new Event.MessageReceived(from.address, m));
  }

  boolean connected(SimNode a, SimNode b) {
    long t = now - T0;
    int n = nodes.size();
    for (SimConfig.Partition p : cfg.partitions) {
      if (t < p.startMs() || t >= p.endMs()) {
        continue;
      }
      boolean ok = switch (p.kind()) {
        case HALVES, GROUPS -> p.groups()[a.index] == p.groups()[b.index];
        case ISOLATE_ONE -> a.index != p.isolated() && b.index != p.isolated();
        case RING -> Math.floorMod(a.index - b.index, n) == 1 || Math.floorMod(b.index - a.index, n) == 1;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void sync(SimNode requester, Action.RequestSync r) {
    SimNode peer = null;
    for (SimNode n : nodes) {
      if (n.address.equals(r.peer()) && n != requester && n.up) {
        peer = n;
        if (n.adversary == null) {
          break;
        }
      }
    }
    if (peer == null || !connected(requester, peer)) {
      return;
    }
    SimNode server = peer;
    long delay = 2 * (cfg.minDelayMs + rng.nextInt((int) ((healed() ? cfg.healedMaxDelayMs : cfg.maxDelayMs) - cfg.minDelayMs + 1)));
    after(delay, () -> {
      if (!requester.up || !connected(requester, server)) {
        return;
      }
      if (server.adversary != null) {
        server.adversary.onSyncRequest(requester, r);
        return;
      }
      long last = Math.min(r.toHeight(), Math.min(r.fromHeight() + 31, server.storedHeight()));
      for (long h = r.fromHeight(); h <= last && requester.up; h++) {
        int i = (int) (h - 1);
        deliver(requester, new Event.CommittedBlockReceived(server.address, server.blocks.get(i), server.certificates.get(i)));
      }
    });
  }

  long deliveries() {
    return deliveries;
  }

  /** The most messages, blocks and bookkeeping entries any honest engine held at once. */
  int maxRetained() {
    return maxRetained;
  }
}
