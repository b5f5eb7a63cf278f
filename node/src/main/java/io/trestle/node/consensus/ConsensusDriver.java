package io.trestle.node.consensus;

import io.trestle.consensus.Action;
import io.trestle.consensus.ChainTip;
import io.trestle.consensus.ConsensusEngine;
import io.trestle.consensus.EngineConfig;
import io.trestle.consensus.EngineStatus;
import io.trestle.consensus.Event;
import io.trestle.consensus.KeyPairSigner;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.MessageCodec;
import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.Chain;
import io.trestle.state.kv.KeyValueStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pure consensus engine on one thread: feeds it messages, timers and execution results with the local
 * time, and performs its actions in order — persisting safety data with fsync before any send that follows
 * (rule P), sending over the network, scheduling timers, committing blocks through the chain. The clock, threads
 * and sockets live here, outside the deterministic engine (DESIGN §2.1).
 */
public final class ConsensusDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);
  private static final long TICK_MS = 25;

  private final ConsensusEngine engine;
  private final ChainApplication app;
  private final SafetyStore safety;
  private final ConsensusNetwork network;
  private final CryptoSuite suite;
  private final LongSupplier clockMs;
  private final ScheduledExecutorService loop;
  private final AtomicLong timeouts = new AtomicLong();
  private volatile EngineStatus status;
  private volatile boolean failed;

  public ConsensusDriver(Chain chain, ChainApplication app, KeyValueStore kv, KeyPair key, ConsensusNetwork network,
      EngineConfig config, LongSupplier clockMs) {
    this.app = app;
    this.network = network;
    this.suite = chain.suite();
    this.clockMs = clockMs;
    this.safety = new SafetyStore(kv, suite);
    Chain.Head head = chain.head();
    ChainTip tip;
    if (head.number() == 0) {
      tip = ChainTip.genesis(head.hash(), head.header().timestampMs());
    } else {
      byte[] cert = chain.store().certificate(head.number());
      if (cert == null) {
        throw new IllegalStateException("the head block " + head.number() + " has no commit certificate");
      }
      try {
        tip = ChainTip.committed(head.header().timestampMs(), CommitCertificate.decode(cert));
      } catch (DecodeException e) {
        throw new IllegalStateException("database corrupt: certificate of block " + head.number() + ": " + e.getMessage(), e);
      }
    }
    this.engine = new ConsensusEngine(config, app, new KeyPairSigner(suite, key), suite, tip, safety.load(head.number()));
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "consensus");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    submit(new Event.Start());
    loop.scheduleWithFixedDelay(() -> handle(new Event.Tick()), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Hands a message from an authenticated peer to the engine; undecodable bytes are dropped here. */
  public boolean onMessage(Address from, byte[] bytes) {
    ConsensusMessage message;
    try {
      message = MessageCodec.decode(bytes);
    } catch (DecodeException e) {
      LOG.debug("undecodable consensus message peer={} error={}", from, e.getMessage());
      return false;
    }
    submit(new Event.MessageReceived(from, message));
    return true;
  }

  /** A committed block fetched by block sync. */
  public void onCommittedBlock(Address from, io.trestle.consensus.wire.Block block, CommitCertificate certificate) {
    submit(new Event.CommittedBlockReceived(from, block, certificate));
  }

  /** Lets the leader propose early when the pool fills up. */
  public void poke() {
    submit(new Event.Tick());
  }

  public void submit(Event event) {
    try {
      loop.execute(() -> handle(event));
    } catch (RejectedExecutionException closed) {
      // shutting down
    }
  }

  private void handle(Event event) {
    if (failed) {
      return;
    }
    try {
      List<Action> actions = engine.onEvent(clockMs.getAsLong(), event);
      for (Action action : actions) {
        perform(action);
      }
      EngineStatus now = engine.status();
      EngineStatus before = status;
      if (before != null && now.height() == before.height() && now.round() > before.round()) {
        timeouts.addAndGet(now.round() - before.round());
      }
      status = now;
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("consensus stopped: the node cannot go on safely event={} error={}", event.getClass().getSimpleName(),
          e.toString(), e);
    }
  }

  private void perform(Action action) {
    if (action instanceof Action.Persist p) {
      safety.saveSafety(p.state());
    } else if (action instanceof Action.PersistBlock p) {
      safety.saveVotedBlock(p.block());
    } else if (action instanceof Action.Send s) {
      network.send(s.to(), MessageCodec.encode(s.message()));
    } else if (action instanceof Action.Broadcast b) {
      network.broadcast(MessageCodec.encode(b.message()));
    } else if (action instanceof Action.ScheduleTimer t) {
      loop.schedule(() -> handle(new Event.TimerFired(t.timer())), t.delayMs(), TimeUnit.MILLISECONDS);
    } else if (action instanceof Action.Commit c) {
      app.commit(c.block(), c.certificate());
      safety.pruneVotedBlocks(c.block().height());
      submit(new Event.BlockExecuted(c.block().height(), c.block().id(suite)));
    } else if (action instanceof Action.RequestSync r) {
      network.requestSync(r.peer(), r.fromHeight(), r.toHeight());
    } else if (action instanceof Action.PeerMisbehaved m) {
      LOG.warn("peer misbehaved peer={} reason={}", m.peer(), m.reason());
      network.reportMisbehaviour(m.peer(), m.reason());
    } else if (action instanceof Action.ReportEvidence e) {
      LOG.warn("equivocation evidence offender={} first={} second={}", e.evidence().offender(),
          e.evidence().first().getClass().getSimpleName(), e.evidence().second().getClass().getSimpleName());
    }
  }

  public Optional<EngineStatus> status() {
    return Optional.ofNullable(status);
  }

  /** Round changes within a height since start: each means a round timed out (or was skipped ahead). */
  public long roundChanges() {
    return timeouts.get();
  }

  public boolean failed() {
    return failed;
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
