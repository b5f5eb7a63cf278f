package io.trestle.consensus;

import io.trestle.core.Address;
import io.trestle.crypto.Signature;

/** Signs consensus digests with this node's validator key, wherever that key lives (file, HSM, test). */
public interface Signer {
  /** The validator address the signatures verify against. */
  Address address();

  /** Signs a 32-byte digest from {@link io.trestle.consensus.cert.SigningDigest}. */
  Signature sign(byte[] digest);
}
