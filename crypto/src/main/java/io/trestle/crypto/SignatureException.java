package io.trestle.crypto;

/** A signature that is malformed or does not verify. Checked: it always comes from outside input. */
public final class SignatureException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public SignatureException(String message) {
    super(message);
  }
}
