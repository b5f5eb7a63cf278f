package io.trestle.consensus;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.core.Address;
import java.util.Objects;

/**
 * What the engine asks its driver to do, in list order. Ordering contract (rule P, docs/consensus.md §3): a
 * {@link Persist} or {@link PersistBlock} must be durable (fsync) before any {@link Send} or {@link Broadcast}
 * that follows it in the same list leaves the node. Other actions may run in any order relative to each other.
 */
public sealed interface Action {
  /** Save the safety state durably before the sends that follow. */
  record Persist(SafetyState state) implements Action {
    public Persist {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * Save a block this validator is about to vote for, durably, before the sends that follow (rule P). Give it
   * back in {@link PersistedState} after a restart; blocks at or below the committed height may be deleted.
   */
  record PersistBlock(Block block) implements Action {
    public PersistBlock {
      Objects.requireNonNull(block, "block");
    }
  }

  /** Send to one peer. */
  record Send(Address to, ConsensusMessage message) implements Action {
    public Send {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Send to every consensus peer (validators and observers); the engine has already handled its own copy. */
  record Broadcast(ConsensusMessage message) implements Action {
    public Broadcast {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Fire {@link Event.TimerFired} after {@code delayMs} of the local clock. */
  record ScheduleTimer(Timer timer, long delayMs) implements Action {
    public ScheduleTimer {
      Objects.requireNonNull(timer, "timer");
      if (delayMs < 0) {
        throw new IllegalArgumentException("timer delayMs must be >= 0, got " + delayMs);
      }
    }
  }

  /**
   * The block is final: store block and certificate in one atomic write, execute it ({@link Application#commit}),
   * then report {@link Event.BlockExecuted}.
   */
  record Commit(Block block, CommitCertificate certificate) implements Action {
    public Commit {
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(certificate, "certificate");
    }
  }

  /**
   * Fetch committed blocks {@code fromHeight..toHeight} with their certificates from {@code peer} (or any
   * peer that has them) and feed them back as {@link Event.CommittedBlockReceived}, lowest first.
   */
  record RequestSync(Address peer, long fromHeight, long toHeight) implements Action {
    public RequestSync {
      Objects.requireNonNull(peer, "peer");
      if (fromHeight < 1 || toHeight < fromHeight) {
        throw new IllegalArgumentException("sync range " + fromHeight + ".." + toHeight + " is empty or below 1");
      }
    }
  }

  /**
   * A peer sent a statement it signed itself whose signature does not verify: the transport authenticated the
   * peer, so the fault is its own. The driver should disconnect and ban it for a while.
   */
  record PeerMisbehaved(Address peer, String reason) implements Action {
    public PeerMisbehaved {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Two contradicting signed statements by one validator; store and surface them, do not act in consensus. */
  record ReportEvidence(Evidence evidence) implements Action {
    public ReportEvidence {
      Objects.requireNonNull(evidence, "evidence");
    }
  }
}
