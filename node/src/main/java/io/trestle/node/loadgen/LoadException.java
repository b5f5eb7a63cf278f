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

  /**
   * Whether the node could not be reached or went away mid-answer (refused or reset connection), as opposed to
   * answering badly or slowly: the case where a client with several nodes moves on to another.
   */
  public boolean unreachable() {
    return getCause() instanceof java.io.IOException && !(getCause() instanceof java.net.http.HttpTimeoutException);
  }
}
