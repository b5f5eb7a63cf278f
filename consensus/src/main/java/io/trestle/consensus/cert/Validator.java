package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.util.Objects;

/** One member of a validator set: its account address and the 64-byte public key it signs with. */
public record Validator(Address address, Bytes publicKey) {
  public static final int PUBLIC_KEY_LENGTH = 64;

  public Validator {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.size() != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "validator publicKey must be " + PUBLIC_KEY_LENGTH + " bytes, got " + publicKey.size());
    }
  }
}
