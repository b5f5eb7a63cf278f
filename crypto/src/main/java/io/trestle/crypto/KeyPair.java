package io.trestle.crypto;

import java.util.Arrays;

/**
 * A private key (32 bytes, big-endian scalar) and its public key (64 bytes, uncompressed {@code x || y}
 * without the 0x04 prefix). Ed25519 keys use their 32-byte encodings instead.
 */
public final class KeyPair {
  private final byte[] privateKey;
  private final byte[] publicKey;

  public KeyPair(byte[] privateKey, byte[] publicKey) {
    this.privateKey = privateKey.clone();
    this.publicKey = publicKey.clone();
  }

  public byte[] privateKey() {
    return privateKey.clone();
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPair other && Arrays.equals(privateKey, other.privateKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "KeyPair[public=" + Hex.encode(publicKey) + "]";
  }
}
