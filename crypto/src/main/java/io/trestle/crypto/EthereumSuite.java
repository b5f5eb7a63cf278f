package io.trestle.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/** secp256k1 ECDSA with recoverable, low-s signatures; Keccak-256; address = last 20 bytes of keccak(pub). */
public final class EthereumSuite implements CryptoSuite {
  public static final String NAME = "ethereum";
  public static final EthereumSuite INSTANCE = new EthereumSuite();

  private EthereumSuite() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte[] hash(byte[] data) {
    return Keccak256.hash(data);
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
    return Secp256k1.sign(digest, key.privateKey());
  }

  @Override
  public byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException {
    return Secp256k1.recoverPublicKey(digest, signature);
  }

  @Override
  public boolean verify(byte[] digest, Signature signature, byte[] publicKey) {
    return Secp256k1.verify(digest, signature, publicKey);
  }

  @Override
  public byte[] address(byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new IllegalArgumentException("public key must be 64 bytes, got " + publicKey.length);
    }
    byte[] h = Keccak256.hash(publicKey);
    return Arrays.copyOfRange(h, 12, 32);
  }

  @Override
  public boolean signatureCarriesPublicKey() {
    return false;
  }
}
