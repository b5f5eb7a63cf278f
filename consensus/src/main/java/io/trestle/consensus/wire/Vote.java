package io.trestle.consensus.wire;

import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.core.Hash;
import java.util.Objects;

/** PREPARE(h, r, b) or COMMIT(h, r, b), signed (docs/consensus.md lines 19 and 26). */
public record Vote(VoteKind kind, long height, int round, Hash blockHash, VoteSignature signature)
    implements ConsensusMessage {
  public Vote {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(signature, "signature");
    Messages.requireHeightRound(height, round, "vote");
  }
}
