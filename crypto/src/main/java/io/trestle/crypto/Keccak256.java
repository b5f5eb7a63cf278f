package io.trestle.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 with the original padding (Ethereum's {@code keccak256}, not SHA3-256). */
public final class Keccak256 {
  public static final int LENGTH = 32;

  private Keccak256() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, offset, length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  public static Hasher newHasher() {
    return new DigestHasher(new KeccakDigest(256));
  }
}
