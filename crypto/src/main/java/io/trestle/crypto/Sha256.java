package io.trestle.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 (FIPS 180-4). */
public final class Sha256 {
  public static final int LENGTH = 32;

  private Sha256() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, offset, length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  public static Hasher newHasher() {
    return new DigestHasher(new SHA256Digest());
  }
}
