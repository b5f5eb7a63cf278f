package io.trestle.services.evidence;

import io.trestle.crypto.Sha256;
import io.trestle.crypto.Sm3;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Digest algorithms the evidence registry accepts, with their ABI numbers, names and digest lengths. */
public enum HashAlgorithm {
  SHA256(1, "sha-256", 32),
  SM3(2, "sm3", 32),
  SHA512(3, "sha-512", 64);

  private final int code;
  private final String label;
  private final int digestBytes;

  HashAlgorithm(int code, String label, int digestBytes) {
    this.code = code;
    this.label = label;
    this.digestBytes = digestBytes;
  }

  public int code() {
    return code;
  }

  /** The name receipts and the REST API use. */
  public String label() {
    return label;
  }

  public int digestBytes() {
    return digestBytes;
  }

  /** Whether batch Merkle trees may be built with it (their roots are bytes32). */
  public boolean supportsBatches() {
    return digestBytes == 32;
  }

  public byte[] hash(byte[] data) {
    return switch (this) {
      case SHA256 -> Sha256.hash(data);
      case SM3 -> Sm3.hash(data);
      case SHA512 -> sha512(data);
    };
  }

  private static byte[] sha512(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-512", e);
    }
  }

  /** Gas for hashing {@code bytes} on chain, priced like the SHA-256 precompile. */
  public static long gas(int bytes) {
    return 60 + 12L * ((bytes + 31) / 32);
  }

  public static HashAlgorithm ofCode(int code) {
    for (HashAlgorithm a : values()) {
      if (a.code == code) {
        return a;
      }
    }
    return null;
  }

  public static HashAlgorithm ofLabel(String label) {
    for (HashAlgorithm a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    return null;
  }
}
