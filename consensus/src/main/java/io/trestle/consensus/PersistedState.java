package io.trestle.consensus;

import io.trestle.consensus.wire.Block;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the driver hands a restarting engine from its store besides the chain tip: the last {@link SafetyState}
 * it persisted and the blocks of {@link Action.PersistBlock} not yet pruned. The blocks matter for liveness: a
 * block that gathered a QC must be re-proposed in later rounds (line 47), and after a crash only the validators
 * that voted for it can still provide it.
 */
public record PersistedState(Optional<SafetyState> safety, List<Block> votedBlocks) {
  public PersistedState {
    Objects.requireNonNull(safety, "safety");
    votedBlocks = List.copyOf(votedBlocks);
  }

  /** A first start: nothing persisted yet. */
  public static PersistedState none() {
    return new PersistedState(Optional.empty(), List.of());
  }
}
