package io.trestle.crypto.keystore;

import io.trestle.crypto.CryptoException;

/**
 * A keystore file that cannot be opened: wrong password (the MAC does not match), malformed JSON, a missing
 * or ill-typed field, an unsupported cipher, KDF or suite, or KDF parameters beyond the limits.
 */
public final class KeystoreException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public KeystoreException(String message) {
    super(message);
  }
}
