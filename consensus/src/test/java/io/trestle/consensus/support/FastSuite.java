package io.trestle.consensus.support;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A test-only suite about 1000 times cheaper than secp256k1, so the simulation can run thousands of seeds:
 * the hash is the JDK's SHA-256 and a signature is sha256(publicKey ‖ digest). Anyone who knows a public key could forge it, so it is
 * only sound against the simulated adversaries, which forge with random bytes or other keys' signatures, never
 * by computing this hash. Real secp256k1 runs in the engine unit tests and in a slice of the simulation seeds.
 */
public final class FastSuite implements CryptoSuite {
  public static final FastSuite INSTANCE = new FastSuite();

  private static final MessageDigest SHA256;

  static {
    try {
      SHA256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private FastSuite() {}

  private static byte[] sha256(byte[] data) {
    try {
      MessageDigest md = (MessageDigest) SHA256.clone();
      return md.digest(data);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "fast-test";
  }

  @Override
  public byte[] hash(byte[] data) {
    return sha256(data);
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return keyPair(key);
  }

  @Override
  public KeyPair keyPair(byte[] privateKey) {
    byte[] a = Keccak256.hash(privateKey);
    byte[] b = Keccak256.hash(a);
    byte[] pub = Arrays.copyOf(a, 64);
    System.arraycopy(b, 0, pub, 32, 32);
    return new KeyPair(privateKey, pub);
  }

  @Override
  public Signature sign(byte[] digest, KeyPair key) {
    return new Signature(tag(key.publicKey(), digest), BigInteger.ONE, 0);
  }

  @Override
  public byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException {
    throw new SignatureException("fast-test signatures are not recoverable");
  }

  @Override
  public boolean verify(byte[] digest, Signature signature, byte[] publicKey) {
    return signature.s().equals(BigInteger.ONE) && signature.recoveryId() == 0
        && signature.r().equals(tag(publicKey, digest));
  }

  @Override
  public byte[] address(byte[] publicKey) {
    return Arrays.copyOfRange(sha256(publicKey), 12, 32);
  }

  @Override
  public boolean signatureCarriesPublicKey() {
    return false;
  }

  private static BigInteger tag(byte[] publicKey, byte[] digest) {
    byte[] in = Arrays.copyOf(publicKey, publicKey.length + digest.length);
    System.arraycopy(digest, 0, in, publicKey.length, digest.length);
    return new BigInteger(1, sha256(in));
  }
}
