package io.trestle.p2p;

/**
 * A handshake that cannot complete. The {@link Kind} decides what the network does besides closing: junk and
 * failed authentication get the remote host banned, a mismatch or a refusal does not (it is usually a
 * misconfiguration, not an attack).
 */
final class HandshakeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** Bytes that do not decode as the expected handshake message. */
    MALFORMED,
    /** A ciphertext or signature that does not verify. */
    AUTHENTICATION,
    /** Another chain, genesis, suite or protocol version. */
    MISMATCH,
    /** The remote end is this node. */
    SELF,
    /** Not admitted, banned, not the expected address, duplicate or too many peers. */
    REFUSED
  }

  private final Kind kind;

  HandshakeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** Whether the sender should be banned: it sent bytes no honest implementation sends. */
  boolean isJunk() {
    return kind == Kind.MALFORMED || kind == Kind.AUTHENTICATION;
  }
}
