package io.trestle.execution.genesis;

/** A genesis file that cannot define a chain, with the field at fault. */
public final class GenesisException extends Exception {
  private static final long serialVersionUID = 1L;

  public GenesisException(String message) {
    super(message);
  }
}
