package io.trestle.core.rlp;

/** Input that is not canonical RLP, or not the RLP shape a decoder expected. */
public final class RlpException extends Exception {
  private static final long serialVersionUID = 1L;

  public RlpException(String message) {
    super(message);
  }
}
