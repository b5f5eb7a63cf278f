package io.trestle.p2p;

/** A peer endpoint string from configuration that cannot be used, with what is wrong in it. */
public final class PeerEndpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public PeerEndpointException(String message) {
    super(message);
  }
}
