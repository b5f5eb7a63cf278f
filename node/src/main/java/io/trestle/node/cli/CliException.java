package io.trestle.node.cli;

/** A failure the user caused or can fix; printed as one line, exit code 1. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}
