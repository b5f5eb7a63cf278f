package io.trestle.p2p;

/**
 * One direction of a session: an AEAD key and a frame counter that is the nonce. The counter only moves
 * forward, so a nonce is never used twice under a key; a dropped, replayed or reordered frame fails
 * authentication because its nonce no longer matches. Not thread-safe: each direction is owned by the
 * connection's event loop.
 */
final class SessionCipher {
  private final SessionSuite.Aead aead;
  private final long framesMax;
  private long counter;

  SessionCipher(SessionSuite.Aead aead, long framesMax) {
    if (framesMax < 1) {
      throw new IllegalArgumentException("framesMax must be positive, got " + framesMax);
    }
    this.aead = aead;
    this.framesMax = framesMax;
  }

  /** Encrypts the next frame; a ProtocolException once the counter limit is reached (reconnect to re-key). */
  byte[] seal(byte[] plaintext) throws ProtocolException {
    return aead.seal(nextNonce("send"), plaintext);
  }

  /** Decrypts the next frame; a ProtocolException when it fails authentication or the counter is exhausted. */
  byte[] open(byte[] ciphertextAndTag) throws ProtocolException {
    return aead.open(nextNonce("receive"), ciphertextAndTag);
  }

  long framesUsed() {
    return counter;
  }

  private byte[] nextNonce(String direction) throws ProtocolException {
    if (counter >= framesMax) {
      throw new CounterExhaustedException(
          direction + " frame counter reached its limit " + framesMax + "; the session must be re-keyed");
    }
    long n = counter++;
    byte[] nonce = new byte[SessionSuite.NONCE_BYTES];
    for (int i = 0; i < 8; i++) {
      nonce[SessionSuite.NONCE_BYTES - 1 - i] = (byte) (n >>> (8 * i));
    }
    return nonce;
  }

  /** The session carried as many frames as one key may; not the peer's fault, but the connection must close. */
  static final class CounterExhaustedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    CounterExhaustedException(String message) {
      super(message);
    }
  }
}
