package io.trestle.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** SM3 (GB/T 32905-2016), the hash of the {@code sm} suite, and HMAC-SM3 (RFC 2104 construction over SM3). */
public final class Sm3 {
  public static final int LENGTH = 32;

  private Sm3() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    SM3Digest digest = new SM3Digest();
    digest.update(data, offset, length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  public static Hasher newHasher() {
    return new DigestHasher(new SM3Digest());
  }

  /** The 32-byte HMAC-SM3 of {@code data} under {@code key} (any key length; long keys are hashed first). */
  public static byte[] hmac(byte[] key, byte[] data) {
    HMac mac = new HMac(new SM3Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[LENGTH];
    mac.doFinal(out, 0);
    return out;
  }
}
