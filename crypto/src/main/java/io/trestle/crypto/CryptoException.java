package io.trestle.crypto;

/**
 * Cryptographic input from outside that cannot be used: a public key that is not on the curve, a ciphertext
 * whose tag or check value does not match, a key-confirmation value that differs. Checked because callers
 * must decide what a peer's or user's bad input means; a programmer's error is an IllegalArgumentException.
 */
public class CryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  public CryptoException(String message) {
    super(message);
  }
}
