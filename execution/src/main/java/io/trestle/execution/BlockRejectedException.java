package io.trestle.execution;

/** A block that does not extend the chain validly: wrong parent, height, lagged results, fees or body. */
public final class BlockRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public BlockRejectedException(String message) {
    super(message);
  }
}
