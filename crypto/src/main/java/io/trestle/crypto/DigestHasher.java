package io.trestle.crypto;

import org.bouncycastle.crypto.Digest;

/** A {@link Hasher} over any BouncyCastle digest, so callers never see BouncyCastle types. */
final class DigestHasher implements Hasher {
  private final Digest digest;

  DigestHasher(Digest digest) {
    this.digest = digest;
  }

  @Override
  public Hasher update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
    return this;
  }

  @Override
  public byte[] digest() {
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
