package io.trestle.consensus;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.util.Objects;

/** What the driver feeds the engine; time comes alongside as {@code nowMs}. */
public sealed interface Event {
  /** The first event after construction: arms timers and resumes from the persisted safety state. */
  record Start() implements Event {}

  /** A decoded message from peer {@code from} (the transport's authenticated peer address). */
  record MessageReceived(Address from, ConsensusMessage message) implements Event {
    public MessageReceived {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A timer from {@link Action.ScheduleTimer} has expired. */
  record TimerFired(Timer timer) implements Event {
    public TimerFired {
      Objects.requireNonNull(timer, "timer");
    }
  }

  /** The block of the last {@link Action.Commit} is stored and executed; the next height may start. */
  record BlockExecuted(long height, Hash blockHash) implements Event {
    public BlockExecuted {
      Objects.requireNonNull(blockHash, "blockHash");
    }
  }

  /** A committed block with its certificate, fetched by block sync after {@link Action.RequestSync}. */
  record CommittedBlockReceived(Address from, Block block, CommitCertificate certificate) implements Event {
    public CommittedBlockReceived {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(certificate, "certificate");
    }
  }

  /** The pool changed or a periodic tick: lets the leader propose early when the pool is full (line 6). */
  record Tick() implements Event {}
}
