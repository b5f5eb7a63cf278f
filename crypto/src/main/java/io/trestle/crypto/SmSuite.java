package io.trestle.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The Chinese national-standard suite: SM3 hashes, SM2 signatures with the default user id, address = last
 * 20 bytes of SM3(public key). SM2 signs Z_A ‖ digest, and Z_A contains the signer's public key, so a signature
 * cannot be recovered without that key: every signature carries it, and {@link #recoverPublicKey} verifies
 * the signature against the carried key instead of recovering one (ADR 0100).
 */
public final class SmSuite implements CryptoSuite {
  public static final String NAME = "sm";
  public static final SmSuite INSTANCE = new SmSuite();

  private SmSuite() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte[] hash(byte[] data) {
    return Sm3.hash(data);
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    return Sm2.generateKeyPair(random);
  }

  /** The key pair for a 32-byte private key; IllegalArgumentException unless it is in [1, n-2] (SM2's range). */
  @Override
  public KeyPair keyPair(byte[] privateKey) {
    return Sm2.keyPair(privateKey);
  }

  /** SM2-signs the 32-byte digest as the message; the signature carries the signer's 64-byte public key. */
  @Override
  public Signature sign(byte[] digest, KeyPair key) {
    requireDigest(digest);
    return Sm2.sign(digest, key);
  }

  /** The public key the signature carries, once the signature verifies under it over {@code digest}. */
  @Override
  public byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException {
    requireDigest(digest);
    byte[] publicKey = signature.publicKey();
    if (publicKey == null) {
      throw new SignatureException("sm signature carries no public key");
    }
    requireScalar(signature.r(), "r");
    requireScalar(signature.s(), "s");
    if (signature.recoveryId() != 0) {
      throw new SignatureException("sm signature recovery id must be 0, got " + signature.recoveryId());
    }
    try {
      Sm2.decodePublicKey(publicKey);
    } catch (CryptoException notOnCurve) {
      throw new SignatureException("sm signature carries a public key that is not an sm2p256v1 point");
    }
    if (!Sm2.verify(digest, signature, publicKey)) {
      throw new SignatureException("sm signature does not verify under the public key it carries");
    }
    return publicKey;
  }

  /**
   * Whether the signature is valid under {@code publicKey}; false when the signature carries a different key.
   */
  @Override
  public boolean verify(byte[] digest, Signature signature, byte[] publicKey) {
    return digest.length == 32 && Sm2.verify(digest, signature, publicKey);
  }

  @Override
  public byte[] address(byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new IllegalArgumentException("public key must be 64 bytes, got " + publicKey.length);
    }
    return Arrays.copyOfRange(Sm3.hash(publicKey), 12, 32);
  }

  @Override
  public boolean signatureCarriesPublicKey() {
    return true;
  }

  private static void requireScalar(BigInteger value, String name) throws SignatureException {
    if (value.signum() <= 0 || value.compareTo(Sm2.N) >= 0) {
      throw new SignatureException("sm signature " + name + " is not in [1, n-1]");
    }
  }

  private static void requireDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
    }
  }
}
