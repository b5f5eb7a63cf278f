package io.trestle.consensus;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.core.Hash;
import java.util.Objects;
import java.util.Optional;

/**
 * The last block that is committed and executed, where an engine starts: genesis (height 0, no certificate)
 * or a committed block with its commit certificate.
 */
public record ChainTip(long height, Hash blockHash, long timestampMs, Optional<CommitCertificate> certificate) {
  public ChainTip {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(certificate, "certificate");
    if (height < 0 || timestampMs < 0) {
      throw new IllegalArgumentException("chain tip height and timestampMs must be >= 0, got " + height + ", " + timestampMs);
    }
    if (height == 0 && certificate.isPresent()) {
      throw new IllegalArgumentException("genesis has no commit certificate");
    }
    if (height > 0 && certificate.isEmpty()) {
      throw new IllegalArgumentException("committed block " + height + " needs its commit certificate");
    }
    if (certificate.isPresent()
        && (certificate.get().height() != height || !certificate.get().blockHash().equals(blockHash))) {
      throw new IllegalArgumentException("commit certificate does not name block " + height + " " + blockHash);
    }
  }

  public static ChainTip genesis(Hash genesisHash, long timestampMs) {
    return new ChainTip(0, genesisHash, timestampMs, Optional.empty());
  }

  public static ChainTip committed(long timestampMs, CommitCertificate certificate) {
    return new ChainTip(certificate.height(), certificate.blockHash(), timestampMs, Optional.of(certificate));
  }
}
