package io.trestle.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * SM2 (GB/T 32918) on the recommended curve sm2p256v1: key pairs, signatures with the default user id
 * {@code "1234567812345678"} (GM/T 0009), and public-key encryption in the C1‖C3‖C2 order of GB/T 32918.4-2016.
 * Keys are 32-byte private scalars and 64-byte {@code x || y} public keys, as in {@link KeyPair}.
 *
 * <p>Signing draws k from a SecureRandom: SM2 has no standard deterministic nonce, and the signer's public key
 * travels with the signature, so nothing downstream depends on signature bytes being reproducible.
 */
public final class Sm2 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("sm2p256v1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  static final Sm2Scheme SCHEME = new Sm2Scheme(DOMAIN);
  static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom NONCE_RANDOM = new SecureRandom();

  public static final BigInteger N = PARAMS.getN();

  private Sm2() {}

  /** The user id signers use unless they agreed on another: ASCII {@code "1234567812345678"}. */
  public static byte[] defaultUserId() {
    return DEFAULT_USER_ID.clone();
  }

  public static KeyPair generateKeyPair(SecureRandom random) {
    BigInteger upper = N.subtract(BigInteger.ONE);
    while (true) {
      byte[] priv = new byte[32];
      random.nextBytes(priv);
      BigInteger d = new BigInteger(1, priv);
      if (d.signum() > 0 && d.compareTo(upper) < 0) {
        return keyPair(priv);
      }
    }
  }

  /** The key pair of a 32-byte private key; IllegalArgumentException unless it is in [1, n-2]. */
  public static KeyPair keyPair(byte[] privateKey) {
    BigInteger d = privateScalar(privateKey);
    return new KeyPair(Ints.toFixed(d, 32), encode(SCHEME.publicPoint(d)));
  }

  /**
   * Signs {@code message} (any length; SM2 hashes Z_A ‖ M with SM3 itself) with the default user id. The
   * signature carries the 64-byte public key, recovery id 0.
   */
  public static Signature sign(byte[] message, KeyPair key) {
    BigInteger d = privateScalar(key.privateKey());
    byte[] publicKey = key.publicKey();
    ECPoint q = decodeOwnKey(publicKey);
    BigInteger[] rs = SCHEME.sign(DEFAULT_USER_ID, d, q, message, Sm2Scheme.randomNonces(NONCE_RANDOM));
    return new Signature(rs[0], rs[1], 0, publicKey);
  }

  /**
   * Whether {@code signature} is a valid SM2 signature of {@code message} under {@code publicKey} with the
   * default user id. A signature that carries a different public key does not verify: it names another signer.
   */
  public static boolean verify(byte[] message, Signature signature, byte[] publicKey) {
    byte[] carried = signature.publicKey();
    if (carried != null && !Arrays.equals(carried, publicKey)) {
      return false;
    }
    ECPoint q;
    try {
      q = decodePublicKey(publicKey);
    } catch (CryptoException badKey) {
      return false;
    }
    return SCHEME.verify(DEFAULT_USER_ID, q, message, signature.r(), signature.s());
  }

  /** Encrypts to a 64-byte public key; the ciphertext is C1 (65 bytes) ‖ C3 (32) ‖ C2 (plaintext length). */
  public static byte[] encrypt(byte[] publicKey, byte[] plaintext) throws CryptoException {
    return SCHEME.encrypt(decodePublicKey(publicKey), plaintext, Sm2Scheme.randomNonces(NONCE_RANDOM));
  }

  /** Decrypts C1 ‖ C3 ‖ C2; a malformed ciphertext, the wrong key or any altered byte is a CryptoException. */
  public static byte[] decrypt(byte[] privateKey, byte[] ciphertext) throws CryptoException {
    return SCHEME.decrypt(privateScalar(privateKey), ciphertext);
  }

  static BigInteger privateScalar(byte[] privateKey) {
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("SM2 private key must be 32 bytes, got " + privateKey.length);
    }
    return SCHEME.requirePrivateScalar(new BigInteger(1, privateKey));
  }

  /** A 64-byte public key from outside: it must be a point of sm2p256v1. */
  static ECPoint decodePublicKey(byte[] publicKey) throws CryptoException {
    if (publicKey.length != 64) {
      throw new CryptoException("SM2 public key must be 64 bytes, got " + publicKey.length);
    }
    byte[] encoded = new byte[65];
    encoded[0] = 0x04;
    System.arraycopy(publicKey, 0, encoded, 1, 64);
    return SCHEME.decodePoint(encoded, "SM2 public key");
  }

  private static ECPoint decodeOwnKey(byte[] publicKey) {
    try {
      return decodePublicKey(publicKey);
    } catch (CryptoException e) {
      throw new IllegalArgumentException("key pair holds an invalid SM2 public key", e);
    }
  }

  static byte[] encode(ECPoint point) {
    return Arrays.copyOfRange(point.normalize().getEncoded(false), 1, 65);
  }
}
