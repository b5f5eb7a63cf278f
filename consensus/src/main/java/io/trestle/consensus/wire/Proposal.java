package io.trestle.consensus.wire;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.VoteSignature;
import java.util.Objects;
import java.util.Optional;

/**
 * PROPOSAL(h, r, B, CC(h−1), TC_{r−1}) signed by leader(h, r) (docs/consensus.md line 10). The parent's commit
 * certificate lets nodes still at h−1 commit it (line 52); the timeout certificate justifies every round
 * after 0 (line 12) and decides whether {@code block} must be a re-proposal (line 14).
 */
public record Proposal(
    long height,
    int round,
    Block block,
    Optional<CommitCertificate> parentCertificate,
    Optional<TimeoutCertificate> justification,
    VoteSignature signature)
    implements ConsensusMessage {
  public Proposal {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(parentCertificate, "parentCertificate");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(signature, "signature");
    Messages.requireHeightRound(height, round, "proposal");
  }
}
