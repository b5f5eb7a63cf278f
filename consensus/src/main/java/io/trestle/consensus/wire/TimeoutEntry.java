package io.trestle.consensus.wire;

import io.trestle.core.Address;
import io.trestle.crypto.Signature;
import java.util.Objects;

/** One signer's timeout inside a timeout certificate: its claimed highQC round (−1 for none) and signature. */
public record TimeoutEntry(Address signer, int highQcRound, Signature signature) {
  public TimeoutEntry {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
    if (highQcRound < -1) {
      throw new IllegalArgumentException("timeout highQcRound must be >= -1, got " + highQcRound);
    }
  }
}
