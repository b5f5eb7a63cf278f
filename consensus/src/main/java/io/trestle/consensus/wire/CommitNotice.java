package io.trestle.consensus.wire;

import io.trestle.consensus.cert.CommitCertificate;
import java.util.Objects;

/** A commit certificate sent to a peer that is behind (docs/consensus.md line 50). */
public record CommitNotice(CommitCertificate certificate) implements ConsensusMessage {
  public CommitNotice {
    Objects.requireNonNull(certificate, "certificate");
  }

  @Override
  public long height() {
    return certificate.height();
  }
}
