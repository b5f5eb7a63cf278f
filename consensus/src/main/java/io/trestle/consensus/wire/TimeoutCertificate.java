package io.trestle.consensus.wire;

import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TC_r: timeouts of a quorum for (h, r) and the QC of the highest round any of them claimed (docs/consensus.md
 * §2). It lets every validator enter round r+1 (line 43) and obliges the next leader to re-propose the block
 * of {@code highQc} when there is one (line 47).
 */
public record TimeoutCertificate(long height, int round, List<TimeoutEntry> entries, Optional<QuorumCertificate> highQc)
    implements ConsensusMessage {
  public TimeoutCertificate {
    Objects.requireNonNull(highQc, "highQc");
    Messages.requireHeightRound(height, round, "timeout certificate");
    entries = List.copyOf(entries);
    if (entries.size() > ValidatorSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException(
          "timeout certificate has " + entries.size() + " entries, more than " + ValidatorSet.MAX_VALIDATORS);
    }
  }

  /** The largest QC round the signers claimed, or −1. */
  public int maxClaimedQcRound() {
    int max = -1;
    for (TimeoutEntry e : entries) {
      max = Math.max(max, e.highQcRound());
    }
    return max;
  }
}
