package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.util.Objects;

/** A validator as governance stores it: its address and the 64-byte public key it signs votes with. */
public record ValidatorInfo(Address address, Bytes publicKey) {
  public static final int PUBLIC_KEY_BYTES = 64;

  public ValidatorInfo {
    Objects.requireNonNull(address, "address");
    if (publicKey.size() != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("validator public key must be " + PUBLIC_KEY_BYTES + " bytes, got "
          + publicKey.size());
    }
  }
}
