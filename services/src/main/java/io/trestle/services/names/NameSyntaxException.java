package io.trestle.services.names;

/** A string that is not a valid {@code label.trestle} name, with the reason. */
public final class NameSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public NameSyntaxException(String message) {
    super(message);
  }
}
