package io.trestle.consensus.wire;

import io.trestle.core.Hash;
import java.util.Objects;

/** Asks a peer for a block of the current height that a certificate names (docs/consensus.md lines 30, 47). */
public record BlockRequest(long height, Hash blockHash) implements ConsensusMessage {
  public BlockRequest {
    Objects.requireNonNull(blockHash, "blockHash");
    Messages.requireHeightRound(height, 0, "block request");
  }
}
