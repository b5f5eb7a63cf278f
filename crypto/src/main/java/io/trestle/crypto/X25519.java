package io.trestle.crypto;

import java.security.SecureRandom;

/**
 * X25519 key agreement (RFC 7748) with BouncyCastle's implementation, for the p2p handshake. Keys are
 * 32-byte strings; a peer key of small order, which would make the shared secret all zeros and so known to
 * anyone, is refused.
 */
public final class X25519 {
  public static final int KEY_BYTES = 32;

  private X25519() {}

  public static KeyPair generateKeyPair(SecureRandom random) {
    byte[] privateKey = new byte[KEY_BYTES];
    random.nextBytes(privateKey);
    return keyPair(privateKey);
  }

  /** The key pair of any 32-byte private key (clamping happens inside the scalar multiplication). */
  public static KeyPair keyPair(byte[] privateKey) {
    requirePrivateKey(privateKey);
    byte[] publicKey = new byte[KEY_BYTES];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, publicKey, 0);
    return new KeyPair(privateKey, publicKey);
  }

  /** The 32-byte shared secret with a peer's public key; a CryptoException for a wrong length or small order. */
  public static byte[] sharedSecret(byte[] privateKey, byte[] peerPublicKey) throws CryptoException {
    requirePrivateKey(privateKey);
    if (peerPublicKey.length != KEY_BYTES) {
      throw new CryptoException("X25519 public key must be " + KEY_BYTES + " bytes, got " + peerPublicKey.length);
    }
    byte[] secret = new byte[KEY_BYTES];
    if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, secret, 0)) {
      throw new CryptoException("X25519 public key has small order: the shared secret would be all zeros");
    }
    return secret;
  }

  private static void requirePrivateKey(byte[] privateKey) {
    if (privateKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("X25519 private key must be " + KEY_BYTES + " bytes, got " + privateKey.length);
    }
  }
}
