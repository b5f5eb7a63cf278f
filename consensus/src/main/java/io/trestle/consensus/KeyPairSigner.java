package io.trestle.consensus;

import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Signature;
import java.util.Objects;

/** A {@link Signer} over a key pair held in memory. */
public final class KeyPairSigner implements Signer {
  private final CryptoSuite suite;
  private final KeyPair keyPair;
  private final Address address;

  public KeyPairSigner(CryptoSuite suite, KeyPair keyPair) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    this.address = Address.wrap(suite.address(keyPair.publicKey()));
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public Signature sign(byte[] digest) {
    return suite.sign(digest, keyPair);
  }
}
