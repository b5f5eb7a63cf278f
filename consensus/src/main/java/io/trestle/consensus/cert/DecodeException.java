package io.trestle.consensus.cert;

/**
 * Bytes from outside that are not a valid encoding of the expected consensus type. The only exception the
 * consensus decoders throw: non-canonical RLP, wrong shapes, values out of range and inputs over a limit all
 * end here.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
