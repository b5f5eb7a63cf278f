package io.trestle.node.loadgen;

/** A load run that cannot go on: the node is unreachable, refuses the funding, or the settings are unusable. */
public final class LoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
