package io.trestle.services.did;

/** A public key that is not a valid key of its declared type. */
public final class InvalidKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidKeyException(String message) {
    super(message);
  }
}
