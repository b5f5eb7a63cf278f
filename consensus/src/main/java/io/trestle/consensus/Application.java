package io.trestle.consensus;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.wire.Block;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.util.Optional;

/**
 * The one narrow interface between consensus and execution (ABCI-shaped). The engine calls the first five
 * methods synchronously from {@link ConsensusEngine#onEvent}; they must be deterministic functions of the
 * committed and executed chain (and, for {@link #buildPayload} and {@link #poolFull}, of the local pool) and
 * must not block on I/O. {@link #commit} is called by the driver, not the engine (docs/consensus.md §7).
 */
public interface Application {
  /**
   * The validators of {@code height}. Must be present for every height up to the last executed height + 2
   * (validator-set changes take effect at least two heights after the block that makes them); may be empty
   * for heights further ahead.
   */
  Optional<ValidatorSet> validators(long height);

  /**
   * A payload for a new block at {@code height} on top of the executed parent {@code parentHash}, e.g. the
   * pool's best transactions and the parent's execution results. Its size must not exceed the engine's
   * {@link EngineConfig#maxPayloadBytes()}.
   */
  Payload buildPayload(long height, Hash parentHash, Address proposer, long timestampMs);

  /**
   * Whether {@code payload} is the preimage {@code payloadHash} commits to. Stateless and cheap: the engine
   * asks it for every block that arrives, including blocks fetched for a commit certificate, which it does not
   * {@link #validate}.
   */
  boolean payloadMatches(Hash payloadHash, Bytes payload);

  /**
   * Whether {@code block} is valid on top of the executed parent: the same answer on every honest node for
   * the same chain and block (no dependence on the local pool or clock), since a re-proposed block is judged
   * again in later rounds.
   */
  Verdict validate(Block block);

  /** Whether the pool holds a full block's worth of transactions, so the leader need not wait the interval. */
  boolean poolFull();

  /**
   * Executes a committed block. Called by the driver after it has stored block and certificate; the driver
   * then reports {@link Event.BlockExecuted} to the engine, which only then starts the next height.
   */
  void commit(Block block, CommitCertificate certificate);
}
