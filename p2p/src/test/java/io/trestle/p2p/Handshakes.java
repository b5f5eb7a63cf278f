package io.trestle.p2p;

/** Test shortcuts over the handshake state machine. */
final class Handshakes {
  /** A precheck that lets every claimed address through to signature verification. */
  static final Handshake.Precheck ANY = claimed -> { };

  private Handshakes() {}

  /** Takes the peer's hello and returns our auth frame, whatever our role (tests drive both ends by hand). */
  static byte[] answer(Handshake handshake, byte[] peerHello) throws HandshakeException {
    handshake.acceptPeerHello(peerHello);
    return handshake.authFrame();
  }
}
