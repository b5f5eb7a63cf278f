package io.trestle.services.did;

/** A string that is not a DID (or not a {@code did:trestle} DID), with the reason. */
public final class DidSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public DidSyntaxException(String message) {
    super(message);
  }
}
