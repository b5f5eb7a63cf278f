package io.trestle.consensus.wire;

import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.VoteSignature;
import java.util.Objects;
import java.util.Optional;

/**
 * TIMEOUT(h, r, highQC) signed over (h, r, highQC.round) (docs/consensus.md line 35). The QC travels along so a
 * timeout certificate can carry the highest one; only its round is signed, which keeps a TC at O(n)
 * signatures.
 */
public record Timeout(long height, int round, Optional<QuorumCertificate> highQc, VoteSignature signature)
    implements ConsensusMessage {
  public Timeout {
    Objects.requireNonNull(highQc, "highQc");
    Objects.requireNonNull(signature, "signature");
    Messages.requireHeightRound(height, round, "timeout");
  }

  /** The signed claim: highQC's round, or −1 without one. */
  public int highQcRound() {
    return highQc.map(qc -> qc.round()).orElse(-1);
  }
}
