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
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IndexOutOfBoundsException("range [" + offset + ", +" + length + ") of " + data.length + " bytes");
    }
    long[] state = new long[25];
    KeccakF1600.absorbMessage(state, data, offset, length);
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < 4; i++) {
      long lane = state[i];
      for (int j = 0; j < 8; j++) {
        out[8 * i + j] = (byte) lane;
        lane >>>= 8;
      }
    }
    return out;
  }

  /** An incremental hasher for input that arrives in pieces (BouncyCastle's digest). */
  public static Hasher newHasher() {
    return new DigestHasher(new KeccakDigest(256));
  }
}
