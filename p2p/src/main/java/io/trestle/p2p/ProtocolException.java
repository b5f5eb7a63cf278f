package io.trestle.p2p;

/**
 * Bytes from a peer that break the wire protocol: a frame of the wrong size, a message that does not decode,
 * a ciphertext that fails authentication. Checked, because what a peer sends is outside input; the network
 * answers it by closing the connection (and, for junk, banning the sender).
 */
public class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }
}
