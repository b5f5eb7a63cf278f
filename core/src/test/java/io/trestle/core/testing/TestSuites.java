package io.trestle.core.testing;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Secp256k1;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Crypto suites for tests: one whose signatures carry the public key (the shape of {@code sm}), and a counter. */
public final class TestSuites {
  private TestSuites() {}

  /**
   * secp256k1 signatures that carry the signer's key, like SM2's, so the key-carrying wire form can be tested
   * without the SM suite. Hash: Keccak-256.
   */
  public static CryptoSuite carriedKey() {
    return new CarriedKey();
  }

  /** The ethereum suite, counting public-key recoveries. */
  public static Counting countingEthereum() {
    return new Counting();
  }

  private static final class CarriedKey implements CryptoSuite {
    @Override
    public String name() {
      return "test-carried-key";
    }

    @Override
    public byte[] hash(byte[] data) {
      return EthereumSuite.INSTANCE.hash(data);
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
      return Secp256k1.generateKeyPair(random);
    }

    @Override
    public KeyPair keyPair(byte[] privateKey) {
      return Secp256k1.keyPair(privateKey);
    }

    @Override
    public Signature sign(byte[] digest, KeyPair key) {
      Signature plain = Secp256k1.sign(digest, key.privateKey());
      return new Signature(plain.r(), plain.s(), 0, key.publicKey());
    }

    @Override
    public byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException {
      if (signature.publicKey() == null || !verify(digest, signature, signature.publicKey())) {
        throw new SignatureException("signature does not verify against its public key");
      }
      return signature.publicKey();
    }

    @Override
    public boolean verify(byte[] digest, Signature signature, byte[] publicKey) {
      return Secp256k1.verify(digest, signature, publicKey);
    }

    @Override
    public byte[] address(byte[] publicKey) {
      return EthereumSuite.INSTANCE.address(publicKey);
    }

    @Override
    public boolean signatureCarriesPublicKey() {
      return true;
    }
  }

  /** Delegates to the ethereum suite under its name, counting calls to {@link #recoverPublicKey}. */
  public static final class Counting implements CryptoSuite {
    private final AtomicInteger recoveries = new AtomicInteger();

    public int recoveries() {
      return recoveries.get();
    }

    @Override
    public String name() {
      return EthereumSuite.NAME;
    }

    @Override
    public byte[] hash(byte[] data) {
      return EthereumSuite.INSTANCE.hash(data);
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
      return EthereumSuite.INSTANCE.generateKeyPair(random);
    }

    @Override
    public KeyPair keyPair(byte[] privateKey) {
      return EthereumSuite.INSTANCE.keyPair(privateKey);
    }

    @Override
    public Signature sign(byte[] digest, KeyPair key) {
      return EthereumSuite.INSTANCE.sign(digest, key);
    }

    @Override
    public byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException {
      recoveries.incrementAndGet();
      return EthereumSuite.INSTANCE.recoverPublicKey(digest, signature);
    }

    @Override
    public boolean verify(byte[] digest, Signature signature, byte[] publicKey) {
      return EthereumSuite.INSTANCE.verify(digest, signature, publicKey);
    }

    @Override
    public byte[] address(byte[] publicKey) {
      return EthereumSuite.INSTANCE.address(publicKey);
    }

    @Override
    public boolean signatureCarriesPublicKey() {
      return false;
    }
  }
}
